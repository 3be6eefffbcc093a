"""Fits of many people at once: the sums of :mod:`careerfit.fit.scoring` over numpy arrays.

Batch scoring (:mod:`careerfit.batch`) scores thousands of respondents this way, and the
adaptive quiz every likely answer to every question left, in one pass instead of one
scoring each. Every score uses the formulas of :mod:`careerfit.fit.formulas` in the same
order of operations as :func:`careerfit.fit.scoring.scores`, so each fit is identical to
one person's (the tests check this). numpy is imported when first needed, so commands that
never score many people never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from careerfit.fit import formulas
from careerfit.fit.tables import tables

if TYPE_CHECKING:
    from careerfit.fit.person import Person
    from careerfit.kb.knowledge_base import KnowledgeBase


class People:
    """Many people as numpy columns: what their answers say about each of them."""

    def __init__(
        self, n: int, places: dict[str, Any], answered: dict[str, Any], chosen: Any, held: Any,
        need: Any, have: Any, study: Any,
    ) -> None:  # fmt: skip
        self.n = n
        self.places = places  # dimension -> place from 0 to 1 (0 where not answered)
        self.answered = answered  # dimension -> whether any of its questions was answered
        self.chosen = chosen  # settings chosen, as a bit mask
        self.held = held  # credentials held, as a bit mask
        self.need = need  # pay needed, 0 if not given
        self.have = have  # rank of education held, -1 if not given
        self.study = study  # rank of education they would study for, -1 if not given


def people_of(kb: KnowledgeBase, persons: Sequence[Person]) -> People:
    """Many :class:`~careerfit.fit.person.Person` as columns, each place exactly as it is."""
    import numpy as np

    bits = tables(kb).credential_bits
    dims = [d.id for d in kb.dimensions]
    return People(
        len(persons),
        {d: np.array([p.levels.get(d, 0.0) for p in persons]) for d in dims},
        {d: np.array([d in p.levels for p in persons]) for d in dims},
        np.array([formulas.setting_bits(p.settings) for p in persons], dtype=np.int64),
        np.array([sum(bits[c] for c in p.credentials) for p in persons], dtype=np.int64),
        np.array([float(p.pay_need or 0) for p in persons]),
        np.array([-1 if p.education is None else p.education.rank for p in persons]),
        np.array([-1 if p.study is None else p.study.rank for p in persons]),
    )


class Roles:
    """The roles' side of the sums as numpy rows, one column a role (default: every role)."""

    def __init__(self, kb: KnowledgeBase, roles: Sequence[int] | None = None) -> None:
        import numpy as np

        t = tables(kb)
        picked = range(len(kb.roles)) if roles is None else roles

        def known(values: Sequence[Any]) -> Any:
            return np.array([values[r] is not None for r in picked])

        def filled(values: Sequence[Any]) -> Any:
            return np.array([values[r] or 0.0 for r in picked], dtype=float)[None, :]

        def bits(values: Sequence[int]) -> Any:
            return np.array([values[r] for r in picked], dtype=np.int64)[None, :]

        self.dims = [
            (known(levels), filled(levels), filled(chance))
            for levels, chance in zip(t.levels, t.chance.dims, strict=True)
        ]
        self.offered = bits(t.offered)
        self.settings = (known([b or None for b in t.offered]), filled(t.chance.settings))
        self.figures = (known(t.pay), filled(t.pay), filled(t.chance.pay))
        self.usual = (known(t.usual), filled(t.usual), filled(t.chance.preparation))
        self.listed = bits(t.listed)
        self.credentials = (known([b or None for b in t.listed]), filled(t.chance.credentials))


class Factor(NamedTuple):
    """A factor for many people x roles, as a single quiz scores it."""

    weight: float
    counts: Any  # the pairs it counts for: the person answered it, the role has data
    score: Any  # its score for each pair
    best: Any  # the most it could score for each role (1 for an interest)
    rules_out: Any = False  # the pairs an "only ..." answer rules out (a condition's end)


def fits_of_each(
    kb: KnowledgeBase, persons: Sequence[Person], roles: Sequence[int]
) -> list[list[float]]:
    """Each person's fits for the given roles, in one pass: what the adaptive quiz needs."""
    return fits(kb, people_of(kb, persons), roles).tolist()


def fits(kb: KnowledgeBase, people: People, roles: Sequence[int] | None = None) -> Any:
    """Each person's fit for each role (people x roles; default: every role)."""
    # Every role's rows are made once per knowledge base; a few roles' when asked.
    rows = kb.derived(Roles) if roles is None else Roles(kb, roles)
    return _fits(people, _factors(kb, people, rows))


