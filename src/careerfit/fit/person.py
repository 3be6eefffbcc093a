"""The person as their answers describe them: a place on each dimension, and what they told us.

Recomputed from the answers every time (never a running total), so going back and changing
an answer is exact.
"""

from __future__ import annotations

from collections.abc import Mapping

from careerfit.fit.answers import Answers
from careerfit.fit.tables import recorded, tables
from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Option
from careerfit.records import record, replace


@record
class Person:
    """The person as the answers describe them; only what they answered is set."""

    levels: Mapping[str, float]  # dimension -> place from 0 to 1
    answered: Mapping[str, int]  # dimension -> how many of its questions were answered
    spans: Mapping[str, int]  # dimension -> the span of the totals its answers allow
    settings: frozenset[Setting]
    pay_need: int | None
    education: EducationLevel | None
    study: EducationLevel | None
    credentials: frozenset[str]
    current_role: str | None  # their current or most recent job, when it is one of the roles
    years: int | None  # years of legal-support work

    @property
    def reach(self) -> EducationLevel | None:
        """The highest education the person has or would study for."""
        if self.education is None:
            return None
        if self.study is None or self.study.rank <= self.education.rank:
            return self.education
        return self.study


def person_from(kb: KnowledgeBase, answers: Answers) -> Person:
    """Place the person on each answered dimension and collect what they told us.

    A dimension's place is the answers' total on it, scaled between the lowest and the
    highest total the answered questions allow.
    """
    totals: dict[str, list[int]] = {}  # dim -> [sum, lowest possible, highest possible, count]
    options: list[Option] = []
    for question in tables(kb).questions:
        value = answers.get(question.id)
        if value is None:
            continue
        picked = value if isinstance(value, tuple) else (value,)
        chosen = [question.index[v] for v in picked]
        if question.dim is not None:
            acc = totals.setdefault(question.dim, [0, 0, 0, 0])
            acc[0] += sum(question.moves[i] for i in chosen)
            acc[1] += question.lowest
            acc[2] += question.highest
            acc[3] += 1
        options.extend(question.options[i] for i in chosen)
    levels = {d: (s - lo) / (hi - lo) for d, (s, lo, hi, _) in totals.items() if hi > lo}
    answered = {d: count for d, (_, _, _, count) in totals.items()}
    spans = {d: hi - lo for d, (_, lo, hi, _) in totals.items()}
    told = recorded(options)
    return Person(
        levels,
        answered,
        spans,
        told.settings,
        told.pay,
        told.education,
        told.study,
        told.credentials,
        told.role,
        told.years,
    )


def shifted(person: Person, dim: str, steps: int) -> Person:
    """The person with one of their answers on ``dim`` moved by ``steps`` of its scale.

    Exactly what re-reading every answer would give, without doing so: how sure a ranking
    is tries each answer one step either way, many times over.
    """
    span = person.spans.get(dim, 0)
    if dim not in person.levels or span <= 0:
        return person
    return replace(person, levels={**person.levels, dim: person.levels[dim] + steps / span})
