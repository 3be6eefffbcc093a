"""Wording shared by every format: money, pay figures, duty mix, headings and hints.

The terminal, Markdown and JSON all say these things the same way because they all ask
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerfit.kb.facts import Pay, PayKind

if TYPE_CHECKING:
    from careerfit.fit.assess import Assessment
    from careerfit.quiz.sessions import Answered


def money(amount: int) -> str:
    """Dollars as people write them: $60,970."""
    return f"${amount:,}"


def pay_text(pay: Pay) -> str:
    """A pay figure in words, with its statistic and year."""
    figure = (
        f"{money(pay.low)} to {money(pay.high)}"
        if pay.kind is PayKind.range and pay.low is not None and pay.high is not None
        else money(pay.representative)
    )
    scope = f", {pay.scope}" if pay.scope else ""
    return f"{pay.label}: {figure} ({pay.kind.value}, {pay.year}{scope})"


def mix_text(share: float) -> str:
    """``60% substantive, 40% procedural`` from the share of substantive duties."""
    pct = round(share * 100)
    return f"{pct}% substantive, {100 - pct}% procedural duties"


def apportion(values: list[float], places: int = 1) -> list[float]:
    """Round values so that the rounded parts add up to the rounded total.

    Largest-remainder rounding: a breakdown of a fit of 84.4 shows parts that sum to
    exactly 84.4, never 84.3 or 84.5, so the explanation always adds up on screen.
    """
    scale = 10**places
    scaled = [v * scale for v in values]
    floors = [int(x // 1) for x in scaled]
    target = round(sum(scaled))
    order = sorted(range(len(values)), key=lambda i: -(scaled[i] - floors[i]))
    for i in order[: max(0, target - sum(floors))]:
        floors[i] += 1
    return [f / scale for f in floors]


def points(gap: float) -> str:
    """A gap in fit points, in words: "less than a point", "1 point", "7 points"."""
    if gap < 0.5:
        return "less than a point"
    return "1 point" if round(gap) == 1 else f"{gap:.0f} points"


def swap_hint(assessment: Assessment) -> str | None:
    """What single change of answer would put the runner-up first, in words."""
    swap = assessment.swap
    if swap is None:
        return None
    first, second = assessment.ranked[0], assessment.ranked[1]
    gap = first.fit - second.fit
    if swap.margin <= 0:
        return (
            f"No single answer would put {second.role.title} ahead of {first.role.title}; "
            f"it trails by {points(gap)}."
        )
    chosen = swap.value if isinstance(swap.value, tuple) else (swap.value,)
    labels = [o.label for o in swap.question.options if o.value in chosen]
    return (
        f"{second.role.title} is {points(gap)} behind {first.role.title}. Answering "
        f"'{'; '.join(labels)}' to \"{swap.question.text}\" would put it first."
    )


def _origin(answered: Answered) -> str:
    if answered.origin == "file":
        return f"answers file {answered.file_name}"
    if answered.origin == "stored":
        return f"quiz {answered.session_id} of {(answered.started or '')[:10]}"
    return f"quiz {answered.session_id}"


def _changes(answered: Answered) -> str:
    return ", with " + ", ".join(answered.changes) + " (not stored)" if answered.changes else ""


def label(answered: Answered) -> str:
    """Where answers came from, as a report names them: "quiz 3 of 2026-11-25"."""
    return _origin(answered) + _changes(answered)


def heading(answered: Answered) -> str:
    """The title over a results table."""
    if answered.origin == "file":
        text = f"Your matches, from {answered.file_name}"
    elif answered.origin == "quiz":
        text = f"Your matches (quiz {answered.session_id})"
    else:
        origin = _origin(answered)
        text = origin[0].upper() + origin[1:]
        if answered.unfinished:
            text += " (unfinished)"
        if answered.answered_against:
            text += ", answered against an older knowledge base"
            if answered.dropped:
                text += f" (answers no longer asked: {', '.join(answered.dropped)})"
    return text + _changes(answered)
