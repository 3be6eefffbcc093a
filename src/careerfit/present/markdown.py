"""Markdown for reports, profiles and comparisons. Returns text; never writes files.

Every piece of text from a data file goes through :func:`inline`, which makes it one line
of literal text: Markdown punctuation is backslash-escaped, ``<`` and ``&`` become entities
(so ``<script>`` is shown, never run), and newlines and control characters cannot break a
table row or a list item. The output passes markdownlint's default rules, apart from line
length (see .markdownlint-cli2.jsonc).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from careerfit.present import views, wording
from careerfit.present.citing import SourceNote
from careerfit.present.report import Report, RoleDetail
from careerfit.safetext import clean

if TYPE_CHECKING:
    from careerfit.fit.ranking import RoleResult

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# A source's web address, shown as an autolink <https://...> in the list of sources.
_URL = re.compile(r"(https?://[^\s<>|`\\\[\]]*[^\s<>|`\\\[\].,;:!?)'\"])")
# Anything in data text that a Markdown renderer would turn into a link by itself: a web
# address with a scheme, one starting "www.", an e-mail address. Shown as code (literal
# text), since text from a knowledge base must not add links to a report.
_LINKABLE = re.compile(
    r"((?:[a-zA-Z][a-zA-Z0-9+.-]*:/{1,3}|www\d{0,3}\.)[^\s`|]+"
    r"|[^\s`|@<>()\[\]]+@[^\s`|@<>()\[\]]+\.[^\s`|@<>()\[\]]+)"
)
_LINE_START = re.compile(r"^(?:([-+#])|(\d{1,9})([.)]))(?=\s|$)")


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def inline(text: str) -> str:
    """Data text as one line of literal Markdown.

    Escapes what is special anywhere in a line (emphasis, code, links, table pipes,
    strikethrough), turns ``&``, ``<`` and ``>`` into entities so no HTML can form, and
    escapes a leading ``#``, ``-``, ``+`` or ``1.`` that would start a heading or a list
    where the text begins a line or a list item. Web and e-mail addresses are shown as
    code, so they read as written but never become links.
    """
    flat = " ".join(clean(text).split())
    parts = _LINKABLE.split(flat)  # odd indexes are addresses
    flat = "".join(f"`{part}`" if i % 2 else _escape(part) for i, part in enumerate(parts))
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), flat
    )


def _notes(notes: tuple[int, ...]) -> str:
    """Numbered sources after a statement: `` [1, 3]`` (escaped, so never a link)."""
    return f" \\[{', '.join(map(str, notes))}\\]" if notes else ""


def _item(item: views.Item, tag: bool = False) -> str:
    prefix = f"{inline(item.tag)}: " if tag and item.tag else ""
    return prefix + inline(item.text) + _notes(item.notes)


def _sources(sources: tuple[SourceNote, ...]) -> list[str]:
    """The numbered list of sources a document cites."""
    lines = []
    for note in sources:
        url = f" <{note.url}>" if note.url and _URL.fullmatch(note.url) else ""
        lines.append(f"{note.number}. {inline(note.text)}{url}")
    return lines or ["No source is cited here."]


def _bullets(items: tuple[views.Item, ...], tag: bool = False) -> list[str]:
    return [f"- {_item(i, tag)}" for i in items]


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    """A pipe table; cells must already be escaped."""
    marks = [{"r": "---:", "l": "---"}[a] for a in (align or ["l"] * len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _join(blocks: list[list[str]]) -> str:
    """Blocks separated by one blank line, ending with one newline."""
    return "\n\n".join("\n".join(b) for b in blocks if b) + "\n"


def profile(view: views.Profile) -> str:
    """A role profile as Markdown, the same sections as the terminal shows."""
    role = view.role
    head = [_item(view.summary)]
    if role.aliases:
        head += ["", f"Also called: {inline(', '.join(role.aliases))}."]
    head += ["", f"Duties: {inline(wording.mix_text(view.substantive_share))}."]
    blocks = [[f"# {inline(role.title)}"], head]
    for section in view.sections:
        if section.items:
            blocks += [[f"## {inline(section.title)}"], _bullets(section.items, tag=True)]
    if view.unknown:
        unknown = [f"- {inline(u.title)}: {inline(u.reason)}" for u in view.unknown]
        blocks += [["## Not known"], unknown]
    blocks += [["## Sources"], _sources(view.sources)]
    return _join(blocks)


def comparison(view: views.Comparison) -> str:
    """Roles side by side as a table, then what the sources say sets them apart."""
    titles = [inline(r.title) for r in view.roles]
    rows = []
    for row in view.rows:
        tags = row.label == "Key responsibilities"
        rendered = ["; ".join(_item(i, tag=tags) for i in items) for items in row.cells]
        rows.append([f"**{inline(row.label)}**", *rendered])
    blocks = [
        [f"# Comparison: {', '.join(titles)}"],
        _table(["Aspect", *titles], rows),
    ]
    for difference in view.differences:
        title = f"## What a source says sets {inline(difference.title)} apart"
        blocks += [[title], _bullets(difference.items)]
    blocks += [["## Sources"], _sources(view.sources)]
    return _join(blocks)


_HOW_TO_READ = (
    "careerfit compares what you said you enjoy, need and have with what cited sources "
    "say each legal-support role involves. The fit runs from 0, no better than answering at "
    "random, to 100, agreement on everything; it is the sum of the points each factor earns "
    "(a factor that counts against the role takes points away, and one the sources say "
    'nothing about for a role is left out of that role\'s fit). A role marked "needs ..." '
    "is one you cannot enter yet: it keeps its place by fit, and the gaps say what would open "
    'it. One marked "usually asks ..." is open to you, but its sources say it usually goes to '
    "people with more education or experience than you have. Roles marked with the same "
    "place, such as 1-2, are too close to call. Numbers in brackets, such as [3], point to the "
    "sources listed at the end. This is a starting point for a conversation, not a verdict."
)


def _main_reason(result: RoleResult) -> str:
    """The ranking's last column: the strongest reason for a role, unless none is worth it."""
    if not wording.better_than_chance(result):
        return wording.NO_BETTER_THAN_CHANCE
    return inline(result.reasons_for[0]) if result.reasons_for else "-"


