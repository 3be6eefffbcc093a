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
