"""The fit formulas, written once for one respondent (floats) and for many (numpy arrays).

:mod:`careerfit.fit.assess` scores and explains one respondent; :mod:`careerfit.batch` scores
thousands at a time with numpy. Both compute every closeness with the functions below,
passing ``xp``: :data:`SCALAR` for plain floats, or the numpy module for arrays, so the
formulas cannot drift apart (the tests check that both give identical fits). This module
never imports numpy: a single quiz does not pay the 60 ms that importing it costs.
"""

from __future__ import annotations

import math
from operator import mul
from typing import Any

from careerfit.kb.facts import Setting


class _ScalarOps:
    """The three array operations the formulas use, for plain floats.

    What it buys: one formula serves one quiz (floats, no numpy import) and a batch
    (arrays), so the two can never disagree.
    """

    @staticmethod
    def where(condition: Any, yes: Any, no: Any) -> Any:
        return yes if condition else no

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        return a if a >= b else b

    @staticmethod
    def abs(a: Any) -> Any:
        return abs(a)

    @staticmethod
    def sqrt(a: Any) -> Any:
        return math.sqrt(a)  # correctly rounded, as numpy's sqrt is


SCALAR = _ScalarOps()


def dimension(xp: Any, person: Any, role: Any) -> Any:
    """Closeness on a dimension: 1 minus the distance between two positions in 0..1."""
    return 1 - xp.abs(person - role)


def rules_out(closeness: Any) -> Any:
    """True where a condition's closeness is 0: the person at one end, the role at the other.

    Only an answer at the end of a condition ("only from home", "only on site, never from
    home") can be that far from a role, and it states a limit, not a leaning: a role that is
    the opposite is not a match however well the rest fits, so its fit is held at 0 or below.
    """
    return closeness <= 0


def counted(xp: Any, places: list[Any], weights: list[float], neutral: float) -> list[Any]:
    """Each kind of work's weight in the shape, scaled by how far the person leans on it.

    A neutral answer says the person does not mind either way, so a role that does much or
    little of that work should gain or lose little by it; in a plain correlation the role's
    level there still counts in full, which marks down every role whose work is broad for
    people who have a view on only some of it. A kind of work placed at the middle (no lean
    either way) counts ``neutral`` of its weight, one placed at either end counts all of it,
    and in between in proportion. The person signals what matters to them by how strongly
    they answer, the way interest profilers match on a person's strongest interests.
    """
    return [
        w * (neutral + (1 - neutral) * xp.abs(2 * p - 1))
        for w, p in zip(weights, places, strict=True)
    ]


def shape(
    xp: Any,
    places: list[Any],
    levels: list[Any],
    weights: list[float],
    leaning: list[Any],
    known: list[Any],
) -> tuple[list[Any], Any, Any]:
    """How alike the shapes of two interest profiles are: a weighted correlation, by parts.

    ``places`` are the person's places on the interest dimensions, ``levels`` the role's,
    ``known`` 1 where both are known and 0 elsewhere. Each profile is measured from its own
    weighted mean, so what counts is *which* kinds of work a person likes more than their
    others, and which a role does more of than its others, not how generous the person is
    with "agree": someone who answers everything mildly and someone who answers everything
    strongly can both match a role's shape. Profile correlation predicted outcomes best
    among the similarity measures compared in the Journal of Career Assessment
    (doi:10.1177/1069072720909825). Each kind of work counts by ``leaning``: its weight
    scaled by how far the person leans on it (:func:`counted`, worked out once per person
    rather than once per role).

    Returns each dimension's term, which add up to the correlation (-1 to 1; 0 is what
    unrelated profiles give), the total weight of the dimensions both know, and the
    person's mean the terms were measured from (the explanation says "more than most of
    your other work" by it). A term is positive where the person and the role lean the same
    way from their own means.
    """
    # Written with map() and mul, not generator expressions: the adaptive quiz scores
    # thousands of candidate answers a question, and this is most of each scoring. Each
    # sum adds the same products in the same order either way. The lists are one per
    # interest dimension, so their lengths agree by construction.
    total = sum(map(mul, weights, known))
    counts = list(map(mul, leaning, known))
    in_all = sum(counts)
    safe = xp.where(in_all > 0, in_all, 1.0)
    # Each profile's own weighted mean over the kinds both know (0 when none is known).
    mean_p = sum(map(mul, counts, places)) / safe
    mean_r = sum(map(mul, counts, levels)) / safe
    dev_p = [k * (p - mean_p) for k, p in zip(known, places, strict=True)]
    dev_r = [k * (r - mean_r) for k, r in zip(known, levels, strict=True)]
    weighted_p = list(map(mul, leaning, dev_p))
    norm = xp.sqrt(
        sum(map(mul, weighted_p, dev_p)) * sum(map(mul, map(mul, leaning, dev_r), dev_r))
    )
    safe_norm = xp.where(norm > 0, norm, 1.0)
    live = xp.where(norm > 0, 1.0, 0.0)  # no spread in either profile: every term is 0
    terms = [a * b / safe_norm * live for a, b in zip(weighted_p, dev_r, strict=True)]
    return terms, total, mean_p


