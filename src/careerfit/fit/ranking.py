"""Ranking: every role's fit for one person, best first, each explained factor by factor.

How it works (docs/scoring.md has the full story and a worked example):

* The answers place the person on each dimension the questions measure, from 0 to 1
  (:mod:`careerfit.fit.person`). Each role sits on the same dimensions: the substantive
  share comes from its duty tags, the rest from its cited ``fit`` levels (0-4 scaled to 0-1).
* Each factor scores a closeness from 0 to 1 (:mod:`careerfit.fit.formulas`): on a
  dimension ``1 - |person - role|``, and rules from questions.yaml for workplace setting, pay
  and education. The fit is the weighted mean closeness times 100, so each factor's
  *contribution* is ``100 * weight * closeness / total weight`` and the contributions add up
  to the fit. Only factors the person answered count, and they count the same for every role.
* Hard requirements (a minimum education, a required credential) never lower the fit: a
  role the person cannot enter yet keeps its rank and is marked "needs ..." (its gaps).

No number that affects a score is written here: weights and rules live in questions.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence

from careerfit.fit import formulas
from careerfit.fit.answers import Answers
from careerfit.fit.explain import explain
from careerfit.fit.gaps import Gap, gaps
from careerfit.fit.person import Person, person_from
from careerfit.fit.tables import setting_bits, tables
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Role
from careerfit.records import record


@record
class Factor:
    """A part of the fit in play for this person: a dimension, setting, pay or education."""

    id: str
    label: str
    weight: float


@record
class Contribution:
    """One factor's part of a role's fit."""

    factor: str
    label: str
    share: float  # this factor's weight as a share of all weights in play
    closeness: float  # 0 (opposite) to 1 (same)
    reason: str  # the closeness in plain words
    brief: str  # the same in a few words, for a table cell
    known: bool = True  # False when the role has no data and the average role stands in

    @property
    def points(self) -> float:
        """Points of the 0-100 fit this factor earns."""
        return 100 * self.share * self.closeness

    @property
    def lost(self) -> float:
        """Points this factor could have earned but did not."""
        return 100 * self.share * (1 - self.closeness)


class Explainer:
    """Works out a role's contributions and gaps the first time they are asked for.

    A results screen explains a handful of roles, and a knowledge base may hold a thousand,
    so the words are made only for the roles someone looks at, and kept.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        person: Person,
        active: list[Factor],
        rows: list[list[float]],
        known: list[list[bool]],
    ) -> None:
        self.kb = kb
        self.person = person
        self.active = active
        self.rows = rows
        self.known = known
        self._done: dict[int, tuple[tuple[Contribution, ...], tuple[Gap, ...]]] = {}

    def explained(self, index: int) -> tuple[tuple[Contribution, ...], tuple[Gap, ...]]:
        """The contributions and gaps of the role at ``index`` (knowledge-base order)."""
        if index not in self._done:
            role = self.kb.roles[index]
            total = sum(f.weight for f in self.active)
            contributions = []
            for f, factor in enumerate(self.active):
                reason, brief = explain(self.person, role, factor.id, self.kb.dimension(factor.id))
                contributions.append(
                    Contribution(
                        factor.id,
                        factor.label,
                        factor.weight / total,
                        self.rows[f][index],
                        reason,
                        brief,
                        self.known[f][index],
                    )
                )
            found = gaps(self.kb, self.person.education, self.person.credentials, role)
            self._done[index] = tuple(contributions), tuple(found)
        return self._done[index]


@record(eq=False)
class RoleResult:
    """A role's place in the ranking and everything that explains it."""

    role: Role
    rank: int
    fit: float  # 0-100; equal to the sum of the contributions' points
    index: int  # the role's position in the knowledge base
    explainer: Explainer

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """Each factor's part of the fit."""
        return self.explainer.explained(self.index)[0]

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Education and credentials between the person and the role."""
        return self.explainer.explained(self.index)[1]

    @property
    def ready(self) -> bool:
        """No hard requirement stands in the way."""
        return not any(g.hard for g in self.gaps)

    @property
    def status(self) -> str:
        """``ready``, or ``needs`` and what."""
        hard = [g.short for g in self.gaps if g.hard]
        return "ready" if not hard else "needs " + " and ".join(hard)

    @property
    def strongest(self) -> tuple[Contribution, ...]:
        """The two known factors that earn the most."""
        good = sorted(
            (c for c in self.contributions if c.known and c.closeness >= 0.5),
            key=lambda c: -c.points,
        )
        return tuple(good[:2])

    @property
    def reasons_for(self) -> tuple[str, ...]:
        """The two factors that earn the most, in words."""
        return tuple(c.reason for c in self.strongest)

    @property
    def reason_against(self) -> str | None:
        """The factor that loses the most, in words, if it loses much."""
        worst = max((c for c in self.contributions if c.known), key=lambda c: c.lost, default=None)
        return worst.reason if worst is not None and worst.closeness < 0.5 else None


@record(eq=False)
class Ranking:
    """All roles for one person, best fit first."""

    person: Person
    ranked: tuple[RoleResult, ...]

    def for_role(self, role_id: str) -> RoleResult:
        """The result of one role."""
        return next(r for r in self.ranked if r.role.id == role_id)


def rank(kb: KnowledgeBase, answers: Answers) -> Ranking:
    """Rank every role for these answers; ties keep the knowledge base's order."""
    person = person_from(kb, answers)
    active = factors_in_play(kb, person)
    rows, known = _closeness(kb, person, active)
    fit = _fit_sums(active, rows, len(kb.roles))
    order = sorted(range(len(kb.roles)), key=lambda r: (-fit[r], r))
    explainer = Explainer(kb, person, active, rows, known)
    ranked = tuple(
        RoleResult(kb.roles[r], place, fit[r], r, explainer)
        for place, r in enumerate(order, start=1)
    )
    return Ranking(person, ranked)


