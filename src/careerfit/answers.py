"""What a person answered, checked against the question bank.

Answers are a plain mapping from question id to the option value chosen (a tuple of values
for a multi-choice question); a skipped question is simply absent. Interactive answers,
answers files, ``--what-if`` overrides and answers replayed from the store all pass through
:func:`check_answer`, so the rules are the same wherever an answer comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from careerfit.schema import Question, QuestionKind, QuestionsFile

Value = str | tuple[str, ...]
Answers = Mapping[str, Value]


class AnswerRejected(ValueError):
    """An answer that does not fit its question; the message says what would."""


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
        values = tuple(dict.fromkeys(raw))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise AnswerRejected(
                f"'{question.id}' has no answer {', '.join(map(repr, unknown))}; "
                f"choose from: {', '.join(allowed)}"
            )
        exclusive = [v for v in values if question.option(v).exclusive]  # type: ignore[union-attr]
        if exclusive and len(values) > 1:
            raise AnswerRejected(
                f"'{question.id}': '{exclusive[0]}' cannot be combined with other answers"
            )
        return tuple(sorted(values, key=allowed.index))
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise AnswerRejected(f"'{question.id}' takes one of: {', '.join(allowed)}")
    value = str(raw)
    if value not in allowed:
        raise AnswerRejected(
            f"'{question.id}' has no answer {value!r}; choose one of: {', '.join(allowed)}"
        )
    return value


def freeze(answers: Mapping[str, Value]) -> Answers:
    """A read-only view, so scoring can never change what was answered."""
    return MappingProxyType(dict(answers))


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