def shared(xp: Any, chosen: Any, offered: Any) -> Any:
    """1 if the person and the role have anything in common (bit masks), else 0.

    Serves workplaces (a role found in a setting the person chose) and credentials (a
    credential the person holds that the role lists).
    """
    return xp.where((chosen & offered) != 0, 1.0, 0.0)


def pay(xp: Any, need: Any, figure: Any, shortfall_to_zero: float) -> Any:
    """1 if the pay meets the need, falling linearly to 0 at the given shortfall."""
    short = (need - figure) / (need * shortfall_to_zero)
    return xp.where(figure >= need, 1.0, xp.maximum(0.0, 1 - short))


def preparation(
    xp: Any, reach: Any, usual: Any, per_level_short: float, per_level_over: float
) -> Any:
    """Closeness on education, from level ranks: the person's level against the role's usual one.

    The person's level is the education they have or would study for (``reach``). 1 when it
    is the role's usual level; each level the role asks beyond it costs ``per_level_short``,
    each level the person has beyond the role's costs ``per_level_over`` (a role well below
    someone's education usually suits them less). Whether they can enter the role today is a
    separate matter: the gaps.
    """
    short = xp.maximum(0.0, usual - reach) * per_level_short
    over = xp.maximum(0.0, reach - usual) * per_level_over
    return xp.maximum(0.0, 1.0 - short - over)


SETTING_BITS = {s: 1 << i for i, s in enumerate(Setting)}


def setting_bits(chosen: Any) -> int:
    """Settings as a bit mask, so "any in common" is one AND."""
    bits = 0
    for s in chosen:
        bits |= SETTING_BITS[s]
    return bits


def beyond_chance(xp: Any, closeness: Any, chance: Any) -> Any:
    """Agreement measured against chance: 0 is what random answers get on average.

    ``(closeness - chance) / max(chance, 1 - chance)``: linear, so random answers average
    exactly 0 on every factor, and scaled by the larger of the two distances chance can be
    from, so the score stays within -1 (the furthest below chance) and 1.
    """
    spread = xp.maximum(chance, 1 - chance)
    return (closeness - chance) / xp.where(spread > 0, spread, 1.0)


def best_beyond_chance(xp: Any, chance: Any) -> Any:
    """The most a factor can score against chance: its score when the closeness is 1.

    Below 1 when chance is above one half: meeting a condition nearly everyone meets says
    little. A role's fit is its points over the most points its factors could earn, so that
    100 is every role's best; over the plain sum of weights, a role with no data on such a
    factor would be spared a factor that could not earn it much, and lead for want of data.
    """
    return beyond_chance(xp, 1.0, chance)