def fits(kb: KnowledgeBase, answers: Answers, roles: Sequence[int] | None = None) -> list[float]:
    """The fits of the given roles (indexes in knowledge-base order; default: all).

    No ranking and no explanations, and only the roles asked for: "which single answer
    would change the order?" scores a hundred variants at once.
    """
    person = person_from(kb, answers)
    active = factors_in_play(kb, person)
    rows, _ = _closeness(kb, person, active, roles)
    return _fit_sums(active, rows, len(kb.roles) if roles is None else len(roles))


def factors_in_play(kb: KnowledgeBase, person: Person) -> list[Factor]:
    """The factors this person's answers bring into play, in order."""
    rules = kb.questions_file.factors
    active = [Factor(d.id, d.label, d.weight) for d in kb.dimensions if d.id in person.levels]
    if person.settings:
        active.append(Factor("settings", rules.settings.label, rules.settings.weight))
    if person.pay_need:
        active.append(Factor("pay", rules.pay.label, rules.pay.weight))
    if person.education is not None:
        active.append(Factor("preparation", rules.preparation.label, rules.preparation.weight))
    return active


def _closeness(
    kb: KnowledgeBase, person: Person, active: list[Factor], roles: Sequence[int] | None = None
) -> tuple[list[list[float]], list[list[bool]]]:
    """Closeness of the given roles (default: all) on every factor in play, and known-ness.

    The second table says whether each role had data for the factor. A role no source
    gives data for (say, pay) is scored as the average role that has it: neither rewarded
    nor punished for thin sources, and the same for every such role. So those factors are
    computed for every role; a dimension only for the roles asked for.
    """
    t = tables(kb)
    picked = range(len(kb.roles)) if roles is None else roles
    rows: list[list[float]] = []
    known_rows: list[list[bool]] = []
    for factor in active:
        if factor.id in person.levels:
            levels = next(t.levels[i] for i, d in enumerate(t.dims) if d.id == factor.id)
            mine = person.levels[factor.id]
            rows.append([formulas.dimension(formulas.SCALAR, mine, levels[r]) for r in picked])
            known_rows.append([True] * len(picked))
            continue
        row, known = _factor_row(kb, person, factor.id)
        present = [c for c, k in zip(row, known, strict=True) if k]
        typical = sum(present) / len(present) if present else 0.5
        rows.append([row[r] if known[r] else typical for r in picked])
        known_rows.append([known[r] for r in picked])
    return rows, known_rows


def _factor_row(kb: KnowledgeBase, person: Person, factor: str) -> tuple[list[float], list[bool]]:
    """Every role's closeness on a setting, pay or education factor, and whether it had data."""
    t = tables(kb)
    rules = kb.questions_file.factors
    xp = formulas.SCALAR
    if factor == "settings":
        chosen = setting_bits(person.settings)
        known = [bits != 0 for bits in t.offered]
        return [formulas.settings(xp, chosen, bits) for bits in t.offered], known
    if factor == "pay":
        need = float(person.pay_need or 0)
        cut = rules.pay.shortfall_to_zero
        known = [p is not None for p in t.pay]
        return [formulas.pay(xp, need, p, cut) if p is not None else 0.0 for p in t.pay], known
    assert person.education is not None and person.reach is not None
    have, reach = person.education.rank, person.reach.rank
    rule = rules.preparation
    known = [u is not None for u in t.usual]
    row = [
        formulas.preparation(xp, have, reach, u, rule.within_reach, rule.per_level_short)
        if u is not None
        else 0.0
        for u in t.usual
    ]
    return row, known


def _fit_sums(active: list[Factor], rows: list[list[float]], count: int) -> list[float]:
    """Each role's fit: 100 x weight share x closeness, added up factor by factor.

    The one place the sum is written, so that every path gives bit-identical fits.
    """
    total = sum(f.weight for f in active)
    return [
        sum(100 * (factor.weight / total) * rows[f][r] for f, factor in enumerate(active))
        for r in range(count)
    ]
