"""The shape of a knowledge base: immutable records, validated by pydantic.

Why pydantic: the knowledge base is written by people (us, or a career centre maintaining its
own), so every typo must be caught with a precise location. Pydantic validates the raw YAML
data into these classes and reports error locations (``loc``) that the loader maps back to
YAML line numbers; unknown keys are errors, so a misspelt field is never silently ignored.

Why plain classes (:class:`Record`) rather than pydantic models or dataclasses: a knowledge
base that validated once is cached (see :mod:`careerfit.kbcache`), and loading the cache
must pay neither for importing pydantic and building its validators nor for generating
dataclass methods, which together were most of a command's start-up time. So the
validation types (``Id``, ``Text``, ``Cites`` ...) are installed by
:func:`validation_adapter` only when something has to be validated; until then the
annotations below are just strings.

Cross-file rules (ids that must exist, a role's fit keys matching the dimensions declared in
questions.yaml) live in :mod:`careerfit.knowledge`, which sees both files at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from careerfit.record import Record, field, record

if TYPE_CHECKING:
    from pydantic import Field, TypeAdapter

    Id = str
    Text = str
    ShortText = str
    IsoDate = str
    Url = str
    Cites = list["Cite"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control(value: str) -> str:
    """Refuse control characters: in a knowledge base they can only be terminal escapes."""
    found = _CONTROL.search(value)
    if found:
        code = f"\\x{ord(found.group()):02x}"
        raise ValueError(
            f"contains the control character {code} (a terminal escape sequence?) at "
            f"position {found.start()}; remove it"
        )
    return value


def _is_id(value: str) -> str:
    """Ids are what people type on the command line: lower-case words joined by hyphens."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError(
            f"{value!r} is not a valid id; use lower-case letters and digits in words joined "
            "by hyphens, e.g. legal-secretary"
        )
    return value


_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _is_iso_date(value: str) -> str:
    """A source's date as an ISO partial date, so every date reads one way."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03-05"
        )
    return value


def _is_url(value: str) -> str:
    """A source's address: a web address a reader can open, nothing else."""
    if not re.fullmatch(r"https?://\S+", value):
        raise ValueError(
            f"{value!r} is not a web address; write the page's full address starting with "
            "http:// or https://"
        )
    return value


@cache
def validation_adapter(kind: type) -> TypeAdapter[Any]:
    """A pydantic validator for ``kind``, installing the validation types on first use."""
    from pydantic import AfterValidator, Field, StringConstraints, TypeAdapter

    names = globals()
    names.update(
        Field=Field,
        Id=Annotated[str, StringConstraints(max_length=60), AfterValidator(_is_id)],
        Text=Annotated[
            str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_no_control)
        ],
        ShortText=Annotated[
            str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control)
        ],
        IsoDate=Annotated[str, AfterValidator(_is_iso_date)],
        Url=Annotated[str, StringConstraints(max_length=300), AfterValidator(_is_url)],
        Cites=Annotated[list[Annotated[str, AfterValidator(_parse_cite)]], Field(min_length=1)],
    )
    return TypeAdapter(kind)


def model(cls: type) -> Any:
    """Make a class a knowledge-base record: immutable, slotted, compared by identity.

    Identity, because two roles are never the same role by value, and records holding
    lists could not be hashed by value anyway.
    """
    return record(cls, eq=False)


CITE_RE = re.compile(
    r"^(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*):(?P<first>[1-9]\d*)(?:-(?P<last>[1-9]\d*))?$"
)


class Cite(str):
    """A citation ``SOURCE:LINE`` or ``SOURCE:FIRST-LAST``, e.g. ``s001:57-60``.

    Kept as a string in YAML so that a fact and its citation fit on one line; parsed here so
    that a malformed citation is a validation error, not a silent dead link.
    """

    @property
    def source(self) -> str:
        """The id of the cited source."""
        return CITE_RE.match(self).group("source")  # type: ignore[union-attr]

    @property
    def lines(self) -> tuple[int, int]:
        """First and last cited line (equal for a single line)."""
        m = CITE_RE.match(self)
        assert m is not None
        first = int(m.group("first"))
        return first, int(m.group("last") or first)


def _parse_cite(value: str) -> Cite:
    """Turn a validated string into a :class:`Cite`, rejecting malformed or reversed ranges."""
    if not CITE_RE.match(value):
        raise ValueError(
            f"{value!r} is not a citation; write SOURCE:LINE or SOURCE:FIRST-LAST, e.g. s001:57-60"
        )
    cite = Cite(value)
    first, last = cite.lines
    if last < first:
        raise ValueError(f"citation {value!r} ends before it starts")
    return cite


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


# Asked for often; derived from the declaration order above, so a level added there is ranked
# where it is written (some-college between high-school and certificate, post-degree-certificate
# between bachelor and master).
_RANKS = {level.value: rank for rank, level in enumerate(EducationLevel)}


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
    """A judgement of how much the role asks on one quiz dimension, 0 (none) to 4 (a lot)."""

    level: Annotated[int, Field(ge=0, le=4)]
    why: Text
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
    fit: dict[Id, FitLevel]
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


