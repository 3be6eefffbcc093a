"""Ranking: every role's fit for one person, best first, each explained factor by factor.

How it works (docs/scoring.md has the full story and a worked example; the sums are in
:mod:`careerfit.fit.scoring`):

* The answers place the person on each kind of work they answered, from 0 to 1
  (:mod:`careerfit.fit.person`); each role sits on the same dimensions where a cited
  judgement places it (:mod:`careerfit.fit.tables`).
* The kinds of work (interests) score together, by how alike the *shapes* of the person's
  and the role's profiles are: a weighted correlation over the kinds both know, from -1
  to 1, split into one term per kind of work (:func:`careerfit.fit.formulas.shape`).
* Working from home, workplace, pay, education and credentials score one by one: a
  closeness from 0 to 1 (rules in questions.yaml), measured against what random answers
  would get (:mod:`careerfit.fit.chance`), so 0 is chance (the best is 1 or less).
* A role's fit is 100 times the weighted sum of those scores over the most that sum could
  be, over the factors the person answered *and* the sources give for that role: a factor
  no source gives for a role is left out of that role's fit (weights renormalised) and
  shown as "no data", never filled with an average. Each factor's points are
  ``100 * share * score`` and add up to the fit. Random answers average 0; the same
  profile and every condition met give 100, whatever data the role has.
* "Only from home" and "only on site" are limits: a role at the other end is ruled out,
  its fit held at 0 or below (:func:`careerfit.fit.formulas.rules_out`).
* Hard requirements (a minimum education, a required credential) never lower the fit: a role
  the person cannot enter yet keeps its rank and is marked "needs ..." (its gaps).

No number that affects a score is written here: weights and rules live in questions.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence

from careerfit.fit import scoring
from careerfit.fit.answers import Answers
from careerfit.fit.explain import explain
from careerfit.fit.gaps import USUAL, Gap, gaps
from careerfit.fit.person import Person, person_from
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Role
from careerfit.records import record

READY = "ready"  # the status of a role nothing stands between the person and


@record
class Contribution:
    """One factor's part of a role's fit.

    ``known`` is False when no source gives the role this factor: it is then left out of
    the role's fit (no share, no points) and shown as "no data for this role".
    """

    factor: str
    label: str
    share: float  # this factor's weight over the most the role's counted factors could earn
    score: float  # how far this factor speaks for the role: > 0 for it, 0 neither, < 0 against
    reason: str  # the closeness in plain words
    brief: str  # the same in a few words, for a table cell
    known: bool = True

    @property
    def points(self) -> float:
        """Points of the fit this factor earns (negative when it counts against the role)."""
        return 100 * self.share * self.score


class Explainer:
    """Works out a role's contributions and gaps the first time they are asked for.

    A results screen explains a handful of roles, and a knowledge base may hold a thousand,
    so the words are made only for the roles someone looks at, and kept.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        person: Person,
        active: list[scoring.Factor],
        scores: scoring.Scores,
    ) -> None:
        self.kb = kb
        self.person = person
        self.active = active
        self.scores = scores
        self.names = {c.id: kb.credential_name(c.id) for c in kb.roles_file.credentials}
        self._done: dict[int, tuple[tuple[Contribution, ...], tuple[Gap, ...]]] = {}

    def explained(self, index: int) -> tuple[tuple[Contribution, ...], tuple[Gap, ...]]:
        """The contributions and gaps of the role at ``index`` (knowledge-base order)."""
        if index not in self._done:
            role = self.kb.roles[index]
            contributions = []
            for f, factor in enumerate(self.active):
                score = self.scores.score[f][index]
                share = self.scores.share(f, index)
                reason, brief = explain(
                    self.person, role, factor.id, self.kb.dimension(factor.id),
                    names=self.names,
                    points=None if score is None else 100 * share * score,
                    mean=self.scores.mean[index],
                )  # fmt: skip
                contributions.append(
                    Contribution(
                        factor.id,
                        factor.label,
                        share,
                        score or 0.0,
                        reason,
                        brief,
                        score is not None,
                    )
                )
            _held_at_zero(contributions, self.scores.limit[index])
            found = gaps(
                self.kb, self.person.education, self.person.credentials, role, self.person.years
            )
            self._done[index] = tuple(contributions), tuple(found)
        return self._done[index]


