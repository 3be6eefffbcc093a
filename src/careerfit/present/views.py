"""What each command shows, as plain data, before any formatting.

Profiles, comparisons and paths are assembled here once; the terminal, Markdown and JSON all
format the same view, so a screen, a report and a script can never disagree about what a
role is. Every word here is for a person: sources are numbered notes (:mod:`citing`), and
ids, file names and enum values become plain words (:mod:`wording`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from careerfit.errors import SameRoleTwice
from careerfit.fit.gaps import Gap, gaps
from careerfit.kb.facts import SECTIONS, Cited, EducationLevel, Move, MoveKind, Pay
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Role
from careerfit.present import wording
from careerfit.present.citing import Notes, SourceNote
from careerfit.records import field, record


@record
class Item:
    """One statement: its text, where it comes from, and a few plain words about it."""

    text: str
    cites: tuple[str, ...] = ()  # as the knowledge base cites them (for scripts)
    notes: tuple[int, ...] = ()  # the numbered sources (for people)
    tag: str | None = None  # "substantive", "recommended", "small firms" ...


@record
class Section:
    """A titled list of items."""

    key: str
    title: str
    items: tuple[Item, ...]


@record
class Unknown:
    """Something no source says about a role, and why it is not known."""

    title: str
    reason: str


@record
class Profile:
    """Everything about one role, in the order a reader wants it."""

    role: Role
    summary: Item
    substantive_share: float
    sections: tuple[Section, ...]
    unknown: tuple[Unknown, ...]
    sources: tuple[SourceNote, ...]


TITLES = {
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


def headline_pay(role: Role) -> Pay | None:
    """The figure to show in one cell: the scoring figure, else the first given."""
    return role.scoring_pay or (role.pay[0] if role.pay else None)


def profile(kb: KnowledgeBase, role: Role) -> Profile:
    """The whole role as ordered sections: summary first, what is not known, sources last."""
    notes = Notes(kb)
    summary = _cited(notes, role.summary)
    items = _section_items(kb, role, notes)
    sections = tuple(
        Section(key, TITLES[key], items[key]) for key in SECTIONS if key not in role.not_known
    )
    fit = Section(
        "fit", "Fit profile (what the quiz compares you with)", _fit_items(kb, role, notes)
    )
    unknown = tuple(Unknown(TITLES[key], reason) for key, reason in role.not_known.items())
    return Profile(role, summary, role.substantive_share, (*sections, fit), unknown, notes.listed())


def _cited(notes: Notes, fact: Cited, text: str | None = None, tag: str | None = None) -> Item:
    return Item(text or fact.text, tuple(fact.cite), notes.mark(fact.cite), tag)


def _item(notes: Notes, text: str, cites: Sequence[str], tag: str | None = None) -> Item:
    return Item(text, tuple(cites), notes.mark(cites), tag)


def _section_items(kb: KnowledgeBase, role: Role, notes: Notes) -> dict[str, tuple[Item, ...]]:
    """Each section's items, by section name."""
    return {
        "work_like": tuple(_cited(notes, c) for c in role.work_like),
        "duties": tuple(
            _item(notes, d.text, d.cite, wording.DUTY_KINDS[d.kind]) for d in role.duties
        ),
        "skills": tuple(_item(notes, s.text, s.cite) for s in role.skills),
        "education": _education_items(role, notes),
        "credentials": _credential_items(kb, role, notes),
        "pay": tuple(_item(notes, wording.pay_text(p), p.cite) for p in role.pay),
        "outlook": tuple(_item(notes, f"{o.text} ({o.year})", o.cite) for o in role.outlook),
        "workplaces": tuple(
            _item(notes, w.text, w.cite, wording.settings_text(w.settings)) for w in role.workplaces
        ),
        "varies": tuple(
            _item(notes, f"{v.topic}: {v.text}", v.cite, wording.VARY_KINDS[v.kind])
            for v in role.varies
        ),
        "success_measures": tuple(_cited(notes, c) for c in role.success_measures),
        "challenges": tuple(_cited(notes, c) for c in role.challenges),
        "moves": tuple(move_item(kb, m, notes) for m in role.moves),
        "interview_questions": tuple(Item(q.question) for q in role.interview_questions),
    }


