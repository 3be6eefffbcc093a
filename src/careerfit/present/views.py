"""What each command shows, as plain data, before any formatting.

Profiles, comparisons and paths are assembled here once; the Rich renderer, the JSON output
and (later) Markdown export all format the same view, so the terminal, a script and a
report can never disagree about what a role is.
"""

from __future__ import annotations

from collections.abc import Callable

from careerfit.errors import SameRoleTwice
from careerfit.fit.gaps import gaps
from careerfit.kb.facts import SECTIONS, EducationLevel, Move, MoveKind, Pay
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Role
from careerfit.present import wording
from careerfit.records import field, record

NOT_GIVEN = "Not given by any source."


@record
class Item:
    """One line of content: text, its citations, and an optional short tag."""

    text: str
    cites: tuple[str, ...] = ()
    tag: str | None = None


@record
class Section:
    """A titled list of items; ``not_given`` when no source covers it."""

    key: str
    title: str
    items: tuple[Item, ...]
    not_given: bool = False


@record
class Profile:
    """Everything about one role, in the order a reader wants it."""

    role: Role
    substantive_share: float
    sections: tuple[Section, ...]
    sources: tuple[tuple[str, str], ...]


def headline_pay(role: Role) -> Pay | None:
    """The figure to show in one cell: the scoring figure, else the first given."""
    return role.scoring_pay or (role.pay[0] if role.pay else None)


def _items(cited: list) -> tuple[Item, ...]:
    return tuple(Item(c.text, tuple(c.cite)) for c in cited)


def _section(role: Role, key: str, title: str, items: tuple[Item, ...]) -> Section:
    return Section(key, title, items, not_given=key in role.not_given)


def move_item(kb: KnowledgeBase, move: Move) -> Item:
    """A career move in words: where it leads, of which kind, and what it takes."""
    target = kb.by_id[move.to]
    takes = f": {move.takes}" if move.takes else ""
    return Item(f"{target.title} ({move.kind.value}){takes}", tuple(move.cite), move.to)


_TITLES = {
    "work_like": "What the work is like",
    "duties": "Duties",
    "skills": "Skills",
    "education": "Education",
    "credentials": "Credentials",
    "pay": "Pay",
    "outlook": "Outlook",
    "workplaces": "Where people work",
    "varies": "Things that vary",
    "success_measures": "How success is measured",
    "challenges": "Challenges and trade-offs",
    "moves": "Where it can lead",
    "interview_questions": "Interview questions to expect",
}


def profile(kb: KnowledgeBase, role: Role) -> Profile:
    """The whole role as ordered sections: summary first, sources last."""
    items = _section_items(kb, role)
    fit = Section("fit", "Fit profile (what the quiz compares you with)", _fit_items(kb, role))
    sections = (*(_section(role, key, _TITLES[key], items[key]) for key in SECTIONS), fit)
    sources = tuple((sid, kb.source(sid).title) for sid in role.sources)
    return Profile(role, role.substantive_share, sections, sources)


def _section_items(kb: KnowledgeBase, role: Role) -> dict[str, tuple[Item, ...]]:
    """Each section's items, by section name."""
    return {
        "work_like": _items(role.work_like),
        "duties": tuple(Item(d.text, tuple(d.cite), d.kind.value) for d in role.duties),
        "skills": tuple(Item(s.text, tuple(s.cite)) for s in role.skills),
        "education": _education_items(role),
        "credentials": _credential_items(kb, role),
        "pay": tuple(Item(wording.pay_text(p), tuple(p.cite)) for p in role.pay),
        "outlook": tuple(Item(f"{o.text} ({o.year})", tuple(o.cite)) for o in role.outlook),
        "workplaces": tuple(
            Item(w.text, tuple(w.cite), ", ".join(s.value for s in w.settings))
            for w in role.workplaces
        ),
        "varies": tuple(
            Item(f"{v.topic}: {v.text}", tuple(v.cite), v.kind.value) for v in role.varies
        ),
        "success_measures": _items(role.success_measures),
        "challenges": _items(role.challenges),
        "moves": tuple(move_item(kb, m) for m in role.moves),
        "interview_questions": tuple(
            Item(q.question, (), "tests: " + ", ".join(q.based_on))
            for q in role.interview_questions
        ),
    }


def _education_items(role: Role) -> tuple[Item, ...]:
    edu = role.education
    points = [("Typical", edu.typical), ("Minimum", edu.minimum)]
    return tuple(
        Item(f"{name}: {point.text}", tuple(point.cite), point.level.value)
        for name, point in points
        if point is not None
    ) + tuple(Item(f"Pathway: {p.text}", tuple(p.cite)) for p in edu.pathways)


def _credential_items(kb: KnowledgeBase, role: Role) -> tuple[Item, ...]:
    items = []
    for rc in role.credentials:
        cred = kb.credential(rc.credential)
        note = f" {rc.note}" if rc.note else ""
        where = f" in {rc.region}" if rc.region else ""
        items.append(
            Item(
                f"{kb.credential_name(rc.credential)}, issued by {cred.body}.{note}",
                tuple(rc.cite),
                f"{rc.status.value}{where}",
            )
        )
    return tuple(items)


