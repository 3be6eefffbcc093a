"""YAML to validated records, with every problem located by file, line and field path.

A file that is not valid as a whole is validated item by item, so that one typo does not
hide the rest of its problems, nor the cross-checks of :mod:`careerfit.kb.checks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerfit.errors import Problem, YamlProblem
from careerfit.kb.questions import Dimension, Question, QuestionsFile
from careerfit.kb.roles import Comparison, Credential, Role, RolesFile, Source
from careerfit.kb.validation import validation_adapter
from careerfit.kb.yamlread import YamlDocument, read_yaml
from careerfit.records import field, record

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
class Partial:
    """The valid items of each list section of a file that is not valid as a whole."""

    sources: list[Source] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


@record
class Parsed:
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


def parse(path: Path, model: Any, problems: list[Problem]) -> Parsed | None:
    """Read and validate one file; add its problems to ``problems``; None if unreadable."""
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
                dotted(key_path, doc.data),
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
                Problem(str(path), doc.line_of(loc), dotted(loc, doc.data), _explain(e))
            )
        return _partial(model, doc, sections)
    return Parsed(parsed, doc, {name: list(range(len(getattr(parsed, name)))) for name in sections})


def _partial(model: Any, doc: YamlDocument, sections: dict[str, type]) -> Parsed:
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
    return Parsed(Partial(**kept), doc, index)


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


def dotted(loc: tuple[Any, ...], data: Any) -> str:
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