def _education_items(role: Role, notes: Notes) -> tuple[Item, ...]:
    edu = role.education
    points = [("Usually", edu.typical), ("At least", edu.minimum)]
    return tuple(
        _item(notes, point.text, point.cite, f"{name} {wording.EDUCATION[point.level]}")
        for name, point in points
        if point is not None
    ) + tuple(_item(notes, p.text, p.cite, "pathway") for p in edu.pathways)


def _credential_items(kb: KnowledgeBase, role: Role, notes: Notes) -> tuple[Item, ...]:
    items = []
    for rc in role.credentials:
        cred = kb.credential(rc.credential)
        note = f" {rc.note}" if rc.note else ""
        where = f" in {rc.region}" if rc.region else ""
        text = f"{kb.credential_name(rc.credential)}, issued by {cred.body}. {rc.why}{note}"
        items.append(_item(notes, text, rc.cite, f"{rc.status.value}{where}"))
    return tuple(items)


def _fit_items(kb: KnowledgeBase, role: Role, notes: Notes) -> tuple[Item, ...]:
    items = []
    for key, level in role.fit.items():
        dim = kb.dimension(key)
        if dim is not None:
            items.append(_item(notes, f"{dim.label}: {level.level} of 4. {level.why}", level.cite))
    return tuple(items)


def move_item(kb: KnowledgeBase, move: Move, notes: Notes) -> Item:
    """A career move in words: where it leads, of which kind, and what it takes."""
    target = kb.by_id[move.to]
    takes = f": {move.takes}" if move.takes else ""
    return _item(notes, f"{target.title}{takes}", move.cite, wording.MOVE_KINDS[move.kind])


@record
class Row:
    """One topic of a comparison: for each role, what the sources say about it."""

    label: str
    cells: tuple[tuple[Item, ...], ...]


@record
class Difference:
    """What one source says sets some roles apart."""

    title: str
    items: tuple[Item, ...]


@record
class Comparison:
    """Roles side by side on the same topics, what sets them apart, and the sources."""

    roles: tuple[Role, ...]
    rows: tuple[Row, ...]
    differences: tuple[Difference, ...]
    sources: tuple[SourceNote, ...]


RowBuilder = Callable[[KnowledgeBase, Role, Notes], list[Item]]


def compare(kb: KnowledgeBase, roles: list[Role]) -> Comparison:
    """Build the side-by-side rows, in the order of the seed comparison table.

    Primary role, key responsibilities, required skills, education, work environment and
    career progression come first (as in the legal-secretary vs legal-clerk guide), then
    pay, credentials and the substantive/procedural mix. The same role named twice (by id
    and by alias, say) counts once; :class:`SameRoleTwice` if that leaves fewer than two.
    A topic no source covers for a role says why it is not known.
    """
    roles = list({r.id: r for r in roles}.values())
    if len(roles) < 2:
        raise SameRoleTwice()
    notes = Notes(kb)
    rows = tuple(
        Row(label, tuple(_cell(build(kb, r, notes), r, section) for r in roles))
        for label, section, build in _ROWS
    )
    ids = {r.id for r in roles}
    differences = tuple(
        Difference(
            " and ".join(kb.by_id[i].title for i in c.roles),
            tuple(_cited(notes, d) for d in c.differences),
        )
        for c in kb.roles_file.comparisons
        if set(c.roles) <= ids
    )
    return Comparison(tuple(roles), rows, differences, notes.listed())


def _cell(items: list[Item], role: Role, section: str | None) -> tuple[Item, ...]:
    """A table cell: the items, or why no source covers this for the role."""
    if items:
        return tuple(items)
    reason = role.not_known.get(section or "")  # type: ignore[call-overload]
    return (Item(f"Not known: {reason}" if reason else "Not known."),)


