"""What scoring needs from a knowledge base, as plain numbers, worked out once per knowledge base.

Each role's position on every dimension, its settings, pay and usual education, and each
question's options as indexes and the dimensions they move. A single quiz and batch scoring
both read these tables, so both see the knowledge base the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Dimension, Option, QuestionKind
from careerfit.kb.roles import Role
from careerfit.records import record


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


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of a knowledge base, computed once per loaded knowledge base."""
    return kb.derived(_build)


def _build(kb: KnowledgeBase) -> Tables:
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
    return Tables(
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
