"""Every role's score on every factor in play, and the fit they add up to.

The kinds of work score together, by the shape of the person's and the role's profiles
(:func:`careerfit.fit.formulas.shape`); working from home, workplace, pay, education and
credentials score one by one, by closeness against chance (:mod:`careerfit.fit.chance`). A
role's fit is its points over the most its factors could earn. This is the arithmetic only:
:mod:`careerfit.fit.ranking` orders the roles and explains them, and
:mod:`careerfit.fit.many` does the same sums over many people at once (batch scoring, the
adaptive quiz's candidate answers).
"""

from __future__ import annotations

from collections.abc import Sequence

from careerfit.fit import formulas
from careerfit.fit.person import Person
from careerfit.fit.tables import Tables, tables
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.records import record


@record
class Factor:
    """A part of the fit in play for this person: a dimension, workplace, pay or education."""

    id: str
    label: str
    weight: float
    interest: bool = False  # an interest dimension: scored with the others, by shape


@record
class Scores:
    """Every role's weight and score on every factor in play ([factor][role]).

    ``score`` is None where no source gives the role that factor; it is then left out of
    the role's fit and its weight and share are 0. The points a factor earns a role are
    ``100 * share * score``, and they add up to the role's fit.
    """

    weight: list[list[float]]  # the factor's weight where it counts for the role, else 0
    total: list[float]  # [role] the most the counted factors could earn: sum of weight x best
    score: list[list[float | None]]
    mean: list[float | None]  # [role] the person's mean interest over the kinds both know
    limit: list[int | None]  # [role] the factor whose end answer rules the role out, if any

    def share(self, f: int, j: int) -> float:
        """Factor ``f``'s share of role ``j``'s fit: its weight over the most it could earn.

        Worked out when asked: most scorings (the ties, the top-two swap) need only the
        fits, and the explanation the shares of a handful of roles.
        """
        total = self.total[j]
        return self.weight[f][j] / total if total else 0.0


def factors_in_play(kb: KnowledgeBase, person: Person) -> list[Factor]:
    """The factors this person's answers bring into play, in order."""
    dims, settings, pay, preparation, credentials = kb.derived(_every_factor)
    active = [f for f in dims if f.id in person.levels]
    told = (
        (settings, bool(person.settings)),
        (pay, bool(person.pay_need)),
        (preparation, person.education is not None),
        (credentials, bool(person.credentials)),
    )
    return active + [factor for factor, in_play in told if in_play]


def _every_factor(kb: KnowledgeBase) -> tuple[tuple[Factor, ...], Factor, Factor, Factor, Factor]:
    """Every factor a person could bring into play, made once per knowledge base.

    The dimensions in order, then workplace, pay, education and credentials. The adaptive
    quiz asks which factors are in play for every likely answer to every question left.
    """
    rules = kb.questions_file.factors
    return (
        tuple(Factor(d.id, d.label, d.weight, d.kind == "interest") for d in kb.dimensions),
        Factor("settings", rules.settings.label, rules.settings.weight),
        Factor("pay", rules.pay.label, rules.pay.weight),
        Factor("preparation", rules.preparation.label, rules.preparation.weight),
        Factor("credentials", rules.credentials.label, rules.credentials.weight),
    )


