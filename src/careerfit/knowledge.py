"""Load a knowledge-base directory into typed objects, or report every problem in it.

Validation happens once, here; after loading, the rest of careerfit works with frozen,
cross-checked objects and never looks a key up in a dict. Problems are collected rather
than raised one at a time, because someone maintaining a knowledge base wants the whole
list in one run of ``careerfit validate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerfit.errors import DataError, Problem
from careerfit.knowledgebase import QUESTIONS_FILE, ROLES_FILE, KnowledgeBase
from careerfit.record import field, record
from careerfit.schema import (
    Comparison,
    Credential,
    Dimension,
    Question,
    QuestionsFile,
    Role,
    RolesFile,
    Source,
    iter_cites,
    validation_adapter,
)
from careerfit.yamlfile import YamlDocument, YamlProblem, read_yaml


def load(directory: Path) -> KnowledgeBase:
    """Load and validate ``directory``; raise DataError listing every problem found."""
    kb, problems = _load(directory)
    if problems or kb is None:
        raise DataError(problems)
    return kb


def validate(directory: Path) -> list[Problem]:
    """Every problem in the knowledge base at ``directory`` (empty when it is valid)."""
    return _load(directory)[1]


def _load(directory: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    if not directory.is_dir():
        return None, [
            Problem(
                str(directory),
                None,
                "",
                "is not a directory; pass a folder holding "
                f"{ROLES_FILE} and {QUESTIONS_FILE} to --data",
            )
        ]
    roles_path, questions_path = directory / ROLES_FILE, directory / QUESTIONS_FILE
    problems: list[Problem] = []
    roles = _parse(roles_path, RolesFile, problems)
    questions = _parse(questions_path, QuestionsFile, problems)
    if roles is not None:
        problems.extend(_check_roles(roles, str(roles_path), questions))
    if questions is not None:
        problems.extend(_check_questions(questions, str(questions_path), roles))
    if problems or roles is None or questions is None:
        return None, problems
    import hashlib

    digest = hashlib.sha256(roles_path.read_bytes() + b"\0" + questions_path.read_bytes())
    # The declared version says which edition; the digest tells two copies of it apart once
    # anyone edits either file, which is what resuming a quiz needs to know.
    version = f"{roles.model.version}+{digest.hexdigest()[:12]}"
    return KnowledgeBase(directory, roles.model, questions.model, version), []


# The list sections of each file, validated item by item when the whole file is not valid,
# so that one typo does not hide every cross-reference problem elsewhere in the file.
_SECTIONS: dict[type, dict[str, type]] = {
    RolesFile: {
        "sources": Source,
        "credentials": Credential,
        "roles": Role,
        "comparisons": Comparison,
    },
    QuestionsFile: {"dimensions": Dimension, "questions": Question},
}


@record
class _Partial:
    """The valid items of each list section of a file that is not valid as a whole."""

    sources: list[Source] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


@record
class _Parsed:
    """A file's model (built from its valid items only, when some are not) and its YAML."""

    model: Any
    doc: YamlDocument
    index: dict[str, list[int]]

    def items(self, section: str) -> Iterator[tuple[int, Any]]:
        """The valid items of a section with their index in the file as written."""
        return zip(self.index[section], getattr(self.model, section), strict=True)

    def raw_ids(self, section: str) -> list[Any]:
        """The ``id`` of every item as written, valid or not."""
        raw = self.doc.data.get(section)
        return (
            [x.get("id") if isinstance(x, dict) else None for x in raw]
            if isinstance(raw, list)
            else []
        )


def _parse(path: Path, model: Any, problems: list[Problem]) -> _Parsed | None:
    from pydantic import ValidationError

    try:
        doc = read_yaml(path)
    except YamlProblem as err:
        problems.append(Problem(str(path), err.line, "", err.message))
        return None
    for key_path, line in doc.duplicates:
        problems.append(
            Problem(
                str(path),
                line,
                _dotted(key_path, doc.data),
                "is written twice in the same mapping; keep one "
                "(YAML would silently drop the first)",
            )
        )
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                str(path),
                1,
                "",
                "must be a YAML mapping at the top level; see docs/knowledge-base.md",
            )
        )
        return None
    sections = _SECTIONS[model]
    try:
        parsed = validation_adapter(model).validate_python(doc.data)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            loc = tuple(e["loc"])
            problems.append(
                Problem(str(path), doc.line_of(loc), _dotted(loc, doc.data), _explain(e))
            )
        return _partial(model, doc, sections)
    return _Parsed(
        parsed, doc, {name: list(range(len(getattr(parsed, name)))) for name in sections}
    )


def _partial(model: Any, doc: YamlDocument, sections: dict[str, type]) -> _Parsed:
    """The valid items of each list section, for cross-checks; errors are already reported."""
    from pydantic import ValidationError

    kept: dict[str, list[Any]] = {}
    index: dict[str, list[int]] = {}
    for name, item_model in sections.items():
        kept[name], index[name] = [], []
        raw = doc.data.get(name)
        for i, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                kept[name].append(validation_adapter(item_model).validate_python(item))
            except ValidationError:
                continue
            index[name].append(i)
    return _Parsed(_Partial(**kept), doc, index)


