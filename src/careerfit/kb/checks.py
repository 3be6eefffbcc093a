"""Rules that span objects and files: ids that must exist, citations, a role's fit keys.

Run after :mod:`careerfit.kb.parse` on whatever validated, so the maintainer of a knowledge
base gets every problem in one run of ``careerfit validate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careerfit.errors import Problem
from careerfit.kb.citations import iter_cites
from careerfit.kb.parse import Parsed, dotted
from careerfit.kb.roles import Role, Source
from careerfit.kb.yamlread import YamlDocument
from careerfit.records import record


@record
class _Report:
    """Makes problems for one file, turning a location tuple into its line and field path."""

    file: str
    doc: YamlDocument

    def at(self, loc: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.file, self.doc.line_of(loc), dotted(loc, self.doc.data), message)

    def unknown(self, loc: tuple[Any, ...], name: str, known: set[str], what: str) -> Problem:
        import difflib

        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"define it, or use one of: {', '.join(sorted(known))}"
        )
        return self.at(loc, f"names {what} '{name}', which does not exist; {hint}")

    def duplicates(self, ids: list[Any], at: tuple[Any, ...], what: str) -> Iterator[Problem]:
        seen: set[Any] = set()
        for i, value in enumerate(ids):
            if value is not None and value in seen:
                yield self.at(
                    (*at, i, "id"),
                    f"duplicate {what} '{value}'; each must be unique, rename or remove one",
                )
            seen.add(value)


def check_roles(parsed: Parsed, file: str, questions: Parsed | None) -> Iterator[Problem]:
    """Rules that span more than one object: ids, references, citations, fit keys.

    Existence is judged against every id *written* in the file, valid or not, so an item
    that failed validation (already reported) does not also show up as "missing".
    """
    report = _Report(file, parsed.doc)
    yield from report.duplicates(parsed.raw_ids("sources"), ("sources",), "source id")
    yield from report.duplicates(parsed.raw_ids("credentials"), ("credentials",), "credential id")
    yield from report.duplicates(parsed.raw_ids("roles"), ("roles",), "role id")
    yield from _check_sources(parsed, report)
    yield from _check_citations(parsed, report)
    known = _Known(
        {i for i in parsed.raw_ids("roles") if isinstance(i, str)},
        {i for i in parsed.raw_ids("credentials") if isinstance(i, str)},
        {d.id for _, d in questions.items("dimensions")} if questions is not None else None,
    )
    names: dict[str, str] = {}
    for i, role in parsed.items("roles"):
        yield from _check_names(report, ("roles", i), role, names)
        yield from _check_role(report, ("roles", i), role, known)
    for i, comparison in parsed.items("comparisons"):
        for j, rid in enumerate(comparison.roles):
            if rid not in known.roles:
                yield report.unknown(("comparisons", i, "roles", j), rid, known.roles, "role")


@record
class _Known:
    """The ids a role may refer to: roles, credentials, and the judged dimensions."""

    roles: set[str]
    credentials: set[str]
    judged: set[str] | None  # None when questions.yaml could not be read


def _check_sources(parsed: Parsed, report: _Report) -> Iterator[Problem]:
    """Sources that share a file agree on its line count; a public page is one source.

    Several sources share one file when public pages are cited through an evidence sheet.
    """
    first_of_file: dict[str, Source] = {}
    first_of_url: dict[str, Source] = {}
    for i, source in parsed.items("sources"):
        other = first_of_file.setdefault(source.file, source)
        if other.lines != source.lines:
            yield report.at(
                ("sources", i, "lines"),
                f"says {source.file} has {source.lines} lines, but source '{other.id}' says "
                f"{other.lines}; sources sharing a file must agree (count the lines again)",
            )
        if source.url is not None:
            same = first_of_url.setdefault(source.url, source)
            if same is not source:
                yield report.at(
                    ("sources", i, "url"),
                    f"is the address of source '{same.id}' too; cite that page through one source",
                )


def _check_citations(parsed: Parsed, report: _Report) -> Iterator[Problem]:
    """Every citation names a source, and a line that source has."""
    source_ids = {i for i in parsed.raw_ids("sources") if isinstance(i, str)}
    sources = {s.id: s for _, s in parsed.items("sources")}
    for section in ("credentials", "roles", "comparisons"):
        for i, item in parsed.items(section):
            for loc, cite in iter_cites(item, (section, i)):
                if cite.source not in source_ids:
                    yield report.unknown(loc, cite.source, source_ids, "source")
                elif cite.source in sources and cite.lines[1] > sources[cite.source].lines:
                    yield report.at(
                        loc,
                        f"cites line {cite.lines[1]} of '{cite.source}', which has "
                        f"{sources[cite.source].lines} lines; correct the line number",
                    )


def _check_names(
    report: _Report, at: tuple[Any, ...], role: Role, names: dict[str, str]
) -> Iterator[Problem]:
    """A title or alias names one role only (``names`` collects them across roles)."""
    for j, name in enumerate((role.title, *role.aliases)):
        key = name.casefold()
        if names.setdefault(key, role.id) != role.id:
            yield report.at(
                (*at, "title") if j == 0 else (*at, "aliases", j - 1),
                f"{name!r} already names role '{names[key]}'; "
                "titles and aliases must each name one role",
            )


def _check_role(
    report: _Report, at: tuple[Any, ...], role: Role, known: _Known
) -> Iterator[Problem]:
    """One role's references: its own duty and skill ids, moves, credentials, fit keys."""
    yield from report.duplicates([d.id for d in role.duties], (*at, "duties"), "duty id")
    yield from report.duplicates([s.id for s in role.skills], (*at, "skills"), "skill id")
    own = {d.id for d in role.duties} | {s.id for s in role.skills}
    for j, q in enumerate(role.interview_questions):
        for k, ref in enumerate(q.based_on):
            if ref not in own:
                yield report.at(
                    (*at, "interview_questions", j, "based_on", k),
                    f"'{ref}' is not a duty or skill id of this role; use one of: "
                    + ", ".join(sorted(own)),
                )
    for j, move in enumerate(role.moves):
        if move.to not in known.roles:
            yield report.unknown((*at, "moves", j, "to"), move.to, known.roles, "role")
        elif move.to == role.id:
            yield report.at(
                (*at, "moves", j, "to"), "a role cannot move to itself; name another role"
            )
    for j, cred in enumerate(role.credentials):
        if cred.credential not in known.credentials:
            loc = (*at, "credentials", j, "credential")
            yield report.unknown(loc, cred.credential, known.credentials, "credential")
    if known.judged is not None:
        for section in ("fit", "fit_unknown"):
            for key in sorted(set(getattr(role, section)) - known.judged):
                yield report.at(
                    (*at, section, key),
                    f"'{key}' is not a dimension of questions.yaml; "
                    f"use: {', '.join(sorted(known.judged))}",
                )
        for key in sorted(known.judged - set(role.fit) - set(role.fit_unknown)):
            yield report.at(
                (*at, "fit"),
                f"has no level for dimension '{key}'; add it (0-4, with why and cite), or "
                "say in fit_unknown why no source places the role there",
            )


