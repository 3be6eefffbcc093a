"""A role, the credential catalogue, the sources and the comparisons: the whole of roles.yaml.

A role is described on the same fields as every other role (:mod:`careerfit.kb.facts`), so
profiles and comparisons can line roles up field by field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from careerfit.kb.citations import iter_cites
from careerfit.kb.facts import (
    SECTIONS,
    Cited,
    Duty,
    DutyKind,
    Education,
    Experience,
    FitLevel,
    InterviewQuestion,
    Move,
    Outlook,
    Pay,
    RoleCredential,
    Section,
    Skill,
    Vary,
    Workplace,
)
from careerfit.kb.validation import model
from careerfit.records import field

if TYPE_CHECKING:
    from pydantic import Field

    from careerfit.kb.validation import Cites, Id, IsoDate, ShortText, Text, Url


@model
class Role:
    """One role, described on the same fields as every other role.

    A section no source covers is a key of ``not_known``, with the reason in words a job
    seeker can read, rather than left silently empty, so a reader can tell "the sources say
    nothing" from "we forgot".
    """

    id: Id
    title: ShortText
    aliases: list[ShortText] = field(default_factory=list)
    cite: Cites
    summary: Cited
    work_like: list[Cited] = field(default_factory=list)
    duties: Annotated[list[Duty], Field(min_length=1)]
    skills: list[Skill] = field(default_factory=list)
    education: Education = field(default_factory=Education)
    credentials: list[RoleCredential] = field(default_factory=list)
    pay: list[Pay] = field(default_factory=list)
    outlook: list[Outlook] = field(default_factory=list)
    workplaces: list[Workplace] = field(default_factory=list)
    varies: list[Vary] = field(default_factory=list)
    success_measures: list[Cited] = field(default_factory=list)
    challenges: list[Cited] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    interview_questions: list[InterviewQuestion] = field(default_factory=list)
    fit: dict[Id, FitLevel] = field(default_factory=dict)
    fit_unknown: dict[Id, Text] = field(default_factory=dict)
    experience: Experience | None = None
    not_known: dict[Section, Text] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for section in SECTIONS:
            value = getattr(self, section)
            empty = (
                not (value.typical or value.minimum or value.pathways)
                if section == "education"
                else not value
            )
            if empty and section not in self.not_known:
                raise ValueError(
                    f"section '{section}' is empty; fill it from a cited source or add "
                    f"'{section}' to not_known with the reason, in words a job seeker can read"
                )
            if not empty and section in self.not_known:
                raise ValueError(
                    f"section '{section}' has content but is listed in not_known; remove one"
                )
        both = sorted(set(self.fit) & set(self.fit_unknown))
        if both:
            raise ValueError(
                f"dimension '{both[0]}' has a fit level and is also in fit_unknown; remove one"
            )
        if sum(p.scoring for p in self.pay) > 1:
            raise ValueError("more than one pay figure has scoring: true; mark only one")

    @property
    def substantive_share(self) -> float:
        """Fraction of duties tagged substantive: derived, so it can never disagree with them."""
        return sum(d.kind is DutyKind.substantive for d in self.duties) / len(self.duties)

    @property
    def sources(self) -> list[str]:
        """Every source id this role cites anywhere, in first-cited order."""
        seen: dict[str, None] = {}
        for _, cite in iter_cites(self, ()):
            seen.setdefault(cite.source, None)
        return list(seen)

    @property
    def scoring_pay(self) -> Pay | None:
        """The pay figure the quiz compares with the pay a person needs."""
        return next((p for p in self.pay if p.scoring), None)


@model
class Source:
    """A document facts are cited from, described so that a reader could find it.

    ``title``, ``publisher``, ``date`` (an ISO partial date), ``edition`` and ``url`` are what
    a person sees; ``id``, ``file`` and ``note`` are internal. ``lines`` lets citations be
    range-checked offline. Several sources may share one ``file``: the occupation evidence
    sheet records facts from many public pages, and each page cited through it is a source of
    its own whose ``url`` every cited line must contain.
    """

    id: Id
    title: ShortText
    publisher: ShortText | None = None
    date: IsoDate | None = None
    edition: ShortText | None = None
    url: Url | None = None
    file: ShortText
    lines: Annotated[int, Field(gt=0)]
    note: Text | None = None


@model
class Credential:
    """A credential in the catalogue that roles refer to by id.

    ``experience_route`` is given when a source says years of work can stand in for the
    usual study, so that someone with that experience is told they may already qualify.
    """

    id: Id
    name: ShortText
    abbreviation: ShortText | None = None
    body: ShortText
    about: Text
    eligibility: Text | None = None
    study_time: Text | None = None
    experience_route: Experience | None = None
    cite: Cites


@model
class Comparison:
    """What one source says sets two or more roles apart, shown by ``careerfit compare``."""

    roles: Annotated[list[Id], Field(min_length=2)]
    differences: Annotated[list[Cited], Field(min_length=1)]


@model
class RolesFile:
    """The whole of roles.yaml."""

    version: ShortText
    sources: Annotated[list[Source], Field(min_length=1)]
    credentials: list[Credential] = field(default_factory=list)
    roles: Annotated[list[Role], Field(min_length=1)]
    comparisons: list[Comparison] = field(default_factory=list)
