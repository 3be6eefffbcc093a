"""Why a role is as close to the person as it is on each factor, in plain words.

Each factor gets a sentence (for the breakdown and the report) and a few words (for a table
cell). The words follow the numbers the fit uses and read correctly whichever way the person
leans: someone who would rather avoid a kind of work is told so, a neutral answer is called
neutral, and a factor no source gives for the role says "no data for this role".
"""

from __future__ import annotations

from careerfit.fit import formulas
from careerfit.fit.gaps import LEVEL_NAMES
from careerfit.fit.person import Person
from careerfit.fit.tables import role_level
from careerfit.kb.facts import Setting
from careerfit.kb.questions import Dimension
from careerfit.kb.roles import Role

NO_DATA = "no data for this role"

Reason = tuple[str, str]  # a sentence, and the same in a few words

# How much of a role a kind of work is, by its level (0-4).
_AMOUNT = ("no part of this role", "a small part of this role", "a regular part of this role",
           "a large part of this role", "the core of this role")  # fmt: skip
# How much someone wants to work from home, by place (0 on site only - 1 only from home).
_HOME = (
    (0.125, "you want to work only on site"),
    (0.375, "you would rather work mostly on site"),
    (0.625, "you want a mix of home and site"),
    (0.875, "you would rather work mostly from home"),
    (1.01, "you want to work only from home"),
)
_ROLE_HOME = ("it is done on site", "it is rarely done from home",
              "some days at home are common in it", "it is often done fully from home",
              "it is usually done from home")  # fmt: skip


def explain(
    person: Person,
    role: Role,
    factor: str,
    dimension: Dimension | None,
    *,
    names: dict[str, str] | None = None,
    points: float | None = None,
    mean: float | None = None,
) -> Reason:
    """Why ``role`` scores as it does on ``factor`` (a dimension when one is given).

    ``names`` gives credentials' names for the credentials factor. For a kind of work,
    ``points`` are what it earns the role and ``mean`` the person's mean interest over the
    kinds of work compared: interests count by how a kind of work stands against the
    person's others, so that is what the words say.
    """
    if dimension is not None:
        if dimension.kind == "condition":
            return _on_condition(person, role, dimension)
        return _on_dimension(person, role, dimension, points, mean)
    if factor == "settings":
        return _on_settings(person, role)
    if factor == "pay":
        return _on_pay(person, role)
    if factor == "credentials":
        return _on_credentials(person, role, names or {})
    return _on_education(person, role)


def leaning(place: float) -> str:
    """How someone feels about a kind of work, from their place on it (0 to 1)."""
    if place >= 0.8:
        return "you would enjoy"
    if place >= 0.6:
        return "you would like"
    if place > 0.4:
        return "you are neutral about"
    if place > 0.2:
        return "you would rather avoid"
    return "you dislike"


def _on_dimension(
    person: Person, role: Role, dim: Dimension, points: float | None, mean: float | None
) -> Reason:
    mine, its = person.levels[dim.id], role_level(role, dim)
    who = f"{dim.label}: {leaning(mine)} {dim.activity}"
    if its is None or points is None or mean is None:
        return f"{who}; {NO_DATA}", NO_DATA
    amount = _AMOUNT[round(its * 4)]
    versus = (
        "more than most of the other work you were asked about"
        if mine > mean + _EVEN
        else "less than most of the other work you were asked about"
        if mine < mean - _EVEN
        else "about as much as the rest of the work you were asked about"
    )
    brief = f"{dim.label.lower()}: {amount.split(' of ')[0]}"
    if mine < mean - _EVEN and its <= 0.25:
        brief += ", as you prefer"  # little of a kind of work the person would rather avoid
    return f"{who} ({versus}), and it is {amount}", brief


# Within this distance of someone's mean interest, a kind of work is "about as much" as the rest.
_EVEN = 0.05


def _on_condition(person: Person, role: Role, dim: Dimension) -> Reason:
    mine, its = person.levels[dim.id], role_level(role, dim)
    wish = next(words for limit, words in _HOME if mine < limit)
    if its is None:
        return f"{dim.label}: {wish}; {NO_DATA}", NO_DATA
    where = f"{dim.label}: {wish}, and {_ROLE_HOME[round(its * 4)]}"
    if formulas.rules_out(formulas.dimension(formulas.SCALAR, mine, its)):
        return f"{where}, which rules it out: it is not a match however well the rest fits", (
            "home or site rules it out"
        )
    gap = abs(mine - its)
    brief = "suits" if gap <= 0.25 else "partly suits" if gap <= 0.5 else "does not suit"
    return where, f"home or site {brief} you"


# Kinds of workplace in words; every screen and report uses these.
PLACES = {
    Setting.small_firm: "small firms",
    Setting.large_firm: "large firms",
    Setting.court: "courts",
    Setting.corporate: "companies",
    Setting.government: "government",
    Setting.legal_aid: "legal aid",
    Setting.remote: "remote work",
}


def _on_settings(person: Person, role: Role) -> Reason:
    where = {s for w in role.workplaces for s in w.settings}
    if not where:
        return f"Workplace: {NO_DATA}", NO_DATA
    shared = [s for s in PLACES if s in where & person.settings]
    if shared:
        words = ", ".join(PLACES[s] for s in shared)
        return f"Workplace: found in places you chose ({words})", f"in {words}"
    return "Workplace: not found in the places you chose", "not where you want to work"


def _on_pay(person: Person, role: Role) -> Reason:
    need = person.pay_need or 0
    pay = role.scoring_pay
    if pay is None:
        return f"Pay: {NO_DATA}", NO_DATA
    figure = f"${pay.representative:,} {pay.kind.value}"
    if pay.representative >= need:
        return f"Pay: a {figure} meets the ${need:,} you need", f"pays {figure}"
    return f"Pay: a {figure} is below the ${need:,} you need", f"pays less: {figure}"


def _on_education(person: Person, role: Role) -> Reason:
    point = role.education.typical or role.education.minimum
    if point is None:
        return f"Education: {NO_DATA}", NO_DATA
    assert person.education is not None and person.reach is not None
    needed, mine = LEVEL_NAMES[point.level], LEVEL_NAMES[person.reach]
    had = "you have" if person.reach == person.education else "you would study for"
    if person.reach.rank == point.level.rank:
        return f"Education: it usually asks {needed}, which {had}", "your level of education"
    if person.reach.rank > point.level.rank:
        return (
            f"Education: it usually asks {needed}, less than the {mine.split(' ', 1)[-1]} {had}",
            "asks less education than you have",
        )
    return (
        f"Education: it usually asks {needed}, more than the {mine.split(' ', 1)[-1]} {had}",
        "asks more education than you plan",
    )


def _on_credentials(person: Person, role: Role, names: dict[str, str]) -> Reason:
    listed = {c.credential for c in role.credentials}
    if not listed:
        return f"Credentials: {NO_DATA}", NO_DATA
    shared = sorted(names[c] for c in listed & person.credentials)
    if shared:
        return (
            f"Credentials: you hold {', '.join(shared)}, which this role lists",
            "your credential",
        )
    return "Credentials: none you hold is one this role lists", "not your credentials"