def check_questions(parsed: Parsed, file: str, roles: Parsed | None) -> Iterator[Problem]:
    """Question-bank rules that span objects: dimension, credential and role references."""
    report = _Report(file, parsed.doc)
    yield from report.duplicates(parsed.raw_ids("dimensions"), ("dimensions",), "dimension id")
    yield from report.duplicates(parsed.raw_ids("questions"), ("questions",), "question id")
    dims = {i for i in parsed.raw_ids("dimensions") if isinstance(i, str)}
    known: dict[str, set[str] | None] = {
        "credential": {i for i in roles.raw_ids("credentials") if isinstance(i, str)}
        if roles
        else None,
        "role": {i for i in roles.raw_ids("roles") if isinstance(i, str)} if roles else None,
    }
    questions = list(parsed.items("questions"))
    for i, q in questions:
        if q.measures is not None and q.measures not in dims:
            yield report.unknown(("questions", i, "measures"), q.measures, dims, "dimension")
        for j, option in enumerate(q.options):
            for dim in option.moves:
                if dim not in dims and q.measures is None:
                    yield report.unknown(
                        ("questions", i, "options", j, "moves", dim), dim, dims, "dimension"
                    )
            for what, ids in known.items():
                value = getattr(option, what)
                if ids is not None and value is not None and value not in ids:
                    loc = ("questions", i, "options", j, what)
                    yield report.unknown(loc, str(value), ids, what)
    if len(questions) == len(parsed.raw_ids("questions")):
        yield from _check_coverage(parsed, report)


def _check_coverage(parsed: Parsed, report: _Report) -> Iterator[Problem]:
    """Every interest is measured by three statements or more; education and study once."""
    questions = list(parsed.items("questions"))
    for i, dim in parsed.items("dimensions"):
        count = sum(q.dimension == dim.id for _, q in questions)
        least = 3 if dim.kind == "interest" else 1
        if count < least:
            yield report.at(
                ("dimensions", i),
                f"is measured by {count} question(s); an {dim.kind} needs at least {least}, "
                "so that no single answer decides it",
            )
    for fact in ("education", "study"):
        count = sum(q.records == fact for _, q in questions)
        if count != 1:
            yield report.at(
                ("questions",), f"needs exactly one question recording '{fact}', has {count}"
            )
