"""How sure a ranking is: whether there are enough answers to rank, and which roles tie.

People answer a little differently on another day. The model here is the one the quality
benchmark uses: each answer moves to an adjacent answer with probability ``answer_noise``
(questions.yaml). Moving each answer in turn, one step either way, and rescoring shows how
much the gap between two roles' fits would wobble; roles whose fit is within ``tie_z`` such
margins of the leader's are too close to call, and are shown together rather than as a
ranked 1 and 2. Rescoring, rather than a formula of its own, keeps the margin true to
whatever the fit formula is.
"""

from __future__ import annotations

from math import sqrt

from careerfit.fit.answers import Answers
from careerfit.fit.ranking import Ranking, RoleResult, fits
from careerfit.fit.tables import tables
from careerfit.kb.knowledge_base import KnowledgeBase


def enough(kb: KnowledgeBase, ranking: Ranking) -> bool:
    """Whether the person said enough about the work they want for a ranking to mean much.

    Enough answers across enough kinds of work, and not every kind rated the same: roles
    are matched on which work someone likes more than the rest, and a flat profile says
    nothing about that (CareerOneStop's interest quiz refuses to match one too).
    """
    rule = kb.questions_file.quality
    interests = {d.id for d in kb.dimensions if d.kind == "interest"}
    answered = {d: n for d, n in ranking.person.answered.items() if d in interests}
    places = [ranking.person.levels[d] for d in answered if d in ranking.person.levels]
    return (
        sum(answered.values()) >= rule.min_work_answers
        and len(answered) >= rule.min_dimensions
        and not flat(places)
    )


def flat(places: list[float]) -> bool:
    """Every kind of work rated the same."""
    return not places or max(places) - min(places) < 1e-9


def leaders(kb: KnowledgeBase, answers: Answers, ranking: Ranking) -> tuple[RoleResult, ...]:
    """The first role and every role too close to it to call, best first."""
    z = kb.questions_file.quality.tie_z
    first = ranking.ranked[0]
    error = margins(kb, answers, first.index)
    close = [r for r in ranking.ranked[1:] if first.fit - r.fit <= z * error[r.index]]
    return (first, *close)


def margins(kb: KnowledgeBase, answers: Answers, leader: int) -> list[float]:
    """One standard error of each role's fit gap to ``leader``, in fit points, under noise.

    Each answered preference moves to a neighbouring answer with probability ``noise``;
    the variance of the gap is the sum, over answers, of ``noise`` times the mean squared
    change in the gap when that answer moves one step (to either neighbour it has).
    """
    noise = kb.questions_file.quality.answer_noise
    base = fits(kb, answers)
    variance = [0.0] * len(base)
    for question in tables(kb).questions:
        value = answers.get(question.id)
        if question.dim is None or question.multi or value is None:
            continue
        at = question.index[str(value)]
        values = list(question.index)
        near = [values[i] for i in (at - 1, at + 1) if 0 <= i < len(values)]
        for other in near:
            moved = fits(kb, {**answers, question.id: other})
            for r, fit in enumerate(moved):
                change = (fit - moved[leader]) - (base[r] - base[leader])
                variance[r] += noise * change**2 / len(near)
    return [sqrt(v) for v in variance]