def scores(kb: KnowledgeBase, person: Person, active: list[Factor], roles: Sequence[int]) -> Scores:
    """The given roles' weight and score on every factor in play, and what each could earn.

    Interest dimensions score together, by how alike the person's and the role's interest
    profiles are in shape (:func:`careerfit.fit.formulas.shape`), over the dimensions both
    know; the other factors score one by one, by closeness measured against chance. A
    factor without data for a role has no share of that role's fit. Only the roles asked
    for are scored: the top-two swap scores two roles for every possible change of answer.
    """
    t = tables(kb)
    n = len(roles)
    interest = [f for f, a in enumerate(active) if a.interest]
    score: list[list[float | None]] = [[None] * n for _ in active]
    weight: list[list[float]] = [[0.0] * n for _ in active]
    need = kb.questions_file.quality.min_shared_dimensions
    neutral = kb.questions_file.quality.neutral_weight
    places = [person.levels[active[f].id] for f in interest]
    weights = [active[f].weight for f in interest]
    leaning = formulas.counted(formulas.SCALAR, places, weights, neutral)
    rows = [t.levels[t.dim_index(active[f].id)] for f in interest]
    means: list[float | None] = [None] * n
    best = [[1.0] * n for _ in active]  # the most each factor could score: 1 for interests
    for j, r in enumerate(roles):
        levels = [row[r] for row in rows]
        known = [0.0 if lv is None else 1.0 for lv in levels]
        if sum(known) < need:
            continue
        terms, total, means[j] = formulas.shape(
            formulas.SCALAR, places, [lv or 0.0 for lv in levels], weights, leaning, known
        )
        for f, term, k in zip(interest, terms, known, strict=True):
            if k:
                weight[f][j] = active[f].weight
                score[f][j] = term * total / active[f].weight
    limit: list[int | None] = [None] * n
    for f, factor in enumerate(active):
        if factor.interest:
            continue
        closeness = _factor_row(kb, t, person, factor, roles)
        chance = _chance_row(t, factor)
        for j, r in enumerate(roles):
            close = closeness[j]
            if close is not None:
                weight[f][j] = factor.weight
                score[f][j] = _beyond(close, chance[r])
                best[f][j] = formulas.best_beyond_chance(formulas.SCALAR, _chance(chance[r]))
                if factor.id in person.levels and formulas.rules_out(close):
                    limit[j] = f
    # Added up in factor order, as batch scoring adds them, so the fits are bit-identical.
    totals = [sum(weight[f][j] * best[f][j] for f in range(len(active))) for j in range(n)]
    return Scores(weight, totals, score, means, limit)


def _factor_row(
    kb: KnowledgeBase, t: Tables, person: Person, factor: Factor, roles: Sequence[int]
) -> list[float | None]:
    """The roles' closeness on a condition, workplace, pay or education; None: no data."""
    rules = kb.questions_file.factors
    xp = formulas.SCALAR
    if factor.id in person.levels:
        mine, levels = person.levels[factor.id], t.levels[t.dim_index(factor.id)]
        return [
            None if levels[r] is None else formulas.dimension(xp, mine, levels[r]) for r in roles
        ]
    if factor.id == "settings":
        chosen = formulas.setting_bits(person.settings)
        return [formulas.shared(xp, chosen, t.offered[r]) if t.offered[r] else None for r in roles]
    if factor.id == "credentials":
        held = sum(t.credential_bits[c] for c in person.credentials)
        return [formulas.shared(xp, held, t.listed[r]) if t.listed[r] else None for r in roles]
    if factor.id == "pay":
        need, cut = float(person.pay_need or 0), rules.pay.shortfall_to_zero
        return [None if t.pay[r] is None else formulas.pay(xp, need, t.pay[r], cut) for r in roles]
    assert person.reach is not None
    reach, rule = person.reach.rank, rules.preparation
    return [
        None
        if t.usual[r] is None
        else formulas.preparation(xp, reach, t.usual[r], rule.per_level_short, rule.per_level_over)
        for r in roles
    ]


def _chance_row(t: Tables, factor: Factor) -> tuple[float | None, ...]:
    """What random answers score against each role on a factor that is not an interest."""
    if factor.id in ("settings", "pay", "preparation", "credentials"):
        return tuple(getattr(t.chance, factor.id))
    return t.chance.dims[t.dim_index(factor.id)]


def _chance(chance: float | None) -> float:
    """What random answers get on a factor; 0 where the bank cannot say."""
    return 0.0 if chance is None else chance


def _beyond(closeness: float, chance: float | None) -> float:
    """A factor's closeness measured against what random answers would get."""
    return formulas.beyond_chance(formulas.SCALAR, closeness, _chance(chance))


def fit_sums(scores: Scores) -> list[float]:
    """Each scored role's fit: 100 x share x score, added up factor by factor.

    At most 0 for a role an "only ..." answer rules out (:func:`formulas.rules_out`). The
    one place the sum is written, so that every path gives bit-identical fits.
    """
    out = []
    for j, total in enumerate(scores.total):
        fit = 0.0
        for f, row in enumerate(scores.score):
            score = row[j]
            if score is not None and total:
                fit += 100 * (scores.weight[f][j] / total) * score
        out.append(fit if scores.limit[j] is None else min(fit, 0.0))
    return out
