"""The fit arithmetic, written once for one respondent (floats) and for many (numpy arrays).

:mod:`careerfit.scoring` explains one respondent's results in words; :mod:`careerfit.batch`
scores thousands at a time with numpy. Both compute every closeness with the functions
below, passing ``xp``: :data:`SCALAR` for plain floats, or the numpy module for arrays, so
the formulas cannot drift apart. Tests check that the two give identical fits.

``Tables`` holds what scoring needs from a knowledge base, precomputed once: each role's
position on every dimension, its settings, pay and usual education, and each question's
options as indexes and moves.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Dimension, Option, QuestionKind
from careerfit.kb.roles import Role
from careerfit.records import record


class _ScalarOps:
    """The three array operations the formulas use, for plain floats."""

    @staticmethod
    def where(condition: Any, yes: Any, no: Any) -> Any:
        return yes if condition else no

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        return a if a >= b else b

    @staticmethod
    def abs(a: Any) -> Any:
        return abs(a)


SCALAR = _ScalarOps()


def dimension(xp: Any, person: Any, role: Any) -> Any:
    """Closeness on a dimension: 1 minus the distance between two positions in 0..1."""
    return 1 - xp.abs(person - role)


def settings(xp: Any, chosen: Any, offered: Any) -> Any:
    """1 if the role is found in any setting the person chose (bit masks), else 0."""
    return xp.where((chosen & offered) != 0, 1.0, 0.0)


def pay(xp: Any, need: Any, figure: Any, shortfall_to_zero: float) -> Any:
    """1 if the pay meets the need, falling linearly to 0 at the given shortfall."""
    short = (need - figure) / (need * shortfall_to_zero)
    return xp.where(figure >= need, 1.0, xp.maximum(0.0, 1 - short))


def preparation(
    xp: Any, have: Any, reach: Any, usual: Any, within_reach: float, per_level_short: float
) -> Any:
    """Closeness on education, from level ranks.

    1 with the usual education; ``within_reach`` if the person would study up to it; less
    for each level beyond what they would study.
    """
    beyond = xp.maximum(0.0, within_reach - per_level_short * (usual - reach))
    return xp.where(have >= usual, 1.0, xp.where(reach >= usual, within_reach, beyond))


def role_level(role: Role, dim: Dimension) -> float:
    """Where a role sits on a dimension, 0 to 1: derived from duties, or its cited level."""
    if dim.derived == "substantive-share":
        return role.substantive_share
    return role.fit[dim.id].level / 4


SETTING_BITS = {s: 1 << i for i, s in enumerate(Setting)}


def setting_bits(chosen: Any) -> int:
    """Settings as a bit mask, so "any in common" is one AND."""
    bits = 0
    for s in chosen:
        bits |= SETTING_BITS[s]
    return bits


@record
class Recorded:
    """What a person's chosen options record about them (None: not told)."""

    settings: frozenset[Setting]
    credentials: frozenset[str]
    pay: int | None
    education: EducationLevel | None
    study: EducationLevel | None


def recorded(options: Iterable[Option]) -> Recorded:
    """What chosen options record, read in order.

    Settings and credentials add up; a later pay, education or study answer replaces an
    earlier one. The one reading of answers: a single quiz reads all of a person's chosen
    options with it, and batch scoring each combination it meets, so the two agree.
    """
    settings: set[Setting] = set()
    credentials: set[str] = set()
    pay: int | None = None
    education = study = None
    for option in options:
        if option.setting is not None:
            settings.add(option.setting)
        if option.credential is not None:
            credentials.add(option.credential)
        if option.pay:
            pay = option.pay
        education = option.education or education
        study = option.study or study
    return Recorded(frozenset(settings), frozenset(credentials), pay, education, study)


@record
class QuestionTable:
    """One question as numbers: option indexes, and how each option moves each dimension."""

    id: str
    multi: bool
    index: dict[str, int]  # option value -> position
    moves: tuple[tuple[str, tuple[int, ...], int, int], ...]  # dim, per option, lowest, highest
    options: tuple[Option, ...]


@record
class Tables:
    """What scoring needs from a knowledge base, as plain numbers per role and question."""

    questions: tuple[QuestionTable, ...]
    dims: tuple[Dimension, ...]
    levels: tuple[tuple[float, ...], ...]  # [dimension][role]
    offered: tuple[int, ...]  # settings bit mask per role; 0 when no source gives any
    pay: tuple[float | None, ...]  # scoring pay figure per role
    usual: tuple[int | None, ...]  # rank of the usual (else minimum) education per role
    credential_bits: dict[str, int]  # each catalogue credential's bit, for "held" masks


_TABLES: weakref.WeakKeyDictionary[KnowledgeBase, Tables] = weakref.WeakKeyDictionary()


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of a knowledge base, computed once per loaded knowledge base."""
    cached = _TABLES.get(kb)
    if cached is not None:
        return cached
    dims = tuple(kb.questions_file.dimensions)
    questions = []
    for q in kb.questions_file.questions:
        moves = []
        for d in q.measures:
            per_option = tuple(o.moves.get(d, 0) for o in q.options)
            moves.append((d, per_option, min(per_option), max(per_option)))
        questions.append(
            QuestionTable(
                q.id,
                q.kind is QuestionKind.multi,
                {o.value: i for i, o in enumerate(q.options)},
                tuple(moves),
                tuple(q.options),
            )
        )
    made = Tables(
        questions=tuple(questions),
        dims=dims,
        levels=tuple(tuple(role_level(r, d) for r in kb.roles) for d in dims),
        offered=tuple(
            setting_bits({s for w in r.workplaces for s in w.settings}) for r in kb.roles
        ),
        pay=tuple(float(r.scoring_pay.representative) if r.scoring_pay else None for r in kb.roles),
        usual=tuple(
            (r.education.typical or r.education.minimum).level.rank  # type: ignore[union-attr]
            if (r.education.typical or r.education.minimum)
            else None
            for r in kb.roles
        ),
        credential_bits={c.id: 1 << i for i, c in enumerate(kb.roles_file.credentials)},
    )
    _TABLES[kb] = made
    return made
