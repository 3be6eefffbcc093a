"""Why a role is as close to the person as it is on each factor, in plain words.

Each factor gets a sentence (for the breakdown and the report) and a few words (for a table
cell). The words follow the same numbers the fit uses, so the explanation is always true to
the score.
"""

from __future__ import annotations

from careerfit.fit.gaps import LEVEL_NAMES
from careerfit.fit.person import Person
from careerfit.fit.tables import role_level
from careerfit.kb.questions import Dimension
from careerfit.kb.roles import Role

AVERAGE = "Scored as an average role: no source says"

Reason = tuple[str, str]  # a sentence, and the same in a few words


def explain(person: Person, role: Role, factor: str, dimension: Dimension | None) -> Reason:
    """Why ``role`` is as close as it is on ``factor`` (a dimension when one is given)."""
    if dimension is not None:
        return _on_dimension(person, role, dimension)
    if factor == "settings":
        return _on_settings(person, role)
    if factor == "pay":
        return _on_pay(person, role)
    return _on_education(person, role)


def _on_dimension(person: Person, role: Role, dim: Dimension) -> Reason:
    mine, its = person.levels[dim.id], role_level(role, dim)
    if side(mine, dim) == side(its, dim):
        both = (
            f"both lean to {side(its, dim)}"
            if side(its, dim) in (dim.low, dim.high)
            else f"both balance {dim.low} with {dim.high}"
        )
        return f"{dim.label}: you and this role {both}", dim.label
    return (
        f"{dim.label}: you prefer {side(mine, dim)}; this role offers {side(its, dim)}",
        f"{dim.label} (partly)",
    )


def _on_settings(person: Person, role: Role) -> Reason:
    where = {s for w in role.workplaces for s in w.settings}
    if not where:
        return f"{AVERAGE} where this role works", "no data on setting"
    shared = ", ".join(sorted(s.value for s in where & person.settings))
    if shared:
        return f"Workplace: found in settings you chose ({shared})", f"in {shared}"
    return "Workplace: not found in the settings you chose", "not your setting"


def _on_pay(person: Person, role: Role) -> Reason:
    need = person.pay_need or 0
    pay = role.scoring_pay
    if pay is None:
        return f"{AVERAGE} pay for this role", "no data on pay"
    figure = f"${pay.representative:,} ({pay.kind.value})"
    if pay.representative >= need:
        return f"Pay: {figure} meets the ${need:,} you need", f"pays {figure}"
    return f"Pay: {figure} is below the ${need:,} you need", f"pays less ({figure})"


def _on_education(person: Person, role: Role) -> Reason:
    point = role.education.typical or role.education.minimum
    if point is None:
        return f"{AVERAGE} what education this role asks", "no data on education"
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


def side(value: float, dim: Dimension) -> str:
    """Which end of a dimension a value is nearer, in the dimension's own words."""
    if value >= 2 / 3:
        return dim.high
    if value <= 1 / 3:
        return dim.low
    return "a balance of both"