def _held_at_zero(contributions: list[Contribution], limit: int | None) -> None:
    """Charge the factor that rules a role out with the points that hold its fit at 0.

    The fit of a role an "only ..." answer rules out is at most 0
    (:func:`careerfit.fit.scoring.fit_sums`); the points still add up to it, and the factor
    that rules it out shows what it cost.
    """
    if limit is None:
        return
    above = sum(c.points for c in contributions)
    ruling = contributions[limit]
    if above > 0 and ruling.share > 0:
        score = ruling.score - above / (100 * ruling.share)
        contributions[limit] = Contribution(
            ruling.factor, ruling.label, ruling.share, score, ruling.reason, ruling.brief
        )


@record(eq=False)
class RoleResult:
    """A role's place in the ranking and everything that explains it."""

    role: Role
    rank: int
    fit: float  # equal to the sum of the contributions' points
    index: int  # the role's position in the knowledge base
    explainer: Explainer

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """Each factor's part of the fit, the ones without data last."""
        return self.explainer.explained(self.index)[0]

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Education and credentials between the person and the role."""
        return self.explainer.explained(self.index)[1]

    @property
    def unknown(self) -> tuple[Contribution, ...]:
        """The factors in play on which no source places this role."""
        return tuple(c for c in self.contributions if not c.known)

    @property
    def ready(self) -> bool:
        """No hard requirement stands in the way."""
        return not any(g.hard for g in self.gaps)

    @property
    def status(self) -> str:
        """``ready``; ``needs`` and what the role requires; or ``usually asks`` and what.

        A role whose sources say it usually goes to people with more education or years
        than the person has is open to them, but calling it "ready" would promise more
        than the sources do (a law clerk is usually a law graduate): such a role keeps its
        fit and rank, since a good fit not reachable yet is still a good fit, and says what
        it usually asks.
        """
        hard = [g.short for g in self.gaps if g.hard]
        if hard:
            return "needs " + " and ".join(hard)
        usual = [g.short for g in self.gaps if g.status == USUAL]
        return "usually asks " + " and ".join(usual) if usual else READY

    @property
    def clear(self) -> bool:
        """Nothing the role requires or usually asks is beyond the person."""
        return self.status == READY

    @property
    def strongest(self) -> tuple[Contribution, ...]:
        """The two known factors that earn the role the most points (at least one each)."""
        good = sorted((c for c in self.contributions if c.known and c.points >= 1),
                      key=lambda c: -c.points)  # fmt: skip
        return tuple(good[:2])

    @property
    def reasons_for(self) -> tuple[str, ...]:
        """The two factors that earn the most, in words."""
        return tuple(c.reason for c in self.strongest)

    @property
    def reason_against(self) -> str | None:
        """The factor that counts most against the role (a point or more), in words."""
        worst = min(
            (c for c in self.contributions if c.known), key=lambda c: c.points, default=None
        )
        return worst.reason if worst is not None and worst.points <= -1 else None


@record(eq=False)
class Ranking:
    """All roles for one person, best fit first."""

    person: Person
    ranked: tuple[RoleResult, ...]
    active: tuple[scoring.Factor, ...]
    scores: scoring.Scores

    def for_role(self, role_id: str) -> RoleResult:
        """The result of one role."""
        return next(r for r in self.ranked if r.role.id == role_id)


def rank(kb: KnowledgeBase, answers: Answers) -> Ranking:
    """Rank every role for these answers; ties keep the knowledge base's order."""
    person = person_from(kb, answers)
    active = scoring.factors_in_play(kb, person)
    everyone = range(len(kb.roles))
    scores = scoring.scores(kb, person, active, everyone)
    fit = scoring.fit_sums(scores)
    order = sorted(range(len(kb.roles)), key=lambda r: (-fit[r], r))
    explainer = Explainer(kb, person, active, scores)
    ranked = tuple(
        RoleResult(kb.roles[r], place, fit[r], r, explainer)
        for place, r in enumerate(order, start=1)
    )
    return Ranking(person, ranked, tuple(active), scores)


def fits(kb: KnowledgeBase, answers: Answers, roles: Sequence[int] | None = None) -> list[float]:
    """The fits of the given roles (indexes in knowledge-base order; default: all).

    No ranking and no explanations: "which single answer would change the order?" scores a
    hundred variants at once.
    """
    return fits_of(kb, person_from(kb, answers), roles)


def fits_of(kb: KnowledgeBase, person: Person, roles: Sequence[int] | None = None) -> list[float]:
    """:func:`fits` for a person already placed.

    The adaptive quiz tries each answer of each question on the person as they stand,
    without re-reading every answer.
    """
    picked = range(len(kb.roles)) if roles is None else roles
    scores = scoring.scores(kb, person, scoring.factors_in_play(kb, person), picked)
    return scoring.fit_sums(scores)
