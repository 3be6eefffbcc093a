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

from collections.abc import Callable, Mapping, Sequence
from math import sqrt

from careerfit.fit.answers import Answers
from careerfit.fit.person import Person, person_from, shifted
from careerfit.fit.ranking import Ranking, RoleResult, fits_of
from careerfit.fit.tables import tables
from careerfit.kb.knowledge_base import KnowledgeBase

# Scores several people for some roles: [person][role] fits.
Scoring = Callable[[KnowledgeBase, Sequence[Person], Sequence[int]], list[list[float]]]


def one_by_one(
    kb: KnowledgeBase, persons: Sequence[Person], roles: Sequence[int]
) -> list[list[float]]:
    """Each person's fits, scored one at a time: a single ranking needs no numpy loaded.

    The adaptive quiz, which measures ties at every question, passes
    :func:`careerfit.fit.many.fits_of_each` instead: the same fits, in one pass.
    """
    return [fits_of(kb, p, roles) for p in persons]


def enough(kb: KnowledgeBase, person: Person) -> bool:
    """Whether the person said enough about the work they want for a ranking to mean much.

    Enough answers across enough kinds of work, and not every kind rated the same: roles
    are matched on which work someone likes more than the rest, and a flat profile says
    nothing about that (CareerOneStop's interest quiz refuses to match one too).
    """
    rule = kb.questions_file.quality
    interests = {d.id for d in kb.dimensions if d.kind == "interest"}
    answered = {d: n for d, n in person.answered.items() if d in interests}
    places = [person.levels[d] for d in answered if d in person.levels]
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
    first, rest = ranking.ranked[0], ranking.ranked[1:]
    fit = {r.index: r.fit for r in ranking.ranked}
    close = set(too_close(kb, answers, fit, first.index, [r.index for r in rest]))
    return (first, *(r for r in rest if r.index in close))


def too_close(
    kb: KnowledgeBase,
    answers: Answers,
    fit: Mapping[int, float] | Sequence[float],
    leader: int,
    others: Sequence[int],
    score: Scoring = one_by_one,
) -> list[int]:
    """Of ``others`` (role indexes), those too close to ``leader`` to call.

    Too close: closer than ``tie_z`` standard errors of the gap (:func:`margins`). ``fit``
    gives each role's fit by index. The adaptive quiz asks only about its few leading
    roles, so only those are rescored.
    """
    z = kb.questions_file.quality.tie_z
    error = margins(kb, answers, leader, others, score)
    return [r for r in others if fit[leader] - fit[r] <= z * error[r]]


def margins(
    kb: KnowledgeBase,
    answers: Answers,
    leader: int,
    others: Sequence[int],
    score: Scoring = one_by_one,
) -> dict[int, float]:
    """One standard error of each other role's fit gap to ``leader``, in fit points, under noise.

    Each answered preference moves to a neighbouring answer with probability ``noise``;
    the variance of the gap is the sum, over answers, of ``noise`` times the mean squared
    change in the gap when that answer moves one step (to either neighbour it has).
    """
    noise = kb.questions_file.quality.answer_noise
    picked = [leader, *others]
    person = person_from(kb, answers)
    steps: list[tuple[tuple[str, int], int]] = []  # each answer's moves, and how many it has
    for question in tables(kb).questions:
        value = answers.get(question.id)
        if question.dim is None or question.multi or value is None:
            continue
        at = question.index[str(value)]
        near = [i for i in (at - 1, at + 1) if 0 <= i < len(question.moves)]
        steps += [((question.dim, question.moves[i] - question.moves[at]), len(near)) for i in near]
    keys = list(dict.fromkeys(key for key, _ in steps))  # moved alike, answers score alike
    base, *scored = score(kb, [person, *(shifted(person, *key) for key in keys)], picked)
    tried = dict(zip(keys, scored, strict=True))
    variance = [0.0] * len(picked)
    for key, n_near in steps:
        moved = tried[key]
        for j, fit in enumerate(moved):
            change = (fit - moved[0]) - (base[j] - base[0])
            variance[j] += noise * change**2 / n_near
    return {r: sqrt(v) for r, v in zip(picked[1:], variance[1:], strict=True)}