def report(r: Report) -> str:
    """The full results report a person can keep or show a career counsellor."""
    rows = [
        [
            place,
            inline(x.role.title),
            wording.fit_number(x.fit),
            inline(x.status),
            _main_reason(x),
        ]
        for place, x in zip(r.places, r.ranked, strict=True)
    ]
    ranking = (
        [inline(r.not_enough)]
        if r.not_enough
        else _table(
            ["Rank", "Role", "Fit", "Status", "Main reason"], rows, ["r", "l", "r", "l", "l"]
        )
    )
    blocks = [
        ["# careerfit report: your legal-support career matches"],
        _meta(r),
        ["## How to read this"],
        [_HOW_TO_READ],
        ["## Ranked matches"],
        ranking,
    ]
    notes = [f"- {inline(r.tie)}"] if r.tie else []
    notes += [f"- {inline(r.chance)}"] if r.chance else []
    notes += [f"- Careful: {inline(c)}" for c in r.cautions]
    if r.swap:
        notes.append(f"- Top two: {inline(r.swap)}")
    if notes:
        blocks += [["## About these answers"], notes]
    for detail in r.details:
        blocks += _role_blocks(detail)
    answers = [
        [str(n), inline(a.question), inline(a.answer) if a.answer else "(not answered)"]
        for n, a in enumerate(r.answers, start=1)
    ]
    blocks += [
        ["## Appendix: your answers"],
        _table(["#", "Question", "Your answer"], answers, ["r", "l", "l"]),
        ["## Sources cited"],
        _sources(r.sources),
    ]
    return _join(blocks)


def _meta(r: Report) -> list[str]:
    """When and from what the report was made, and against which knowledge base."""
    meta = [
        f"- Created: {inline(r.created)}, from {inline(r.source_label)}",
        f"- careerfit version: {inline(r.careerfit_version)}",
        f"- Knowledge base version: {inline(r.kb_version)}",
    ]
    if r.stopped:
        meta.append(f"- {inline(r.stopped)}")
    if r.answered_against:
        note = (
            f"- Note: these answers were given against an older knowledge base "
            f"({inline(r.answered_against)}) and are scored here with the current one"
        )
        if r.dropped:
            left_out = inline(", ".join(r.dropped))
            note += f"; answers to questions no longer asked were left out: {left_out}"
        meta.append(note + ".")
    return meta


def _role_blocks(detail: RoleDetail) -> list[list[str]]:
    result = detail.result
    role = result.role
    title = inline(role.title)
    what = [
        _item(detail.summary),
        "",
        f"Duties: {inline(wording.mix_text(role.substantive_share))}.",
    ]
    fits = _table(
        ["Factor", "Points", "Why"],
        [[inline(label), f"{points:+.1f}", inline(why)]
         for label, points, why in detail.contributions],
        ["l", "r", "l"],
    )  # fmt: skip
    fits += ["", f"Fit: {sum(p for _, p, _ in detail.contributions):.1f} out of 100."]
    if detail.unknown:
        fits += ["", f"No data for this role, so left out: {inline(', '.join(detail.unknown))}."]
    if detail.relation:
        what += ["", f"From your job: {inline(detail.relation)}."]
    return [
        [f"## {result.rank}. {title}: {inline(result.status)}"],
        [f"### What the {title} role is"],
        what,
        [f"### Why {title} fits you"],
        fits,
        [f"### What to watch out for as {title}"],
        _bullets(detail.watch_out) or ["No source names a challenge of this role."],
        [f"### Gaps and next steps for {title}"],
        _bullets(detail.gaps) or ["Nothing the sources require or recommend stands in your way."],
        [f"### Where {title} can lead"],
        _bullets(detail.leads_to) or ["No source names a move from this role."],
    ]