def _explain(error: Any) -> str:
    """A pydantic error in words that say how to fix it."""
    kind, msg = error["type"], error["msg"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return (
            "is not a known field (a typo?); see docs/knowledge-base.md for the fields allowed here"
        )
    if kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
        return "is required but missing; add it"
    if kind == "enum":
        return f"has {error['input']!r}; use one of {error['ctx']['expected']}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"has {error['input']!r}: {msg[0].lower()}{msg[1:]}"
    return f"{msg[0].lower()}{msg[1:]} (got {error.get('input')!r})"


def _dotted(loc: tuple[Any, ...], data: Any) -> str:
    """``roles[3] (paralegal).duties[2].kind`` from a location tuple, naming ids where known."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str) and loc[0] == "roles":
                out += f" ({node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


@record
class _Report:
    """Makes problems for one file, turning a location tuple into its line and field path."""

    file: str
    doc: YamlDocument

    def at(self, loc: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.file, self.doc.line_of(loc), _dotted(loc, self.doc.data), message)

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


def _check_roles(parsed: _Parsed, file: str, questions: _Parsed | None) -> Iterator[Problem]:
    """Rules that span more than one object: ids, references, citations, fit keys.

    Existence is judged against every id *written* in the file, valid or not, so an item
    that failed validation (already reported) does not also show up as "missing".
    """
    report = _Report(file, parsed.doc)
    yield from report.duplicates(parsed.raw_ids("sources"), ("sources",), "source id")
    yield from report.duplicates(parsed.raw_ids("credentials"), ("credentials",), "credential id")
    yield from report.duplicates(parsed.raw_ids("roles"), ("roles",), "role id")
    role_ids = {i for i in parsed.raw_ids("roles") if isinstance(i, str)}
    credential_ids = {i for i in parsed.raw_ids("credentials") if isinstance(i, str)}
    source_ids = {i for i in parsed.raw_ids("sources") if isinstance(i, str)}
    sources = {s.id: s for _, s in parsed.items("sources")}
    yield from _check_sources(parsed, report)
    judged = (
        {d.id for _, d in questions.items("dimensions") if d.derived is None}
        if questions is not None
        else None
    )
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
    names: dict[str, str] = {}
    for i, role in parsed.items("roles"):
        at: tuple[Any, ...] = ("roles", i)
        for j, name in enumerate((role.title, *role.aliases)):
            key = name.casefold()
            if names.setdefault(key, role.id) != role.id:
                yield report.at(
                    (*at, "title") if j == 0 else (*at, "aliases", j - 1),
                    f"{name!r} already names role '{names[key]}'; "
                    "titles and aliases must each name one role",
                )
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
            if move.to not in role_ids:
                yield report.unknown((*at, "moves", j, "to"), move.to, role_ids, "role")
            elif move.to == role.id:
                yield report.at(
                    (*at, "moves", j, "to"), "a role cannot move to itself; name another role"
                )
        for j, cred in enumerate(role.credentials):
            if cred.credential not in credential_ids:
                yield report.unknown(
                    (*at, "credentials", j, "credential"),
                    cred.credential,
                    credential_ids,
                    "credential",
                )
        if judged is not None:
            for key in sorted(set(role.fit) - judged):
                yield report.at(
                    (*at, "fit", key),
                    f"'{key}' is not a judged dimension of questions.yaml; "
                    f"use: {', '.join(sorted(judged))}",
                )
            for key in sorted(judged - set(role.fit)):
                yield report.at(
                    (*at, "fit"),
                    f"has no level for dimension '{key}'; add it (0-4, with why and cite)",
                )
    for i, comparison in parsed.items("comparisons"):
        for j, rid in enumerate(comparison.roles):
            if rid not in role_ids:
                yield report.unknown(("comparisons", i, "roles", j), rid, role_ids, "role")


def _check_sources(parsed: _Parsed, report: _Report) -> Iterator[Problem]:
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


def _check_questions(parsed: _Parsed, file: str, roles: _Parsed | None) -> Iterator[Problem]:
    """Question-bank rules that span objects: dimension, question and credential references."""
    report = _Report(file, parsed.doc)
    yield from report.duplicates(parsed.raw_ids("dimensions"), ("dimensions",), "dimension id")
    yield from report.duplicates(parsed.raw_ids("questions"), ("questions",), "question id")
    dims = {i for i in parsed.raw_ids("dimensions") if isinstance(i, str)}
    question_ids = {i for i in parsed.raw_ids("questions") if isinstance(i, str)}
    credential_ids = (
        {i for i in roles.raw_ids("credentials") if isinstance(i, str)} if roles else None
    )
    if sum(d.derived is not None for _, d in parsed.items("dimensions")) > 1:
        yield report.at(("dimensions",), "only one dimension can be derived from duty tags")
    questions = list(parsed.items("questions"))
    for i, q in questions:
        for j, option in enumerate(q.options):
            for dim in option.moves:
                if dim not in dims:
                    yield report.unknown(
                        ("questions", i, "options", j, "moves", dim), dim, dims, "dimension"
                    )
            if credential_ids is not None and option.credential not in (None, *credential_ids):
                yield report.unknown(
                    ("questions", i, "options", j, "credential"),
                    str(option.credential),
                    credential_ids,
                    "credential",
                )
        if q.reverse_of is not None and q.reverse_of not in question_ids:
            yield report.unknown(
                ("questions", i, "reverse_of"), q.reverse_of, question_ids, "question"
            )
    if len(questions) == len(parsed.raw_ids("questions")):
        for record in ("education", "study"):
            count = sum(q.records == record for _, q in questions)
            if count != 1:
                yield report.at(
                    ("questions",), f"needs exactly one question recording '{record}', has {count}"
                )
