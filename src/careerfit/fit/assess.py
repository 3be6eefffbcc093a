"""Scoring: a pure function from (knowledge base, answers) to ranked, explained results.

How it works (docs/scoring.md has the full story and a worked example):

* The answers place the person on each dimension the questions measure, from 0 to 1: the
  answers' total on that dimension, scaled between the lowest and highest total the
  answered questions allow. Recomputed from the answers every time (never a running total),
  so going back and changing an answer is exact.
* Each role sits on the same dimensions: the substantive share comes from its duty tags,
  the rest from its cited ``fit`` levels (0-4 scaled to 0-1).
* Each factor scores a closeness from 0 to 1: ``1 - |person - role|`` on a dimension, and
  rules from questions.yaml for workplace setting, pay and education. The fit is the
  weighted mean closeness times 100, so each factor's *contribution* is
  ``100 * weight * closeness / total weight`` and the contributions add up to the fit.
  Only factors the person answered count, and they count the same for every role.
* Hard requirements (a minimum education, a required credential) never lower the fit: a
  role the person cannot enter yet keeps its rank and is marked "needs ...".

No number that affects a score is written here: weights and rules live in questions.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from careerfit.fit import formulas as fitcore
from careerfit.fit.answers import Answers
from careerfit.fit.formulas import role_level
from careerfit.fit.gaps import LEVEL_NAMES, Gap, gaps
from careerfit.kb.facts import EducationLevel, Setting
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Dimension
from careerfit.kb.roles import Role
from careerfit.records import record


@record
class Person:
    """The person as the answers describe them; only what they answered is set."""

    levels: Mapping[str, float]
    settings: frozenset[Setting]
    pay_need: int | None
    education: EducationLevel | None
    study: EducationLevel | None
    credentials: frozenset[str]

    @property
    def reach(self) -> EducationLevel | None:
        """The highest education the person has or would study for."""
        if self.education is None:
            return None
        if self.study is None or self.study.rank <= self.education.rank:
            return self.education
        return self.study


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


@record
class RoleResult:
    """A role's place in the ranking and everything that explains it.

    The explanation (each factor's contribution in words, the gaps) is worked out the first
    time it is asked for: a results screen explains a handful of roles, and a knowledge base
    may hold a thousand.
    """

    role: Role
    rank: int
    fit: float  # 0-100; equal to the sum of the contributions' points
    explain: Callable[[], tuple[tuple[Contribution, ...], tuple[Gap, ...]]]  # memoised

    @property
    def _explained(self) -> tuple[tuple[Contribution, ...], tuple[Gap, ...]]:
        return self.explain()

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """Each factor's part of the fit."""
        return self._explained[0]

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Education and credentials between the person and the role."""
        return self._explained[1]

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


@record
class Results:
    """All roles, best fit first."""

    person: Person
    ranked: tuple[RoleResult, ...]

    def for_role(self, role_id: str) -> RoleResult:
        """The result of one role."""
        return next(r for r in self.ranked if r.role.id == role_id)


def person_from(kb: KnowledgeBase, answers: Answers) -> Person:
    """Place the person on each answered dimension and collect what they told us.

    A dimension's position is the answers' total on it, scaled between the lowest and the
    highest total the answered questions allow.
    """
    totals: dict[str, list[float]] = {}  # dim -> [sum, lowest possible, highest possible]
    options = []
    for question in fitcore.tables(kb).questions:
        value = answers.get(question.id)
        if value is None:
            continue
        chosen = [question.index[v] for v in (value if question.multi else (value,))]
        for dim, moves, lowest, highest in question.moves:
            acc = totals.setdefault(dim, [0.0, 0.0, 0.0])
            acc[0] += sum(moves[i] for i in chosen)
            acc[1] += lowest
            acc[2] += highest
        options.extend(question.options[i] for i in chosen)
    levels = {d: (s - lo) / (hi - lo) for d, (s, lo, hi) in totals.items() if hi > lo}
    told = fitcore.recorded(options)
    return Person(levels, told.settings, told.pay, told.education, told.study, told.credentials)


def _factors(kb: KnowledgeBase, person: Person) -> list[tuple[str, str, float]]:
    """The factors in play for this person, in order: (id, label, weight)."""
    rules = kb.questions_file.factors
    active = [
        (d.id, d.label, d.weight) for d in kb.questions_file.dimensions if d.id in person.levels
    ]
    if person.settings:
        active.append(("settings", rules.settings.label, rules.settings.weight))
    if person.pay_need:
        active.append(("pay", rules.pay.label, rules.pay.weight))
    if person.education is not None:
        active.append(("preparation", rules.preparation.label, rules.preparation.weight))
    return active


def _closeness_table(
    kb: KnowledgeBase,
    person: Person,
    active: list[tuple[str, str, float]],
    roles: Sequence[int] | None = None,
) -> tuple[list[list[float]], list[list[bool]]]:
    """Closeness of the given roles (default: all) on every factor in play, and known-ness.

    The second table says whether each role had data for the factor. A role no source
    gives data for (say, pay) is scored as the average role that has it: neither rewarded
    nor punished for thin sources, and the same for every such role. So those factors are
    computed for every role; a dimension only for the roles asked for.
    """
    t = fitcore.tables(kb)
    rules = kb.questions_file.factors
    xp = fitcore.SCALAR
    picked = range(len(kb.roles)) if roles is None else roles
    rows: list[list[float]] = []
    known_rows: list[list[bool]] = []
    for fid, _, _ in active:
        if fid == "settings":
            chosen = fitcore.setting_bits(person.settings)
            known = [bits != 0 for bits in t.offered]
            row = [fitcore.settings(xp, chosen, bits) for bits in t.offered]
        elif fid == "pay":
            need = float(person.pay_need or 0)
            known = [p is not None for p in t.pay]
            row = [
                fitcore.pay(xp, need, p, rules.pay.shortfall_to_zero) if p is not None else 0.0
                for p in t.pay
            ]
        elif fid == "preparation":
            assert person.education is not None and person.reach is not None
            have, reach = person.education.rank, person.reach.rank
            rule = rules.preparation
            known = [u is not None for u in t.usual]
            row = [
                fitcore.preparation(xp, have, reach, u, rule.within_reach, rule.per_level_short)
                if u is not None
                else 0.0
                for u in t.usual
            ]
        else:
            levels = t.levels[next(i for i, d in enumerate(t.dims) if d.id == fid)]
            mine = person.levels[fid]
            rows.append([fitcore.dimension(xp, mine, levels[r]) for r in picked])
            known_rows.append([True] * len(picked))
            continue
        present = [c for c, k in zip(row, known, strict=True) if k]
        typical = sum(present) / len(present) if present else 0.5
        rows.append([row[r] if known[r] else typical for r in picked])
        known_rows.append([known[r] for r in picked])
    return rows, known_rows


def _fit_sums(
    active: list[tuple[str, str, float]], rows: list[list[float]], count: int
) -> list[float]:
    """Each role's fit: 100 x weight share x closeness, added up factor by factor.

    The one place the sum is written, so that every path gives bit-identical fits.
    """
    total = sum(w for _, _, w in active)
    return [
        sum(100 * (w / total) * rows[f][r] for f, (_, _, w) in enumerate(active))
        for r in range(count)
    ]


def fits(kb: KnowledgeBase, answers: Answers, roles: Sequence[int] | None = None) -> list[float]:
    """The fits of the given roles (indexes in knowledge-base order; default: all).

    No ranking and no explanations, and only the roles asked for: what-if questions
    ("which single answer would change the order?") score a hundred variants at once.
    """
    person = person_from(kb, answers)
    active = _factors(kb, person)
    rows, _ = _closeness_table(kb, person, active, roles)
    return _fit_sums(active, rows, len(kb.roles) if roles is None else len(roles))


def score(kb: KnowledgeBase, answers: Answers) -> Results:
    """Rank every role for these answers; ties keep the knowledge base's order."""
    person = person_from(kb, answers)
    active = _factors(kb, person)
    rows, known = _closeness_table(kb, person, active)
    total = sum(w for _, _, w in active)
    fit = _fit_sums(active, rows, len(kb.roles))
    order = sorted(range(len(kb.roles)), key=lambda r: (-fit[r], r))

    dims = {d.id: d for d in kb.questions_file.dimensions}

    explained: dict[int, tuple[tuple[Contribution, ...], tuple[Gap, ...]]] = {}

    def explain(index: int) -> tuple[tuple[Contribution, ...], tuple[Gap, ...]]:
        if index in explained:  # worked out once per role, when first asked for
            return explained[index]
        role = kb.roles[index]
        contributions = []
        for f, (fid, label, weight) in enumerate(active):
            reason, brief = _explain(kb, person, role, fid, dims)
            contributions.append(
                Contribution(
                    fid, label, weight / total, rows[f][index], reason, brief, known[f][index]
                )
            )
        found = tuple(gaps(kb, person.education, person.credentials, role))
        explained[index] = tuple(contributions), found
        return explained[index]

    ranked = tuple(
        RoleResult(kb.roles[r], rank, fit[r], partial(explain, r))
        for rank, r in enumerate(order, start=1)
    )
    return Results(person, ranked)


def _explain(
    kb: KnowledgeBase, person: Person, role: Role, factor: str, dims: Mapping[str, Dimension]
) -> tuple[str, str]:
    """Why a role is as close as it is on one factor: a sentence, and a few words."""
    if factor in dims:
        dim = dims[factor]
        mine, its = person.levels[factor], role_level(role, dim)
        if _side(mine, dim) == _side(its, dim):
            both = (
                f"both lean to {_side(its, dim)}"
                if _side(its, dim) in (dim.low, dim.high)
                else f"both balance {dim.low} with {dim.high}"
            )
            return f"{dim.label}: you and this role {both}", dim.label
        return (
            f"{dim.label}: you prefer {_side(mine, dim)}; this role offers {_side(its, dim)}",
            f"{dim.label} (partly)",
        )
    if factor == "settings":
        where = {s for w in role.workplaces for s in w.settings}
        if not where:
            return f"{_AVERAGE} where this role works", "no data on setting"
        shared = ", ".join(sorted(s.value for s in where & person.settings))
        if shared:
            return f"Workplace: found in settings you chose ({shared})", f"in {shared}"
        return "Workplace: not found in the settings you chose", "not your setting"
    if factor == "pay":
        need = person.pay_need or 0
        pay = role.scoring_pay
        if pay is None:
            return f"{_AVERAGE} pay for this role", "no data on pay"
        figure = f"${pay.representative:,} ({pay.kind.value})"
        if pay.representative >= need:
            return f"Pay: {figure} meets the ${need:,} you need", f"pays {figure}"
        return f"Pay: {figure} is below the ${need:,} you need", f"pays less ({figure})"
    point = role.education.typical or role.education.minimum
    if point is None:
        return f"{_AVERAGE} what education this role asks", "no data on education"
    assert person.education is not None and person.reach is not None
    needed = LEVEL_NAMES[point.level]
    if person.education.rank >= point.level.rank:
        return (
            f"Education: you already have what it usually asks ({needed})",
            "you have the education",
        )
    if person.reach.rank >= point.level.rank:
        return (
            f"Education: it usually asks {needed}, within the study you'd take on",
            "education within reach",
        )
    return (
        f"Education: it usually asks {needed}, more than the study you'd take on",
        "more study than you'd do",
    )


_AVERAGE = "Scored as an average role: no source says"


def _side(value: float, dim: Dimension) -> str:
    """Which end of a dimension a value is nearer, in the dimension's own words."""
    if value >= 2 / 3:
        return dim.high
    if value <= 1 / 3:
        return dim.low
    return "a balance of both"
