"""Scoring codes with numpy: respondents x roles at once.

Codes become columns of what each respondent told us (:class:`careerfit.fit.many.People`),
and :func:`careerfit.fit.many.fits` adds up the fits as a single quiz does, so each fit is
identical to what ``careerfit quiz --answers`` gives (the tests check this). Chunks are
large, so numpy's fixed costs are shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerfit.fit import many
from careerfit.fit.gaps import is_hard
from careerfit.fit.tables import tables

if TYPE_CHECKING:
    from careerfit.batch.encode import Column
    from careerfit.kb.knowledge_base import KnowledgeBase


class Scorer:
    """Scores chunks of codes with numpy: the fit formulas over respondents x roles."""

    def __init__(self, kb: KnowledgeBase, columns: list[Column]) -> None:
        import numpy as np

        self.kb = kb
        self.columns = columns
        self.tables = tables(kb)
        t = self.tables
        self.ids = [r.id for r in kb.roles]
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
        fit = many.fits(self.kb, people)
        education_ok = (people.have[:, None] < 0) | (people.have[:, None] >= self.minimum)
        ready = education_ok & ((self.required & ~people.held[:, None]) == 0)
        order = _best(np, fit, top)
        return (
            order,
            np.take_along_axis(fit, order, axis=1),
            np.take_along_axis(ready, order, axis=1),
        )

    def _people(self, codes: Any) -> many.People:
        """The respondents, read question by question as one person's answers are read.

        As :func:`careerfit.fit.person.person_from` does: each dimension's place is its
        total scaled between the lowest and highest totals the answered questions allow.
        The totals are sums of whole numbers, so they are exact in any order.
        """
        import numpy as np

        n = codes.shape[1]
        totals = {d.id: [np.zeros(n), np.zeros(n), np.zeros(n)] for d in self.tables.dims}
        chosen, held = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        need, have, study = np.zeros(n), np.full(n, -1), np.full(n, -1)
        for column, picks in zip(self.columns, codes, strict=True):
            facts = column.facts(self.tables.credential_bits)
            answered = picks >= 0
            for dim, moved, lowest, highest in facts.moves:
                acc = totals[dim]
                acc[0] = acc[0] + moved[picks]
                acc[1] = acc[1] + np.where(answered, lowest, 0)
                acc[2] = acc[2] + np.where(answered, highest, 0)
            records = column.records
            if records == "setting":
                chosen |= facts.settings[picks]
            elif records == "credential":
                held |= facts.credentials[picks]
            elif records == "pay":
                need = np.where(facts.pay[picks] > 0, facts.pay[picks], need)
            elif records == "education":
                known = facts.education[picks]
                have = np.where(known >= 0, known, have)
            elif records == "study":
                known = facts.study[picks]
                study = np.where(known >= 0, known, study)
        answered_dims = {dim: hi > lo for dim, (_, lo, hi) in totals.items()}
        places = {
            dim: np.divide(s - lo, hi - lo, out=np.zeros(n), where=answered_dims[dim])
            for dim, (s, lo, hi) in totals.items()
        }
        return many.People(n, places, answered_dims, chosen, held, need, have, study)


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
