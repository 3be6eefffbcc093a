"""Wording shared by every format: plain words for codes, money, pay, gaps, headings, hints.

The terminal, Markdown and JSON all say these things the same way because they all ask
here, and nothing a person reads shows an internal value (``small-firm``, ``jd``) instead
of words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerfit.clock import local
from careerfit.fit.certainty import flat
from careerfit.fit.explain import PLACES
from careerfit.fit.progress import relation
from careerfit.kb.facts import (
    DutyKind,
    EducationLevel,
    MoveKind,
    Pay,
    PayKind,
    Setting,
    VaryKind,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from careerfit.fit.assess import Assessment
    from careerfit.fit.gaps import Gap
    from careerfit.fit.ranking import RoleResult
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.quiz.sessions import Answered

DUTY_KINDS = {DutyKind.substantive: "substantive", DutyKind.procedural: "procedural"}
MOVE_KINDS = {MoveKind.advancement: "a step up", MoveKind.lateral: "a move across"}
VARY_KINDS = {
    VaryKind.firm_size: "by firm size",
    VaryKind.practice_area: "by practice area",
    VaryKind.employer: "by employer",
    VaryKind.location: "by place",
    VaryKind.over_time: "over time",
    VaryKind.disagreement: "sources disagree",
}
EDUCATION = {
    EducationLevel.none: "no diploma",
    EducationLevel.high_school: "high school",
    EducationLevel.some_college: "some college",
    EducationLevel.certificate: "a certificate",
    EducationLevel.associate: "an associate degree",
    EducationLevel.bachelor: "a bachelor's degree",
    EducationLevel.post_degree_certificate: "a certificate after a degree",
    EducationLevel.master: "a master's degree",
    EducationLevel.jd: "a law degree (J.D.)",
}
EDUCATION_SHORT = {
    EducationLevel.none: "none",
    EducationLevel.high_school: "high school",
    EducationLevel.some_college: "some college",
    EducationLevel.certificate: "certificate",
    EducationLevel.associate: "associate",
    EducationLevel.bachelor: "bachelor's",
    EducationLevel.post_degree_certificate: "certificate",
    EducationLevel.master: "master's",
    EducationLevel.jd: "law degree",
}
SETTINGS = PLACES


def settings_text(settings: Iterable[Setting]) -> str:
    """Workplace settings in words, in their usual order: ``small firms, courts``."""
    chosen = set(settings)
    return ", ".join(words for s, words in SETTINGS.items() if s in chosen)


def gap_text(gap: Gap) -> str:
    """A gap in one line, each part said once.

    ``Needs a law degree (J.D.): <why>`` or ``Certified Paralegal (CP), recommended: <why>
    Issued by NALA. Eligibility: ...``.
    """
    if gap.kind in ("education", "experience"):
        head = f"Needs {gap.name}" if gap.hard else f"Usually {gap.name}"
    else:
        head = f"Needs {gap.name}" if gap.hard else f"{gap.name}, {gap.status}"
    tail = f" {gap.how}" if gap.how else ""
    return f"{head}: {gap.reason}{tail}"


def money(amount: int) -> str:
    """Dollars as people write them: $60,970."""
    return f"${amount:,}"


def figure(pay: Pay) -> str:
    """The amount alone: ``$61,010``, or a range ``$48,190 to $78,280``."""
    if pay.kind is PayKind.range and pay.low is not None and pay.high is not None:
        return f"{money(pay.low)} to {money(pay.high)}"
    return money(pay.representative)


def pay_text(pay: Pay) -> str:
    """A pay figure in words: what it is, the amount, the year, the occupation it is for."""
    about = [pay.year]
    if pay.occupation:
        about.append(pay.occupation)
    if pay.scope:
        about.append(pay.scope)
    return f"{pay.label}: {figure(pay)} ({'; '.join(about)})"


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
        return f"quiz {answered.session_id} of {local(answered.started or '')[:10]}"
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


def stopped_note(answered: Answered, total: int) -> str | None:
    """How many questions an adaptive quiz asked and why it stopped, when it stopped early."""
    if answered.stopped is None or answered.asked is None:
        return None
    return (
        f"You answered {answered.asked} of the {total} questions: the quiz stopped because "
        f"{answered.stopped}."
    )


def fit_number(fit: float) -> str:
    """A fit as shown: a whole number from 0 (no better than chance) to 100."""
    return f"{max(0, round(fit))}"


NO_BETTER_THAN_CHANCE = "no better than chance"


def better_than_chance(result: RoleResult) -> bool:
    """Whether a role fits better than random answers would, as its fit is shown.

    A fit shown as 0 is what an answer set picked at random gets: such a role is in the
    ranking for comparison, and its strongest points would read as reasons it suits you.
    """
    return fit_number(result.fit) != "0"


def chance_note(assessment: Assessment, top: int) -> str | None:
    """Said when some of the roles shown fit no better than random answers would."""
    shown = assessment.ranked[:top]
    better = sum(1 for r in shown if better_than_chance(r))
    if better == len(shown):
        return None
    if better == 0:
        return (
            "No role fits your answers better than random answers would: the work you "
            "enjoy may lie outside these legal-support roles. The roles are listed for "
            "comparison."
        )
    roles = "role fits" if better == 1 else "roles fit"
    return (
        f"Only {better} {roles} you better than random answers would: the roles with a fit "
        "of 0 are listed for comparison, not as matches."
    )


def rank_label(assessment: Assessment, result: RoleResult) -> str:
    """A role's place: ``3``, or ``1-2`` for roles too close to call for first."""
    if len(assessment.leaders) > 1 and result in assessment.leaders:
        return f"1-{len(assessment.leaders)}"
    return str(result.rank)


def tie_note(assessment: Assessment) -> str | None:
    """What a tie for first place means, when there is one."""
    if len(assessment.leaders) < 2:
        return None
    names = [r.role.title for r in assessment.leaders]
    joined = ", ".join(names[:-1]) + f" and {names[-1]}"
    return (
        f"Too close to call: {joined} are within the quiz's margin of error of each other, "
        "so answering a little differently on another day could put either first. Read "
        "about each before you choose."
    )


def not_enough(kb: KnowledgeBase, assessment: Assessment) -> str:
    """Why no ranking is shown yet, and what to do."""
    rule = kb.questions_file.quality
    interests = [d for d in kb.dimensions if d.kind == "interest"]
    answered = {d: n for d, n in assessment.person.answered.items() if kb.dimension(d) in interests}
    statements = sum(1 for q in kb.questions if q.dimension in {d.id for d in interests})
    places = [assessment.person.levels[d] for d in answered if d in assessment.person.levels]
    if len(answered) >= rule.min_dimensions and flat(places):
        return (
            "Your answers rate every kind of work the same, so there is nothing to match the "
            "roles on: they are matched on the work you like more than the rest. Go back "
            "and answer the statements about the work as they really apply to you."
        )
    return (
        f"Not enough answers about the work yet to rank the roles: you answered "
        f"{sum(answered.values())} of the {statements} questions about the work you would "
        f"enjoy, touching {len(answered)} of its {len(interests)} kinds. At least "
        f"{rule.min_work_answers} answers across {rule.min_dimensions} kinds are needed "
        "before a ranking means anything. Answer more to see your matches."
    )


def relation_text(kb: KnowledgeBase, assessment: Assessment, result: RoleResult) -> str | None:
    """How a role relates to the person's current job, in words, when the sources say."""
    found = relation(kb, assessment.person.current_role, result.role.id)
    return found.words if found else None