def _compared_education(kb: KnowledgeBase, r: Role, notes: Notes) -> list[Item]:
    points = [("Usually", r.education.typical), ("At least", r.education.minimum)]
    out = [
        _item(notes, f"{name} {wording.EDUCATION[p.level]}: {p.text}", p.cite)
        for name, p in points
        if p is not None
    ]
    return out + [_item(notes, f"Pathway: {p.text}", p.cite) for p in r.education.pathways]


def _compared_credentials(kb: KnowledgeBase, r: Role, notes: Notes) -> list[Item]:
    return [
        _item(notes, f"{kb.credential_name(c.credential)}: {c.status.value}", c.cite)
        for c in r.credentials
    ]


_ROWS: tuple[tuple[str, str | None, RowBuilder], ...] = (
    ("Primary role", None, lambda kb, r, n: [_cited(n, r.summary)]),
    (
        "Key responsibilities",
        "duties",
        lambda kb, r, n: [_item(n, d.text, d.cite, wording.DUTY_KINDS[d.kind]) for d in r.duties],
    ),
    ("Required skills", "skills", lambda kb, r, n: [_item(n, s.text, s.cite) for s in r.skills]),
    ("Education", "education", _compared_education),
    (
        "Work environment",
        "workplaces",
        lambda kb, r, n: [_item(n, w.text, w.cite) for w in r.workplaces],
    ),
    ("Career progression", "moves", lambda kb, r, n: [move_item(kb, m, n) for m in r.moves]),
    ("Pay", "pay", lambda kb, r, n: [_item(n, wording.pay_text(p), p.cite) for p in r.pay]),
    ("Credentials", "credentials", _compared_credentials),
    (
        "Substantive / procedural",
        None,
        lambda kb, r, n: [Item(wording.mix_text(r.substantive_share))],
    ),
)


@record
class Step:
    """One step on a career path and what it takes; ``children`` go one step further."""

    role: Role
    kind: str  # "a step up" or "a move across", in words
    takes: tuple[Item, ...]
    notes: tuple[int, ...]
    children: tuple[Step, ...] = field(default_factory=tuple)


@record
class Paths:
    """Where a role can lead, step by step, and the sources the steps cite."""

    start: Role
    steps: tuple[Step, ...]
    sources: tuple[SourceNote, ...]


def requirements_gap(kb: KnowledgeBase, origin: Role, target: Role) -> list[Gap]:
    """What the target role asks beyond the origin role's usual education and credentials.

    Derived from the two roles' own cited requirements, so the path never restates (and can
    never contradict) what the role profiles say. An origin whose education no source gives
    is treated as having none, so the target's requirement is always shown.
    """
    point = origin.education.typical or origin.education.minimum
    have = point.level if point else EducationLevel.none
    held = frozenset(c.credential for c in origin.credentials)
    return gaps(kb, have, held, target)


def paths(kb: KnowledgeBase, role: Role, depth: int = 2) -> Paths:
    """Where ``role`` can lead, advancement before lateral moves, ``depth`` steps out.

    A role already on the path is not expanded again, so cycles in the data (a lateral move
    and back) cannot loop.
    """
    notes = Notes(kb)

    def steps(origin: Role, remaining: int, seen: frozenset[str]) -> tuple[Step, ...]:
        if remaining == 0:
            return ()
        out = []
        for move in sorted(origin.moves, key=lambda m: m.kind is not MoveKind.advancement):
            if move.to in seen:
                continue
            target = kb.by_id[move.to]
            takes = [_item(notes, move.takes, [])] if move.takes else []
            takes += [
                _item(notes, wording.gap_text(gap), list(gap.cites))
                for gap in requirements_gap(kb, origin, target)
            ]
            out.append(
                Step(
                    target,
                    wording.MOVE_KINDS[move.kind],
                    tuple(takes),
                    notes.mark(move.cite),
                    steps(target, remaining - 1, seen | {target.id}),
                )
            )
        return tuple(out)

    found = steps(role, depth, frozenset({role.id}))
    return Paths(role, found, notes.listed())
