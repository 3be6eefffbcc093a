"""Scoring codes with numpy: the fit formulas over respondents x roles at once.

Every score uses the formulas of :mod:`careerfit.fit.formulas`, in the same order of
operations as a single quiz, so each fit is identical to what ``careerfit quiz --answers``
gives (the tests check this). Chunks are large, so numpy's fixed costs are shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from careerfit.fit import formulas
from careerfit.fit.gaps import is_hard
from careerfit.fit.tables import tables

if TYPE_CHECKING:
    from careerfit.batch.encode import Column
    from careerfit.kb.knowledge_base import KnowledgeBase


class Factor(NamedTuple):
    """A factor for many respondents x roles, as a single quiz scores it."""

    weight: float
    counts: Any  # the pairs it counts for: the respondent answered it, the role has data
    score: Any  # its score for each pair
    best: Any  # the most it could score for each role (1 for an interest)
    rules_out: Any = False  # the pairs an "only ..." answer rules out (a condition's end)


class Scorer:
    """Scores chunks of codes with numpy: the fit formulas over respondents x roles."""

    def __init__(self, kb: KnowledgeBase, columns: list[Column]) -> None:
        import numpy as np

        self.kb = kb
        self.columns = columns
        self.tables = tables(kb)
        t = self.tables
        self.ids = [r.id for r in kb.roles]

        def known(values: Any) -> Any:
            return np.array([v is not None for v in values])

        def filled(values: Any, blank: float = 0.0) -> Any:
            return np.array([blank if v is None else v for v in values], dtype=float)[None, :]

        self.dims = [
            (known(levels), filled(levels), filled(chance))
            for levels, chance in zip(t.levels, t.chance.dims, strict=True)
        ]
        self.offered = np.array(t.offered)[None, :]
        self.settings = (known([b or None for b in t.offered]), filled(t.chance.settings))
        self.figures = (known(t.pay), filled(t.pay), filled(t.chance.pay))
        self.usual = (known(t.usual), filled(t.usual), filled(t.chance.preparation))
        self.listed = np.array(t.listed, dtype=np.int64)[None, :]
        self.credentials = (known([b or None for b in t.listed]), filled(t.chance.credentials))
        self.minimum = np.array([-1 if m is None else m for m in t.minimum])[None, :]
        self.required = np.array(
            [
                sum(t.credential_bits[c.credential] for c in r.credentials if is_hard(c))
                for r in kb.roles
            ],
            dtype=np.int64,
        )[None, :]

    def score(self, codes: Any, top: int) -> tuple[Any, Any, Any]:
        """Each row's ``top`` roles (indexes), their fits, and whether each is open today."""
        import numpy as np

        people = self._people(codes)
        fit = self._fits(people, self._factors(people))
        education_ok = (people.have[:, None] < 0) | (people.have[:, None] >= self.minimum)
        ready = education_ok & ((self.required & ~people.held[:, None]) == 0)
        order = _best(np, fit, top)
        return (
            order,
            np.take_along_axis(fit, order, axis=1),
            np.take_along_axis(ready, order, axis=1),
        )

    def _people(self, codes: Any) -> People:
        """The respondents, read question by question as one person's answers are read.

        As :func:`careerfit.fit.person.person_from` does. The dimension totals are sums of
        whole numbers, so they are exact in any order.
        """
        import numpy as np

        n = codes.shape[1]
        people = People(
            n,
            {d.id: [np.zeros(n), np.zeros(n), np.zeros(n)] for d in self.tables.dims},
            np.zeros(n, dtype=np.int64),
            np.zeros(n, dtype=np.int64),
            np.zeros(n),
            np.full(n, -1),
            np.full(n, -1),
        )
        for column, picks in zip(self.columns, codes, strict=True):
            facts = column.facts(self.tables.credential_bits)
            answered = picks >= 0
            for dim, moved, lowest, highest in facts.moves:
                acc = people.totals[dim]
                acc[0] = acc[0] + moved[picks]
                acc[1] = acc[1] + np.where(answered, lowest, 0)
                acc[2] = acc[2] + np.where(answered, highest, 0)
            records = column.records
            if records == "setting":
                people.chosen |= facts.settings[picks]
            elif records == "credential":
                people.held |= facts.credentials[picks]
            elif records == "pay":
                people.need = np.where(facts.pay[picks] > 0, facts.pay[picks], people.need)
            elif records == "education":
                known = facts.education[picks]
                people.have = np.where(known >= 0, known, people.have)
            elif records == "study":
                known = facts.study[picks]
                people.study = np.where(known >= 0, known, people.study)
        return people

    def _factors(self, people: People) -> list[Factor]:
        """Every factor in knowledge-base order, as a single quiz lists them.

        Each is a :class:`Factor`: weight, the pairs it counts for, scores and best scores.
        """
        import numpy as np

        rules = self.kb.questions_file.factors
        out = self._dimensions(people)
        has, chance = self.settings
        close = formulas.shared(np, people.chosen[:, None], self.offered)
        counts = (people.chosen != 0)[:, None] & has[None, :]
        out.append(_condition(rules.settings.weight, counts, close, chance))
        need = people.need
        safe_need = np.where(need > 0, need, 1.0)
        has, figures, chance = self.figures
        with np.errstate(divide="ignore", invalid="ignore"):
            close = formulas.pay(np, safe_need[:, None], figures, rules.pay.shortfall_to_zero)
        counts = (need > 0)[:, None] & has[None, :]
        out.append(_condition(rules.pay.weight, counts, close, chance))
        rule = rules.preparation
        reach = np.where(people.study > people.have, people.study, people.have)
        has, usual, chance = self.usual
        close = formulas.preparation(
            np, reach[:, None], usual, rule.per_level_short, rule.per_level_over
        )
        counts = (people.have >= 0)[:, None] & has[None, :]
        out.append(_condition(rule.weight, counts, close, chance))
        has, chance = self.credentials
        close = formulas.shared(np, people.held[:, None], self.listed)
        counts = (people.held != 0)[:, None] & has[None, :]
        out.append(_condition(rules.credentials.weight, counts, close, chance))
        return out

    def _dimensions(self, people: People) -> list[Factor]:
        """The dimensions as factors, from each respondent's place on each.

        Interests score together by shape, as :func:`careerfit.fit.formulas.shape` says;
        a condition such as working from home scores by closeness against chance.
        """
        import numpy as np

        n = people.n
        dims = self.tables.dims
        places: dict[str, Any] = {}
        answered: dict[str, Any] = {}
        for d in dims:
            s, lo, hi = people.totals[d.id]
            answered[d.id] = hi > lo
            places[d.id] = np.divide(s - lo, hi - lo, out=np.zeros(n), where=answered[d.id])
        interest = [i for i, d in enumerate(dims) if d.kind == "interest"]
        known = [
            (answered[dims[i].id][:, None] & self.dims[i][0][None, :]).astype(float)
            for i in interest
        ]
        mine = [places[dims[i].id][:, None] for i in interest]
        weights = [dims[i].weight for i in interest]
        leaning = formulas.counted(np, mine, weights, self.kb.questions_file.quality.neutral_weight)
        terms, total, _ = formulas.shape(
            np, mine, [self.dims[i][1] for i in interest], weights, leaning, known
        )
        enough = sum(known) >= self.kb.questions_file.quality.min_shared_dimensions
        shape = {i: k for k, i in enumerate(interest)}
        out: list[Factor] = []
        for i, (d, (has, levels, chance)) in enumerate(zip(dims, self.dims, strict=True)):
            if i in shape:
                k = shape[i]
                out.append(
                    Factor(d.weight, (known[k] > 0) & enough, terms[k] * total / d.weight, 1.0)
                )
                continue
            close = formulas.dimension(np, places[d.id][:, None], levels)
            counts = answered[d.id][:, None] & has[None, :]
            limit = counts & formulas.rules_out(close)
            out.append(_condition(d.weight, counts, close, chance)._replace(rules_out=limit))
        return out

    def _fits(self, people: People, factors: list[Factor]) -> Any:
        """Each respondent's fit for each role, added up as one quiz adds them up.

        A factor's share is its weight over the most the factors counted for that respondent
        and role could earn (:func:`careerfit.fit.formulas.best_beyond_chance`); its points
        are ``100 x share x score``, summed in the same order as a single quiz sums them,
        and the sum is held at 0 or below where an "only ..." answer rules the role out.
        """
        import numpy as np

        roles = len(self.ids)
        total = np.zeros((people.n, roles))
        ruled = np.zeros((people.n, roles), dtype=bool)
        for f in factors:
            total = total + np.where(f.counts, f.weight * f.best, 0.0)
            ruled = ruled | f.rules_out
        fit = np.zeros((people.n, roles))
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


class People:
    """Many respondents as numpy columns: what their answers say about each of them."""

    def __init__(
        self, n: int, totals: dict[str, list[Any]], chosen: Any, held: Any, need: Any,
        have: Any, study: Any,
    ) -> None:  # fmt: skip
        self.n = n
        self.totals = totals  # dimension -> [sum, lowest possible, highest possible]
        self.chosen = chosen  # settings chosen, as a bit mask
        self.held = held  # credentials held, as a bit mask
        self.need = need  # pay needed, 0 if not given
        self.have = have  # rank of education held, -1 if not given
        self.study = study  # rank of education they would study for, -1 if not given


def _best(np: Any, fit: Any, top: int) -> Any:
    """Each row's ``top`` columns by fit, highest first; ties keep knowledge-base order.

    A few passes of argmax (which returns the first of equal values) beat a full stable
    sort when only the first few of many roles are wanted.
    """
    if top * 4 > fit.shape[1]:
        return np.argsort(-fit, axis=1, kind="stable")[:, :top]
    left = fit.copy()
    rows = np.arange(len(fit))
    order = np.empty((len(fit), top), dtype=np.intp)
    for k in range(top):
        order[:, k] = best = left.argmax(axis=1)
        left[rows, best] = -np.inf
    return order
