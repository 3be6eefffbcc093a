"""What-if: the same answers with one changed, and which single change would reorder the top two.

Nothing here is stored; these are questions a person can ask of their results.
"""

from __future__ import annotations

from collections.abc import Iterator

from careerfit.errors import AnswerRejected, UnknownQuestion
from careerfit.fit.answers import Answers, Value, check_answer
from careerfit.fit.ranking import Ranking, fits
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Question, QuestionKind
from careerfit.records import record


def _changes(kb: KnowledgeBase, answers: Answers) -> Iterator[tuple[Question, Value]]:
    """Every answers set that differs from ``answers`` in one answer a person might revisit.

    Only preferences count: the work you would enjoy, where you want to work. Pay needs,
    education, credentials, your job and your years are facts, not opinions to reconsider.
    """
    for q in kb.questions:
        if q.dimension is None and q.records != "setting":
            continue
        current = answers.get(q.id)
        if q.kind is QuestionKind.multi:
            chosen = set(current or ())
            for o in q.options:
                if o.exclusive:
                    continue
                toggled = (chosen ^ {o.value}) - {x.value for x in q.options if x.exclusive}
                if toggled:
                    yield q, tuple(v.value for v in q.options if v.value in toggled)
        else:
            for o in q.options:
                if o.value != current:
                    yield q, o.value


@record
class Swap:
    """The single answer change that does most for the runner-up against the leader."""

    question: Question
    value: Value
    margin: float  # runner-up's fit minus the leader's after the change; > 0 means it swaps


def best_swap(kb: KnowledgeBase, answers: Answers, results: Ranking) -> Swap | None:
    """Try every single-answer change and keep the one best for the runner-up."""
    if len(results.ranked) < 2:
        return None
    first, second = results.ranked[0].index, results.ranked[1].index
    best: Swap | None = None
    for question, value in _changes(kb, answers):
        leader, runner_up = fits(kb, {**answers, question.id: value}, (first, second))
        margin = runner_up - leader
        if best is None or margin > best.margin:
            best = Swap(question, value, margin)
    return best


def what_if(kb: KnowledgeBase, answers: Answers, specs: list[str]) -> dict[str, Value]:
    """Answers with ``question=value`` overrides applied (nothing is stored).

    A question can be named by its id or an alias (``degree`` for ``education``); a
    multi-choice value is a comma-separated list.
    """
    names = {q.id: q for q in kb.questions}
    for q in kb.questions:
        for alias in q.aliases:
            names.setdefault(alias, q)
    out = dict(answers)
    for spec in specs:
        name, sep, raw = spec.partition("=")
        question = names.get(name.strip())
        if not sep or question is None:
            raise UnknownQuestion(spec)
        try:
            out[question.id] = check_answer(question, raw.strip())
        except AnswerRejected as err:
            raise AnswerRejected(f"{spec!r}: {err}") from None
    return out
