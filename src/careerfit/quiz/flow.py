"""The question flow: which question comes next, and what a typed reply means.

Plain logic with no terminal: :func:`run` walks the questions and calls an ``ask`` function
for each one and a ``save`` function after each answer, so the same flow is driven by the
real terminal in ``careerfit quiz`` and by a scripted ``ask`` in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from careerfit.errors import AnswerRejected, InvalidReply
from careerfit.fit.answers import Value, check_answer
from careerfit.kb.questions import Question, QuestionKind
from careerfit.records import record


@record
class Prompt:
    """What the person is asked: the question, where they are, and any earlier answer."""

    question: Question
    number: int
    total: int | None  # None: the quiz stops once the top match is settled
    current: Value | None


@record
class Action:
    """What the person chose to do."""

    kind: Literal["answer", "back", "skip", "why", "quit"]
    value: Value | None = None


def help_line(prompt: Prompt) -> str:
    """The keys that work on this question, in a few words."""
    q = prompt.question
    n = len(q.options)
    what = (
        f"numbers 1-{n}, separated by spaces" if q.kind is QuestionKind.multi else f"a number 1-{n}"
    )
    keys = [what]
    if prompt.current is not None:
        keys.append("Enter or s to keep your answer")
        if q.skippable:
            keys.append("c to clear it")
    elif q.skippable:
        keys.append("s skip")
    if prompt.number > 1:
        keys.append("b back")
    keys += ["? why we ask", "q save and quit"]
    return "Type " + ", ".join(keys) + "."


def parse_reply(prompt: Prompt, text: str) -> Action:
    """Turn a typed reply into an action, or raise InvalidReply saying what is allowed."""
    q = prompt.question
    reply = text.strip().lower()
    if reply in {"q", "quit"}:
        return Action("quit")
    if reply in {"?", "why"}:
        return Action("why")
    if reply in {"b", "back"}:
        if prompt.number == 1:
            raise InvalidReply("This is the first question; there is nothing to go back to.")
        return Action("back")
    if reply in {"", "s", "skip"} and prompt.current is not None:
        return Action("answer", prompt.current)  # moving on keeps an earlier answer
    if reply in {"s", "skip"}:
        if not q.skippable:
            raise InvalidReply("This question cannot be skipped: other answers depend on it.")
        return Action("skip")
    if reply in {"c", "clear"} and prompt.current is not None:
        if not q.skippable:
            raise InvalidReply("This question needs an answer: choose another one instead.")
        return Action("skip")
    parts = [p.rstrip(".)") for p in reply.replace(",", " ").split()]
    n = len(q.options)
    # isdecimal, not isdigit: '²' is a digit int() cannot read. Any script's decimal digits
    # (Arabic-Indic, fullwidth) are numbers a keyboard may send.
    if not parts or not all(p.isdecimal() and 1 <= int(p) <= n for p in parts):
        raise InvalidReply(f"{_shown(text.strip())} is not an answer here. {help_line(prompt)}")
    if q.kind is not QuestionKind.multi and len(parts) > 1:
        raise InvalidReply(f"Choose one answer, a number from 1 to {n}.")
    values = [q.options[int(p) - 1].value for p in parts]
    try:
        value = check_answer(q, values if q.kind is QuestionKind.multi else values[0])
    except AnswerRejected as err:
        raise InvalidReply(f"{err}.") from None
    return Action("answer", value)


def _shown(text: str) -> str:
    """A reply quoted back to the person: control characters and odd bytes made visible."""
    return ascii(text) if not text.isprintable() else repr(text)


Outcome = Literal["finished", "quit"]


class Order(Protocol):
    """Which question stands at each place of a quiz, decided as the quiz goes."""

    @property
    def total(self) -> int | None:
        """How many questions there will be; None when not known in advance."""

    def at(self, position: int) -> Question | None:
        """The question at ``position`` (from 0), or None: the quiz is over there."""


class Fixed:
    """Every question, in a given order: the full form, or a list to revisit."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self.questions = list(questions)

    @property
    def total(self) -> int:
        """The number of questions."""
        return len(self.questions)

    def at(self, position: int) -> Question | None:
        """The question at ``position``; None past the last."""
        return self.questions[position] if position < len(self.questions) else None


def run(
    order: Order,
    answers: dict[str, Value],
    position: int,
    ask: Callable[[Prompt], Action],
    save: Callable[[str, Value | None, int], None],
    moved: Callable[[int], None],
) -> Outcome:
    """Ask from ``position`` until the order has no more; ``answers`` is updated as it goes.

    ``ask`` returns only answer, back, skip or quit (it deals with "why" and invalid replies
    itself); ``save`` is called after every answer or skip, before the next question, and
    ``moved`` after going back, so the store always knows where to resume. An adaptive
    order chooses each next question from the answers so far, so it is asked only then.
    """
    while position >= 0:
        question = order.at(position)
        if question is None:
            return "finished"
        action = ask(Prompt(question, position + 1, order.total, answers.get(question.id)))
        if action.kind == "quit":
            return "quit"
        if action.kind == "back":
            position -= 1
            moved(position)
            continue
        if action.kind == "skip":
            answers.pop(question.id, None)
            position += 1
            save(question.id, None, position)
            continue
        assert action.value is not None
        answers[question.id] = action.value
        position += 1
        save(question.id, action.value, position)
    return "finished"