def _factors(kb: KnowledgeBase, people: People, roles: Roles) -> list[Factor]:
    """Every factor in knowledge-base order, as a single quiz lists them."""
    import numpy as np

    rules = kb.questions_file.factors
    out = _dimensions(kb, people, roles)
    has, chance = roles.settings
    close = formulas.shared(np, people.chosen[:, None], roles.offered)
    counts = (people.chosen != 0)[:, None] & has[None, :]
    out.append(_condition(rules.settings.weight, counts, close, chance))
    need = people.need
    safe_need = np.where(need > 0, need, 1.0)
    has, figures, chance = roles.figures
    with np.errstate(divide="ignore", invalid="ignore"):
        close = formulas.pay(np, safe_need[:, None], figures, rules.pay.shortfall_to_zero)
    counts = (need > 0)[:, None] & has[None, :]
    out.append(_condition(rules.pay.weight, counts, close, chance))
    rule = rules.preparation
    reach = np.where(people.study > people.have, people.study, people.have)
    has, usual, chance = roles.usual
    close = formulas.preparation(
        np, reach[:, None], usual, rule.per_level_short, rule.per_level_over
    )
    counts = (people.have >= 0)[:, None] & has[None, :]
    out.append(_condition(rule.weight, counts, close, chance))
    has, chance = roles.credentials
    close = formulas.shared(np, people.held[:, None], roles.listed)
    counts = (people.held != 0)[:, None] & has[None, :]
    out.append(_condition(rules.credentials.weight, counts, close, chance))
    return out


def _dimensions(kb: KnowledgeBase, people: People, roles: Roles) -> list[Factor]:
    """The dimensions as factors, from each person's place on each.

    Interests score together by shape, as :func:`careerfit.fit.formulas.shape` says; a
    condition such as working from home scores by closeness against chance.
    """
    import numpy as np

    dims = tables(kb).dims
    interest = [i for i, d in enumerate(dims) if d.kind == "interest"]
    known = [
        (people.answered[dims[i].id][:, None] & roles.dims[i][0][None, :]).astype(float)
        for i in interest
    ]
    mine = [people.places[dims[i].id][:, None] for i in interest]
    weights = [dims[i].weight for i in interest]
    leaning = formulas.counted(np, mine, weights, kb.questions_file.quality.neutral_weight)
    terms, total, _ = formulas.shape(
        np, mine, [roles.dims[i][1] for i in interest], weights, leaning, known
    )
    enough = sum(known) >= kb.questions_file.quality.min_shared_dimensions
    shape = {i: k for k, i in enumerate(interest)}
    out: list[Factor] = []
    for i, (d, (has, levels, chance)) in enumerate(zip(dims, roles.dims, strict=True)):
        if i in shape:
            k = shape[i]
            out.append(Factor(d.weight, (known[k] > 0) & enough, terms[k] * total / d.weight, 1.0))
            continue
        close = formulas.dimension(np, people.places[d.id][:, None], levels)
        counts = people.answered[d.id][:, None] & has[None, :]
        limit = counts & formulas.rules_out(close)
        out.append(_condition(d.weight, counts, close, chance)._replace(rules_out=limit))
    return out


def _fits(people: People, factors: list[Factor]) -> Any:
    """Each person's fit for each role, added up as one quiz adds them up.

    A factor's share is its weight over the most the factors counted for that person and
    role could earn (:func:`careerfit.fit.formulas.best_beyond_chance`); its points are
    ``100 x share x score``, summed in the same order as a single quiz sums them, and the
    sum is held at 0 or below where an "only ..." answer rules the role out.
    """
    import numpy as np

    shape = factors[0].counts.shape  # people x roles; the dimensions always come first
    total = np.zeros(shape)
    ruled = np.zeros(shape, dtype=bool)
    for f in factors:
        total = total + np.where(f.counts, f.weight * f.best, 0.0)
        ruled = ruled | f.rules_out
    fit = np.zeros(shape)
    safe_total = np.where(total > 0, total, 1.0)
    for f in factors:
        share = np.where(total > 0, f.weight / safe_total, 0.0)
        fit = fit + np.where(f.counts, 100 * share * f.score, 0.0)
    return np.where(ruled, np.minimum(fit, 0.0), fit)


def _condition(weight: float, counts: Any, close: Any, chance: Any) -> Factor:
    """A factor scored by closeness against chance, as a single quiz scores it."""
    import numpy as np

    return Factor(
        weight,
        counts,
        formulas.beyond_chance(np, close, chance),
        formulas.best_beyond_chance(np, chance),
    )