def iter_cites(
    obj: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Cite]]:
    """Every citation inside a model with its location, depth first.

    One walker serves both the derived "sources" of a role and the loader's check that each
    citation points at a real source line.
    """
    if isinstance(obj, Cite):
        yield path, obj
    elif isinstance(obj, Record):
        for name in obj._fields:
            yield from iter_cites(getattr(obj, name), (*path, name))
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from iter_cites(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from iter_cites(item, (*path, key))


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
    """A credential in the catalogue that roles refer to by id."""

    id: Id
    name: ShortText
    abbreviation: ShortText | None = None
    body: ShortText
    about: Text
    eligibility: Text | None = None
    study_time: Text | None = None
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


# --- questions.yaml --------------------------------------------------------------------


@model
class Dimension:
    """A scoring dimension: the quiz places the person on it, the roles are placed on it too.

    ``derived`` names where a role's value comes from when it is not a judgement written in
    the role's ``fit`` (today only the substantive share, from the duty tags).
    """

    id: Id
    label: ShortText
    low: ShortText
    high: ShortText
    weight: Annotated[float, Field(gt=0, le=100)]
    derived: Literal["substantive-share"] | None = None


@model
class Factor:
    """A non-dimension part of the fit (setting, pay, preparation) and its weight."""

    label: ShortText
    weight: Annotated[float, Field(gt=0, le=100)]


@model
class PayFactor(Factor):
    """Pay: a role paying ``shortfall_to_zero`` (a fraction) less than needed scores 0."""

    shortfall_to_zero: Annotated[float, Field(gt=0, le=1)]


@model
class PreparationFactor(Factor):
    """Education: how far the person is from the role's typical education.

    A role whose typical level the person has scores 1; one they would study up to scores
    ``within_reach``; each level beyond what they would study costs ``per_level_short``.
    """

    within_reach: Annotated[float, Field(ge=0, le=1)]
    per_level_short: Annotated[float, Field(gt=0, le=1)]


@model
class Factors:
    """Weights and rules of the factors that are not dimensions."""

    settings: Factor
    pay: PayFactor
    preparation: PreparationFactor


class QuestionKind(StrEnum):
    """How a question is asked: one answer (scale, pair, choice) or several (multi)."""

    scale = "scale"
    pair = "pair"
    choice = "choice"
    multi = "multi"


@model
class Option:
    """One answer. It moves dimensions and/or records a fact about the person."""

    value: Id
    label: ShortText
    moves: dict[Id, Annotated[int, Field(ge=-10, le=10)]] = field(default_factory=dict)
    education: EducationLevel | None = None
    study: EducationLevel | None = None
    pay: Annotated[int, Field(ge=0, lt=10_000_000)] | None = None
    setting: Setting | None = None
    credential: Id | None = None
    exclusive: bool = False


RECORDS = ("education", "study", "pay", "setting", "credential")


@model
class Question:
    """A quiz question.

    ``reverse_of`` names a question that says the opposite, so that agreeing with both flags
    careless answering.
    """

    id: Id
    kind: QuestionKind
    text: Text
    why: Text
    aliases: list[Id] = field(default_factory=list)
    skippable: bool = True
    reverse_of: Id | None = None
    options: Annotated[list[Option], Field(min_length=2, max_length=12)]

    def __post_init__(self) -> None:
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError("two options share a value; give each option its own value")
        records = {r for o in self.options for r in RECORDS if getattr(o, r) is not None}
        if len(records) > 1:
            raise ValueError(
                f"options record different things ({', '.join(sorted(records))}); one per question"
            )
        if self.kind is QuestionKind.multi and not records & {"setting", "credential"}:
            raise ValueError("a multi question must record settings or credentials")
        moved = {d for o in self.options for d in o.moves}
        if not records and not moved:
            raise ValueError(
                "no answer moves a dimension or records anything; the question measures nothing"
            )
        for dim in moved:
            if len({o.moves.get(dim, 0) for o in self.options}) < 2:
                raise ValueError(
                    f"every answer moves '{dim}' the same amount, so it measures nothing"
                )

    @property
    def records(self) -> str | None:
        """Which fact about the person this question records, if any."""
        return next((r for o in self.options for r in RECORDS if getattr(o, r) is not None), None)

    @property
    def measures(self) -> list[str]:
        """The dimensions its answers move."""
        return sorted({d for o in self.options for d in o.moves})

    def option(self, value: str) -> Option | None:
        """The option with this value, if any."""
        return next((o for o in self.options if o.value == value), None)


@model
class Quality:
    """When answers look careless: the thresholds of the checks on answer quality."""

    same_answer_share: Annotated[float, Field(gt=0.5, le=1)]
    min_scale_answers: Annotated[int, Field(ge=2)]


@model
class QuestionsFile:
    """The whole of questions.yaml."""

    version: ShortText
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    factors: Factors
    quality: Quality
    questions: Annotated[list[Question], Field(min_length=1)]


def to_plain(obj: Any) -> Any:
    """A knowledge-base object as JSON-ready data (what ``--json`` prints)."""
    if isinstance(obj, Record):
        return {name: to_plain(getattr(obj, name)) for name in obj._fields}
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, list | tuple):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj
