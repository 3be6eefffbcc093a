"""The cited facts a role is described with: duties, skills, education, credentials, pay ...

Each is an immutable record validated from ``roles.yaml`` (see :mod:`careerfit.kb.validation`
for why the field types are written as names). The role itself, the credential catalogue
and the sources are in :mod:`careerfit.kb.roles`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from careerfit.kb.validation import model
from careerfit.records import field

if TYPE_CHECKING:
    from pydantic import Field

    from careerfit.kb.validation import Cites, Id, ShortText, Text


@model
class Cited:
    """A statement of fact and where it comes from."""

    text: Text
    cite: Cites


class DutyKind(StrEnum):
    """Whether a duty needs legal judgement (substantive) or is administrative (procedural).

    The sources draw the line between the roles mostly on this axis, so every duty carries it
    and the substantive share of a role is derived from these tags, never written by hand.
    """

    substantive = "substantive"
    procedural = "procedural"


@model
class Duty:
    """One duty; ``id`` lets interview questions say which duty they test."""

    id: Id
    text: Text
    kind: DutyKind
    cite: Cites


@model
class Skill:
    """One skill; ``id`` lets interview questions say which skill they test."""

    id: Id
    text: Text
    cite: Cites


class EducationLevel(StrEnum):
    """Education levels in ascending order; the order is what requirements compare."""

    none = "none"
    high_school = "high-school"
    some_college = "some-college"
    certificate = "certificate"
    associate = "associate"
    bachelor = "bachelor"
    post_degree_certificate = "post-degree-certificate"
    master = "master"
    jd = "jd"

    @property
    def rank(self) -> int:
        """Position on the ladder, so ``a.rank >= b.rank`` means a meets b."""
        return _RANKS[self.value]


_RANKS = {level.value: rank for rank, level in enumerate(EducationLevel)}  # asked for often


@model
class EducationPoint:
    """A typical or minimum education level, with the words of the source."""

    level: EducationLevel
    text: Text
    cite: Cites


@model
class Education:
    """Typical and minimum education and the pathways sources list."""

    typical: EducationPoint | None = None
    minimum: EducationPoint | None = None
    pathways: list[Cited] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.typical and self.minimum and self.minimum.level.rank > self.typical.level.rank:
            raise ValueError(
                f"minimum education ({self.minimum.level.value}) is above the typical one "
                f"({self.typical.level.value}); swap them or correct one level"
            )


class CredentialStatus(StrEnum):
    """How much a role asks for a credential."""

    required = "required"
    recommended = "recommended"
    optional = "optional"


@model
class RoleCredential:
    """A credential as it applies to one role (the credential itself is in the catalogue).

    ``region`` limits a requirement to one place (a state rule); such a requirement is shown
    but is not a hard requirement for everyone. ``why`` is the reason for the status in plain
    words, supported by ``cite``: no status is given without a cited reason.
    """

    credential: Id
    status: CredentialStatus
    why: Text
    region: ShortText | None = None
    note: Text | None = None
    cite: Cites


class PayKind(StrEnum):
    """What a pay figure is: the statistic matters when comparing figures."""

    median = "median"
    average = "average"
    range = "range"


@model
class Pay:
    """An annual pay figure in US dollars, always with its year and source.

    ``occupation`` names the occupation the figure is for, with its code (e.g. "SOC 43-6012
    Legal Secretaries and Administrative Assistants"); when that is a neighbouring occupation
    used as the nearest data, ``scope`` says so.
    """

    label: ShortText
    kind: PayKind
    amount: Annotated[int, Field(gt=0, lt=10_000_000)] | None = None
    low: Annotated[int, Field(gt=0, lt=10_000_000)] | None = None
    high: Annotated[int, Field(gt=0, lt=10_000_000)] | None = None
    year: ShortText
    occupation: ShortText | None = None
    scope: ShortText | None = None
    scoring: bool = False
    cite: Cites

    def __post_init__(self) -> None:
        if self.kind is PayKind.range:
            if self.low is None or self.high is None or self.amount is not None:
                raise ValueError("a range gives low and high (and no amount)")
            if self.low > self.high:
                raise ValueError("low is above high")
        elif self.amount is None or self.low is not None or self.high is not None:
            raise ValueError(f"a {self.kind.value} gives amount (and no low/high)")

    @property
    def representative(self) -> int:
        """One number for sorting and scoring: the amount, or a range's midpoint."""
        if self.amount is not None:
            return self.amount
        assert self.low is not None and self.high is not None
        return (self.low + self.high) // 2


@model
class Outlook:
    """A statement about how demand for the role is changing."""

    text: Text
    year: ShortText
    cite: Cites


class Setting(StrEnum):
    """Kinds of workplace; the quiz asks which the person prefers."""

    small_firm = "small-firm"
    large_firm = "large-firm"
    court = "court"
    corporate = "corporate"
    government = "government"
    legal_aid = "legal-aid"
    remote = "remote"


@model
class Workplace:
    """Where people in the role work, tagged with the settings it covers."""

    text: Text
    settings: Annotated[list[Setting], Field(min_length=1)]
    cite: Cites


class VaryKind(StrEnum):
    """Why something about a role varies."""

    firm_size = "firm-size"
    practice_area = "practice-area"
    employer = "employer"
    location = "location"
    over_time = "over-time"
    disagreement = "disagreement"


@model
class Vary:
    """Something that varies; a ``disagreement`` must cite at least two different sources."""

    topic: ShortText
    kind: VaryKind
    text: Text
    cite: Cites

    def __post_init__(self) -> None:
        if self.kind is VaryKind.disagreement and len({c.source for c in self.cite}) < 2:
            raise ValueError(
                "a disagreement must cite at least two different sources, one per side"
            )


class MoveKind(StrEnum):
    """Advancement goes up a ladder; a lateral move changes track at a similar level."""

    advancement = "advancement"
    lateral = "lateral"


@model
class Move:
    """A step from this role to another.

    ``takes`` holds what the step needs beyond the target role's own requirements, which
    are derived from that role rather than written twice.
    """

    to: Id
    kind: MoveKind
    takes: Text | None = None
    cite: Cites


@model
class InterviewQuestion:
    """A question a candidate should expect, tied to the duties/skills it probes."""

    question: Text
    based_on: Annotated[list[Id], Field(min_length=1)]


@model
class FitLevel:
    """Where a role sits on one quiz dimension, 0 (none of it) to 4 (the core of the role).

    A judgement from evidence: ``why`` says which facts it weighs, and ``cite`` where they
    are. A role with no evidence on a dimension has no level there (its ``fit_unknown``
    says why), and that part of the fit is left out for it rather than guessed.
    """

    level: Annotated[int, Field(ge=0, le=4)]
    why: Text
    cite: Cites


@model
class Experience:
    """Years of work experience a role usually asks, or a credential accepts instead of study."""

    years: Annotated[int, Field(ge=1, le=40)]
    text: Text
    cite: Cites


Section = Literal[
    "work_like",
    "duties",
    "skills",
    "education",
    "credentials",
    "pay",
    "outlook",
    "workplaces",
    "varies",
    "success_measures",
    "challenges",
    "moves",
    "interview_questions",
]
SECTIONS: tuple[str, ...] = Section.__args__  # type: ignore[attr-defined]
OPTIONAL_SECTIONS = tuple(s for s in SECTIONS if s not in ("duties", "education"))
