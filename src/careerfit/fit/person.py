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
from careerfit.records import record


@record
class Person:
    """The person as the answers describe them; only what they answered is set."""

    levels: Mapping[str, float]
    settings: frozenset[Setting]
    pay_need: int | None
    education: EducationLevel | None
    study: EducationLevel | None
    credentials: frozenset[str]

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

    A dimension's position is the answers' total on it, scaled between the lowest and the
    highest total the answered questions allow.
    """
    totals: dict[str, list[float]] = {}  # dim -> [sum, lowest possible, highest possible]
    options: list[Option] = []
    for question in tables(kb).questions:
        value = answers.get(question.id)
        if value is None:
            continue
        picked = value if isinstance(value, tuple) else (value,)
        chosen = [question.index[v] for v in picked]
        for dim, moves, lowest, highest in question.moves:
            acc = totals.setdefault(dim, [0.0, 0.0, 0.0])
            acc[0] += sum(moves[i] for i in chosen)
            acc[1] += lowest
            acc[2] += highest
        options.extend(question.options[i] for i in chosen)
    levels = {d: (s - lo) / (hi - lo) for d, (s, lo, hi) in totals.items() if hi > lo}
    told = recorded(options)
    return Person(levels, told.settings, told.pay, told.education, told.study, told.credentials)
