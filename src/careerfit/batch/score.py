"""Scoring codes with numpy: the fit formulas over respondents x roles at once.

Every closeness uses the formulas of :mod:`careerfit.fit.formulas`, in the same order of
operations as a single quiz, so each fit is identical to what ``careerfit quiz --answers``
gives (the tests check this). Chunks are large, so numpy's fixed costs are shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerfit.fit import formulas
from careerfit.fit.gaps import is_hard
from careerfit.fit.tables import tables

if TYPE_CHECKING:
    from careerfit.batch.encode import Column
    from careerfit.kb.knowledge_base import KnowledgeBase


class Scorer:
    """Scores chunks of codes with numpy: the fitcore formulas over respondents x roles."""

    def __init__(self, kb: KnowledgeBase, columns: list[Column]) -> None:
        import numpy as np

        self.kb = kb
        self.columns = columns
        self.tables = tables(kb)
        t = self.tables
        self.ids = [r.id for r in kb.roles]
        self.levels = [np.array(levels)[None, :] for levels in t.levels]
        self.offered = np.array(t.offered)[None, :]
        self.known_settings = np.array([bits != 0 for bits in t.offered])
        self.known_pay = np.array([p is not None for p in t.pay])
        self.figures = np.array([p if p is not None else 0.0 for p in t.pay])[None, :]
        self.known_usual = np.array([u is not None for u in t.usual])
        self.usual = np.array([u if u is not None else 0 for u in t.usual])[None, :]
        self.minimum = np.array(
            [r.education.minimum.level.rank if r.education.minimum else -1 for r in kb.roles]
        )[None, :]
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
        dims = self.tables.dims
        people = People(
            n,
            {d.id: [np.zeros(n), np.zeros(n), np.zeros(n)] for d in dims},
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

    def _factors(self, people: People) -> list[tuple[float, Any, Any]]:
        """Every factor: its weight, who it is in play for (n), its closeness (n x roles)."""
        import numpy as np

        rules = self.kb.questions_file.factors
        n = people.n
        factors: list[tuple[float, Any, Any]] = []
        for d, levels in zip(self.tables.dims, self.levels, strict=True):
            s, lo, hi = people.totals[d.id]
            active = hi > lo
            mine = np.divide(s - lo, hi - lo, out=np.zeros(n), where=active)
            factors.append((d.weight, active, formulas.dimension(np, mine[:, None], levels)))
        close = formulas.settings(np, people.chosen[:, None], self.offered)
        factors.append(
            (rules.settings.weight, people.chosen != 0, _impute(np, close, self.known_settings))
        )
        need = people.need
        safe_need = np.where(need > 0, need, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            close = formulas.pay(np, safe_need[:, None], self.figures, rules.pay.shortfall_to_zero)
        factors.append((rules.pay.weight, need > 0, _impute(np, close, self.known_pay)))
        rule = rules.preparation
        reach = np.where(people.study > people.have, people.study, people.have)
        close = formulas.preparation(
            np, people.have[:, None], reach[:, None], self.usual, rule.within_reach,
            rule.per_level_short,
        )  # fmt: skip
        factors.append((rule.weight, people.have >= 0, _impute(np, close, self.known_usual)))
        return factors

    def _fits(self, people: People, factors: list[tuple[float, Any, Any]]) -> Any:
        """Each respondent's fit for each role, added up as one quiz adds them up."""
        import numpy as np

        total = np.zeros(people.n)
        for weight, active, _ in factors:
            total = total + np.where(active, weight, 0)
        fit = np.zeros((people.n, len(self.ids)))
        term = np.empty_like(fit)
        safe_total = np.where(total > 0, total, 1.0)
        for weight, active, close in factors:
            # As the ranking adds them up: 100 * (weight / total) * closeness, factor by
            # factor. A factor not in play adds 0 * closeness, exactly nothing (every
            # closeness is finite).
            share = np.where(active, 100 * (weight / safe_total), 0.0)
            np.multiply(share[:, None], close, out=term)
            fit += term
        return fit


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


def _impute(np: Any, close: Any, known: Any) -> Any:
    """Roles without data score the average of the roles with data, per respondent.

    Added up role by role, left to right, exactly as the single-quiz path does.
    """
    columns = [j for j, k in enumerate(known) if k]
    if not columns:
        return np.full(close.shape, 0.5)
    acc = close[:, columns[0]]
    for j in columns[1:]:
        acc = acc + close[:, j]
    typical = acc / len(columns)
    return np.where(known[None, :], close, typical[:, None])
