"""What a person answered, checked against the question bank.

Answers are a plain mapping from question id to the option value chosen (a tuple of values
for a multi-choice question); a skipped question is simply absent. Interactive answers,
answers files, ``--what-if`` overrides and answers replayed from the store all pass through
:func:`check_answer`, so the rules are the same wherever an answer comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from careerfit.errors import AnswerRejected
from careerfit.kb.questions import Question, QuestionKind, QuestionsFile

Value = str | tuple[str, ...]
Answers = Mapping[str, Value]


def check_answer(question: Question, raw: object) -> Value:
    """Return the answer in canonical form, or raise AnswerRejected explaining the choices."""
    allowed = [o.value for o in question.options]
    if question.kind is QuestionKind.multi:
        if isinstance(raw, str):
            raw = [p for p in raw.replace(",", " ").split() if p]
        if not isinstance(raw, list | tuple) or not raw or not all(isinstance(v, str) for v in raw):
            raise AnswerRejected(
                f"'{question.id}' takes a list of one or more of: {', '.join(allowed)}"
            )
        values = tuple(dict.fromkeys(_spelled(v, allowed) for v in raw))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise AnswerRejected(
                f"'{question.id}' has no answer {', '.join(map(repr, unknown))}; "
                f"choose from: {', '.join(allowed)}{_did_you_mean(unknown[0], allowed)}"
            )
        exclusive = [v for v in values if question.option(v).exclusive]  # type: ignore[union-attr]
        if exclusive and len(values) > 1:
            raise AnswerRejected(
                f"'{question.id}': '{exclusive[0]}' cannot be combined with other answers"
            )
        return tuple(sorted(values, key=allowed.index))
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise AnswerRejected(f"'{question.id}' takes one of: {', '.join(allowed)}")
    value = _spelled(str(raw), allowed)
    if value not in allowed:
        raise AnswerRejected(
            f"'{question.id}' has no answer {value!r}; "
            f"choose one of: {', '.join(allowed)}{_did_you_mean(value, allowed)}"
        )
    return value


def _spelled(value: str, allowed: list[str]) -> str:
    """An answer in its canonical spelling when it differs only in case, spaces or _ for -.

    Role names are matched that way too; an answers file written by hand ("Agree",
    "strongly_agree", " bachelor ") means what it says.
    """
    if value in allowed:
        return value
    key = "-".join(value.strip().lower().replace("_", " ").split())
    return next((a for a in allowed if a.lower() == key), value)


def _did_you_mean(value: str, allowed: list[str]) -> str:
    """A hint like " (did you mean 'agree'?)" for a near miss, else nothing."""
    import difflib

    close = difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class AnswerProblem(NamedTuple):
    """One problem in a set of answers: the key it concerns and what is wrong.

    ``named`` says the message already names the question (the words of
    :func:`check_answer`), so a one-line report need not repeat the key.
    """

    key: str
    message: str
    named: bool = False

    def line(self) -> str:
        """The problem as one line: ``key: message``, without naming the key twice."""
        return self.message if self.named else f"{self.key}: {self.message}"


BLANK: tuple[object, ...] = (None, "", [], ())  # what counts as a skipped answer


def check_all(
    bank: QuestionsFile, raw: Mapping[Any, object]
) -> tuple[dict[str, Value], list[AnswerProblem]]:
    """Check a whole set of answers: the canonical answers, and every problem found.

    Unknown questions, invalid answers and missing required answers are all reported, so
    an answers file and a row of a batch are judged by exactly the same rules. A blank
    answer means the question was skipped.
    """
    questions = {q.id: q for q in bank.questions}
    answers: dict[str, Value] = {}
    problems: list[AnswerProblem] = []
    for key, value in raw.items():
        question = questions.get(str(key))
        if question is None:
            import difflib

            close = difflib.get_close_matches(str(key), list(questions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(AnswerProblem(str(key), f"is not a question{hint}"))
            continue
        if value in BLANK:
            continue
        try:
            answers[question.id] = check_answer(question, value)
        except AnswerRejected as err:
            problems.append(AnswerProblem(question.id, str(err), named=True))
    flagged = {p.key for p in problems}
    for q in bank.questions:
        if not q.skippable and q.id not in answers and q.id not in flagged:
            choices = ", ".join(o.value for o in q.options)
            problems.append(AnswerProblem(q.id, f"is required; answer it with one of: {choices}"))
    return answers, problems


def replay(bank: QuestionsFile, stored: Mapping[str, object]) -> tuple[dict[str, Value], list[str]]:
    """Keep the stored answers that still fit the current questions; name the ones dropped.

    Used when a quiz answered against an older knowledge base is resumed or re-scored.
    """
    by_id = {q.id: q for q in bank.questions}
    kept: dict[str, Value] = {}
    dropped: list[str] = []
    for qid, raw in stored.items():
        question = by_id.get(qid)
        if question is None:
            dropped.append(qid)
            continue
        try:
            kept[qid] = check_answer(question, raw)
        except AnswerRejected:
            dropped.append(qid)
    return kept, dropped


def to_json(value: Value) -> object:
    """JSON-friendly form of one answer (lists for multi-choice)."""
    return list(value) if isinstance(value, tuple) else value
