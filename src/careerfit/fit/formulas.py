"""The fit formulas, written once for one respondent (floats) and for many (numpy arrays).

:mod:`careerfit.fit.assess` scores and explains one respondent; :mod:`careerfit.batch` scores
thousands at a time with numpy. Both compute every closeness with the functions below,
passing ``xp``: :data:`SCALAR` for plain floats, or the numpy module for arrays, so the
formulas cannot drift apart (the tests check that both give identical fits). This module
never imports numpy: a single quiz does not pay the 60 ms that importing it costs.
"""

from __future__ import annotations

from typing import Any


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


SCALAR = _ScalarOps()


def dimension(xp: Any, person: Any, role: Any) -> Any:
    """Closeness on a dimension: 1 minus the distance between two positions in 0..1."""
    return 1 - xp.abs(person - role)


def settings(xp: Any, chosen: Any, offered: Any) -> Any:
    """1 if the role is found in any setting the person chose (bit masks), else 0."""
    return xp.where((chosen & offered) != 0, 1.0, 0.0)


def pay(xp: Any, need: Any, figure: Any, shortfall_to_zero: float) -> Any:
    """1 if the pay meets the need, falling linearly to 0 at the given shortfall."""
    short = (need - figure) / (need * shortfall_to_zero)
    return xp.where(figure >= need, 1.0, xp.maximum(0.0, 1 - short))


def preparation(
    xp: Any, have: Any, reach: Any, usual: Any, within_reach: float, per_level_short: float
) -> Any:
    """Closeness on education, from level ranks.

    1 with the usual education; ``within_reach`` if the person would study up to it; less
    for each level beyond what they would study.
    """
    beyond = xp.maximum(0.0, within_reach - per_level_short * (usual - reach))
    return xp.where(have >= usual, 1.0, xp.where(reach >= usual, within_reach, beyond))