def _fit_items(kb: KnowledgeBase, role: Role) -> tuple[Item, ...]:
    items = []
    for key, level in role.fit.items():
        dim = kb.dimension(key)
        if dim is not None:
            items.append(Item(f"{dim.label}: {level.level}/4. {level.why}", tuple(level.cite), key))
    return tuple(items)


@record
class Comparison:
    """A side-by-side table plus what the sources say sets the roles apart."""

    roles: tuple[Role, ...]
    rows: tuple[tuple[str, tuple[tuple[Item, ...], ...]], ...]
    differences: tuple[tuple[str, tuple[Item, ...]], ...]


def _cell(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """A table cell: the items, or the not-given phrase when there are none."""
    return items or (Item(NOT_GIVEN),)


def compare(kb: KnowledgeBase, roles: list[Role]) -> Comparison:
    """Build the side-by-side rows, in the order of the seed comparison table.

    Primary role, key responsibilities, required skills, education, work environment and
    career progression come first (as in the legal-secretary vs legal-clerk guide), then
    pay, credentials and the substantive/procedural mix. The same role named twice (by id
    and by alias, say) counts once; :class:`SameRoleTwice` if that leaves fewer than two.
    """
    roles = list({r.id: r for r in roles}.values())
    if len(roles) < 2:
        raise SameRoleTwice()
    rows = tuple(
        (label, tuple(_cell(tuple(build(kb, r))) for r in roles)) for label, build in _ROWS
    )
    ids = {r.id for r in roles}
    differences = tuple(
        (
            " vs ".join(kb.by_id[i].title for i in c.roles),
            tuple(Item(d.text, tuple(d.cite)) for d in c.differences),
        )
        for c in kb.roles_file.comparisons
        if set(c.roles) <= ids
    )
    return Comparison(tuple(roles), rows, differences)


def _compared_education(kb: KnowledgeBase, r: Role) -> list[Item]:
    points = [("Typical", r.education.typical), ("Minimum", r.education.minimum)]
    out = [Item(f"{name}: {p.text}", tuple(p.cite)) for name, p in points if p is not None]
    return out or [Item(p.text, tuple(p.cite)) for p in r.education.pathways]


def _compared_credentials(kb: KnowledgeBase, r: Role) -> list[Item]:
    return [
        Item(f"{kb.credential_name(c.credential)}: {c.status.value}", tuple(c.cite))
        for c in r.credentials
    ]


_ROWS: tuple[tuple[str, Callable[[KnowledgeBase, Role], list[Item]]], ...] = (
    ("Primary role", lambda kb, r: [Item(r.summary.text, tuple(r.summary.cite))]),
    (
        "Key responsibilities",
        lambda kb, r: [Item(d.text, tuple(d.cite), d.kind.value) for d in r.duties],
    ),
    ("Required skills", lambda kb, r: [Item(s.text, tuple(s.cite)) for s in r.skills]),
    ("Education", _compared_education),
    ("Work environment", lambda kb, r: [Item(w.text, tuple(w.cite)) for w in r.workplaces]),
    ("Career progression", lambda kb, r: [move_item(kb, m) for m in r.moves]),
    ("Pay", lambda kb, r: [Item(wording.pay_text(p), tuple(p.cite)) for p in r.pay]),
    ("Credentials", _compared_credentials),
    ("Substantive / procedural", lambda kb, r: [Item(wording.mix_text(r.substantive_share))]),
)


@record
class Step:
    """One step on a career path and what it takes; ``children`` go one step further."""

    role: Role
    kind: MoveKind
    takes: tuple[str, ...]
    cites: tuple[str, ...]
    children: tuple[Step, ...] = field(default_factory=tuple)


def requirements_gap(kb: KnowledgeBase, origin: Role, target: Role) -> list[str]:
    """What the target role asks beyond the origin role's usual education and credentials.

    Derived from the two roles' own cited requirements, so the path never restates (and can
    never contradict) what the role profiles say. An origin whose education no source gives
    is treated as having none, so the target's requirement is always shown.
    """
    point = origin.education.typical or origin.education.minimum
    have = point.level if point else EducationLevel.none
    held = frozenset(c.credential for c in origin.credentials)
    return [gap.summary for gap in gaps(kb, have, held, target)]


def paths(kb: KnowledgeBase, role: Role, depth: int = 2) -> tuple[Step, ...]:
    """Where ``role`` can lead, advancement before lateral moves, ``depth`` steps out.

    A role already on the path is not expanded again, so cycles in the data (a lateral move
    and back) cannot loop.
    """

    def steps(origin: Role, remaining: int, seen: frozenset[str]) -> tuple[Step, ...]:
        if remaining == 0:
            return ()
        out = []
        for move in sorted(origin.moves, key=lambda m: m.kind is not MoveKind.advancement):
            if move.to in seen:
                continue
            target = kb.by_id[move.to]
            takes = ([move.takes] if move.takes else []) + requirements_gap(kb, origin, target)
            out.append(
                Step(
                    target,
                    move.kind,
                    tuple(takes),
                    tuple(move.cite),
                    steps(target, remaining - 1, seen | {target.id}),
                )
            )
        return tuple(out)

    return steps(role, depth, frozenset({role.id}))
