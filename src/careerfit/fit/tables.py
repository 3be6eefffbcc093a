"""What scoring needs from a knowledge base, as plain numbers, worked out once per knowledge base.

Each role's position on every dimension (``None`` where no source places it), its settings,
pay and usual education, what a random answer set would score against it on each factor
(:mod:`careerfit.fit.chance`), and each question's options as indexes and the dimension
they move. A single quiz and batch scoring both read these tables, so both see the
knowledge base the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from careerfit.fit import chance
from careerfit.fit.formulas import setting_bits
from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Dimension, Option, QuestionKind
from careerfit.kb.roles import Role
from careerfit.records import record


def role_level(role: Role, dim: Dimension) -> float | None:
    """Where a role sits on a dimension, 0 to 1, from its cited level; None if not known."""
    level = role.fit.get(dim.id)
    return None if level is None else level.level / 4


@record
class Recorded:
    """What a person's chosen options record about them (None: not told)."""

    settings: frozenset[Setting]
    credentials: frozenset[str]
    pay: int | None
    education: EducationLevel | None
    study: EducationLevel | None
    role: str | None  # their current or most recent job, when it is one of the roles
    years: int | None  # years of legal-support work


def recorded(options: Iterable[Option]) -> Recorded:
    """What chosen options record, read in order.

    Settings and credentials add up; a later pay, education, study, job or years answer
    replaces an earlier one. The one reading of answers: a single quiz reads all of a
    person's chosen options with it, and batch scoring each combination it meets.
    """
    settings: set[Setting] = set()
    credentials: set[str] = set()
    pay: int | None = None
    education = study = None
    role: str | None = None
    years: int | None = None
    for option in options:
        if option.setting is not None:
            settings.add(option.setting)
        if option.credential is not None:
            credentials.add(option.credential)
        if option.pay:
            pay = option.pay
        education = option.education or education
        study = option.study or study
        role = option.role or role
        years = option.years if option.years is not None else years
    return Recorded(frozenset(settings), frozenset(credentials), pay, education, study, role, years)


@record
class QuestionTable:
    """One question as numbers: option indexes, and how each option moves its dimension."""

    id: str
    multi: bool
    index: dict[str, int]  # option value -> position
    dim: str | None  # the dimension its answers move, if any
    moves: tuple[int, ...]  # each option's move on that dimension
    options: tuple[Option, ...]

    @property
    def lowest(self) -> int:
        """The smallest move an answer makes."""
        return min(self.moves)

    @property
    def highest(self) -> int:
        """The largest move an answer makes."""
        return max(self.moves)


@record
class Tables:
    """What scoring needs from a knowledge base, as plain numbers per role and question.

    Per role lists are in knowledge-base order; ``None`` means no source gives the role that
    figure or place, and that factor is left out of the role's fit.
    """

    questions: tuple[QuestionTable, ...]
    dims: tuple[Dimension, ...]
    levels: tuple[tuple[float | None, ...], ...]  # [dimension][role]
    offered: tuple[int, ...]  # settings bit mask per role; 0 when no source gives any
    pay: tuple[float | None, ...]  # scoring pay figure per role
    usual: tuple[int | None, ...]  # rank of the usual (else minimum) education per role
    minimum: tuple[int | None, ...]  # rank of the required education per role
    credential_bits: dict[str, int]  # each catalogue credential's bit, for "held" masks
    listed: tuple[int, ...]  # credentials each role lists, as a bit mask; 0 when none known
    chance: chance.Chance  # what random answers score against each role, factor by factor
    dim_at: dict[str, int]  # each dimension's position in dims
    question_at: dict[str, QuestionTable]  # each question's table by its id

    def dim_index(self, dim_id: str) -> int:
        """The position of a dimension in :attr:`dims`."""
        return self.dim_at[dim_id]


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of a knowledge base, computed once per loaded knowledge base."""
    return kb.derived(_build)


def _question_table(question: Any) -> QuestionTable:
    dim = question.dimension
    return QuestionTable(
        question.id,
        question.kind is QuestionKind.multi,
        {o.value: i for i, o in enumerate(question.options)},
        dim,
        tuple(o.moves.get(dim, 0) for o in question.options) if dim else (),
        tuple(question.options),
    )


def _level_rank(role: Role, which: str) -> int | None:
    point = getattr(role.education, which)
    return point.level.rank if point is not None else None


def _build(kb: KnowledgeBase) -> Tables:
    dims = tuple(kb.dimensions)
    questions = tuple(_question_table(q) for q in kb.questions)
    levels = tuple(tuple(role_level(r, d) for r in kb.roles) for d in dims)
    offered = tuple(setting_bits({s for w in r.workplaces for s in w.settings}) for r in kb.roles)
    pay = tuple(float(r.scoring_pay.representative) if r.scoring_pay else None for r in kb.roles)
    usual = tuple(
        _level_rank(r, "typical") if r.education.typical else _level_rank(r, "minimum")
        for r in kb.roles
    )
    bits = {c.id: 1 << i for i, c in enumerate(kb.roles_file.credentials)}
    listed = tuple(sum(bits[c.credential] for c in r.credentials) for r in kb.roles)
    return Tables(
        questions=questions,
        dims=dims,
        levels=levels,
        offered=offered,
        pay=pay,
        usual=usual,
        minimum=tuple(_level_rank(r, "minimum") for r in kb.roles),
        credential_bits=bits,
        listed=listed,
        chance=chance.build(kb, questions, dims, levels, offered, pay, usual, listed, bits),
        dim_at={d.id: i for i, d in enumerate(dims)},
        question_at={q.id: q for q in questions},
    )
