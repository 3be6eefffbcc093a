"""The question bank: dimensions, factor weights and rules, and the questions (questions.yaml).

Every number that affects a score lives in questions.yaml and arrives here; the fit code
holds formulas, never weights.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.validation import model
from careerfit.records import field

if TYPE_CHECKING:
    from pydantic import Field

    from careerfit.kb.validation import Id, ShortText, Text


@model
class Dimension:
    """A scoring dimension: the quiz places the person on it, the roles are placed on it too.

    An ``interest`` is a kind of work, measured by at least three statements; a
    ``condition`` (working from home) is asked once. Each role's place on it is a cited
    judgement in the role's ``fit``, or the role says in ``fit_unknown`` why none is known.
    ``activity`` names the work in a phrase the explanations use ("you enjoy ...").
    """

    id: Id
    label: ShortText
    activity: ShortText
    low: ShortText
    high: ShortText
    weight: Annotated[float, Field(gt=0, le=100)]
    kind: Literal["interest", "condition"] = "interest"


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
    """Education: how far the person's level is from the role's usual education.

    The person's level is what they have or would study for. Each level the role asks
    beyond it costs ``per_level_short``; each level the person has beyond what the role
    usually asks costs ``per_level_over``.
    """

    per_level_short: Annotated[float, Field(gt=0, le=1)]
    per_level_over: Annotated[float, Field(ge=0, le=1)]


@model
class Factors:
    """Weights and rules of the factors that are not dimensions."""

    settings: Factor
    pay: PayFactor
    preparation: PreparationFactor
    credentials: Factor


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
    role: Id | None = None
    years: Annotated[int, Field(ge=0, le=80)] | None = None
    exclusive: bool = False


RECORDS = ("education", "study", "pay", "setting", "credential", "role", "years")

SCALE = (
    ("strongly-disagree", "Strongly disagree"),
    ("disagree", "Disagree"),
    ("neutral", "Neither agree nor disagree"),
    ("agree", "Agree"),
    ("strongly-agree", "Strongly agree"),
)


@model
class Question:
    """A quiz question: a statement on the agree scale, a pair, a choice or a multi-choice.

    A ``scale`` statement names the one dimension it ``measures`` and how it is ``keyed``:
    agreeing means more of that work (``agree``) or less (``disagree``); its five answers
    are the same for every statement and are made here, so keying can never be half-done.
    Other kinds list their options. Either way every answer moves one dimension at most,
    and all of a question's answers move the same one: each question measures one thing.
    """

    id: Id
    kind: QuestionKind
    text: Text
    why: Text
    aliases: list[Id] = field(default_factory=list)
    skippable: bool = True
    measures: Id | None = None
    keyed: Literal["agree", "disagree"] | None = None
    options: Annotated[list[Option], Field(max_length=20)] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind is QuestionKind.scale:
            self._make_scale()
        elif self.measures or self.keyed:
            raise ValueError("only a scale statement has 'measures' and 'keyed'; list options")
        if len(self.options) < 2:
            raise ValueError("a question needs at least two options")
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
        self._check_moves(records)

    def _make_scale(self) -> None:
        if self.measures is None or self.keyed is None:
            raise ValueError("a scale statement needs 'measures' (a dimension) and 'keyed'")
        if self.options:
            raise ValueError("a scale statement's answers are standard; remove its options")
        steps = range(len(SCALE)) if self.keyed == "agree" else range(len(SCALE) - 1, -1, -1)
        made = [
            Option(value=value, label=label, moves={self.measures: step})
            for (value, label), step in zip(SCALE, steps, strict=True)
        ]
        object.__setattr__(self, "options", made)

    def _check_moves(self, records: set[str]) -> None:
        moved = {d for o in self.options for d in o.moves}
        if not records and not moved:
            raise ValueError(
                "no answer moves a dimension or records anything; the question measures nothing"
            )
        if len(moved) > 1 or any(len(o.moves) > 1 for o in self.options):
            raise ValueError(
                f"answers move several dimensions ({', '.join(sorted(moved))}); a question "
                "measures one thing, so split it"
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
    def dimension(self) -> str | None:
        """The one dimension its answers move, if any."""
        return next((d for o in self.options for d in o.moves), None)

    def option(self, value: str) -> Option | None:
        """The option with this value, if any."""
        return next((o for o in self.options if o.value == value), None)


@model
class Quality:
    """How far the answers can be trusted: careless-answer thresholds, enough to rank, ties.

    ``same_answer_share`` and ``min_scale_answers``: flag answers when that share of the
    agree/disagree statements got the same answer (with at least that many answered).
    ``opposite_pairs``: flag answers that agree with this many pairs of statements keyed
    opposite ways about the same work (one or two such pairs are normal: two statements
    about the same work are not exact opposites).
    ``min_work_answers`` and ``min_dimensions``: below this many answers about the work, or
    this many kinds of work touched, the results ask for more answers instead of ranking.
    ``answer_noise``: how often a person would give an adjacent answer on another day; it
    sets the margin of error, and roles closer to the leader than ``tie_z`` margins are
    "too close to call". ``min_shared_dimensions``: a role's interest profile is compared
    with the person's only over at least this many kinds of work both know; with fewer, a
    profile has no shape to compare and the interests are "no data" for that role.
    ``neutral_weight``: how much a kind of work the person leans on neither way counts when
    their profile's shape is compared with a role's, against 1 for one they lean on fully
    (:func:`careerfit.fit.formulas.counted`).
    """

    same_answer_share: Annotated[float, Field(gt=0.5, le=1)]
    min_scale_answers: Annotated[int, Field(ge=2)]
    opposite_pairs: Annotated[int, Field(ge=1)]
    min_work_answers: Annotated[int, Field(ge=1)]
    min_dimensions: Annotated[int, Field(ge=1)]
    answer_noise: Annotated[float, Field(ge=0, lt=1)]
    tie_z: Annotated[float, Field(ge=0, le=5)]
    min_shared_dimensions: Annotated[int, Field(ge=3)]
    neutral_weight: Annotated[float, Field(gt=0, le=1)]


@model
class Adaptive:
    """How the adaptive quiz picks questions and when it stops (docs/scoring.md).

    ``stop_chance``: stop once the remaining questions have less than this chance of
    changing the first role. ``contenders``: how many leading roles the next question is
    chosen to separate. ``answer_spread``: how far (0-1) a person's answer to another
    question about a kind of work they have answered is expected to stray from where they
    stand (0.25 is about one step of a five-point scale). ``more_at_a_time``: how many
    more questions "answer a few more" asks before stopping again.
    """

    stop_chance: Annotated[float, Field(gt=0, lt=1)] = 0.05
    contenders: Annotated[int, Field(ge=2, le=50)] = 5
    answer_spread: Annotated[float, Field(gt=0, le=1)] = 0.25
    more_at_a_time: Annotated[int, Field(ge=1, le=40)] = 5


@model
class QuestionsFile:
    """The whole of questions.yaml."""

    version: ShortText
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    factors: Factors
    quality: Quality
    questions: Annotated[list[Question], Field(min_length=1)]
    adaptive: Adaptive = field(default_factory=Adaptive)
