"""What an answer set chosen at random would score against each role, factor by factor.

A fit should say how much better than chance a person and a role agree. A role placed in the
middle of a scale is close to everyone who answers in the middle, so plain closeness would
favour middling roles and make random answers look like a decent match. Each factor's
closeness is therefore measured against the closeness a random answerer would get on average
(every answer of every question equally likely, a "choose all that apply" question answered
with one of its choices), worked out exactly here from the question bank, once per
knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from careerfit.fit import formulas
from careerfit.records import record

if TYPE_CHECKING:
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.kb.questions import Dimension, Option


class _Question(Protocol):
    """What this module reads of a question's table (:class:`careerfit.fit.tables.QuestionTable`).

    Named here rather than imported, so that the tables, which build the chance levels,
    and this module do not import each other.
    """

    @property
    def dim(self) -> str | None: ...
    @property
    def moves(self) -> tuple[int, ...]: ...
    @property
    def options(self) -> tuple[Option, ...]: ...
    @property
    def lowest(self) -> int: ...
    @property
    def highest(self) -> int: ...


@record
class Chance:
    """Expected closeness of a random answer set to each role, per factor (None: no data)."""

    dims: tuple[tuple[float | None, ...], ...]  # [dimension][role]
    settings: tuple[float | None, ...]
    pay: tuple[float | None, ...]
    preparation: tuple[float | None, ...]
    credentials: tuple[float | None, ...]


def build(
    kb: KnowledgeBase,
    questions: Sequence[_Question],
    dims: Sequence[Dimension],
    levels: Sequence[Sequence[float | None]],
    offered: Sequence[int],
    pay: Sequence[float | None],
    usual: Sequence[int | None],
    listed: Sequence[int],
    credential_bits: dict[str, int],
) -> Chance:
    """The expected closeness of a random answer set to every role on every factor."""
    positions = [_positions([q for q in questions if q.dim == d.id]) for d in dims]
    return Chance(
        dims=tuple(
            tuple(None if level is None else _expected(positions[i], level) for level in levels[i])
            for i in range(len(dims))
        ),
        settings=tuple(
            _one_shared(_choices(questions, "setting"), bits) if bits else None for bits in offered
        ),
        pay=tuple(None if figure is None else _pay(kb, questions, figure) for figure in pay),
        preparation=tuple(
            None if rank is None else _preparation(kb, questions, rank) for rank in usual
        ),
        credentials=tuple(
            _one_shared(_choices(questions, "credential", credential_bits), bits) if bits else None
            for bits in listed
        ),
    )


def _positions(measuring: Sequence[_Question]) -> dict[float, float]:
    """The distribution of a random answerer's place (0 to 1) on one dimension."""
    if not measuring:
        return {0.5: 1.0}
    totals: dict[int, float] = {0: 1.0}
    for question in measuring:
        step: dict[int, float] = {}
        share = 1 / len(question.moves)
        for total, p in totals.items():
            for move in question.moves:
                step[total + move] = step.get(total + move, 0.0) + p * share
        totals = step
    lowest = sum(q.lowest for q in measuring)
    span = sum(q.highest for q in measuring) - lowest
    return {(total - lowest) / span: p for total, p in totals.items()}


def _expected(positions: dict[float, float], level: float) -> float:
    scalar = formulas.SCALAR
    return sum(p * formulas.dimension(scalar, place, level) for place, p in positions.items())


def _choices(
    questions: Sequence[_Question], record: str, bits: dict[str, int] | None = None
) -> list[int]:
    """Each option of a choose-all question as a bit mask (workplaces, or credentials)."""
    out = []
    for q in questions:
        for o in q.options:
            value = getattr(o, record)
            if value is not None:
                out.append(formulas.setting_bits({value}) if bits is None else bits[value])
    return out


def _one_shared(choices: list[int], offered: int) -> float:
    """Chance that one choice picked at random shares something with ``offered``.

    A choose-all question answered at random is taken as one of its choices, picked at
    random: that is how people answer which credentials they hold or where they would
    like to work (one or two, rarely more). A random half of the choices, the other
    reading, would hold one of the nine credentials the paralegal lists almost every time,
    so really holding one would count for nothing, and the more credentials a source lists
    for a role the less each would count.
    """
    return sum(1 for bits in choices if bits & offered) / len(choices) if choices else 0.0


def _pay(kb: KnowledgeBase, questions: Sequence[_Question], figure: float) -> float:
    needs = [o.pay for q in questions for o in q.options if o.pay]
    rule = kb.questions_file.factors.pay.shortfall_to_zero
    closeness = [formulas.pay(formulas.SCALAR, float(n), figure, rule) for n in needs]
    return sum(closeness) / len(closeness) if closeness else 1.0


def _preparation(kb: KnowledgeBase, questions: Sequence[_Question], usual: int) -> float:
    had = [o.education.rank for q in questions for o in q.options if o.education is not None]
    would = [o.study.rank for q in questions for o in q.options if o.study is not None] or [-1]
    rule = kb.questions_file.factors.preparation
    closeness = [
        formulas.preparation(
            formulas.SCALAR, max(have, study), usual, rule.per_level_short, rule.per_level_over
        )
        for have in had
        for study in would
    ]
    return sum(closeness) / len(closeness) if closeness else 1.0
