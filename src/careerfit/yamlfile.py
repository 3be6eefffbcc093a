"""Read YAML safely, remembering the line every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys.
Both matter here: an error must say which line to fix, and a duplicated key in a
hand-edited file is almost always a mistake. So we compose the node tree with the safe
loader (never the full one: no tag can construct Python objects), then build plain Python
values ourselves, recording ``path -> line`` as we go.

Limits guard against hostile files: a size cap, and a cap on values built, which stops
alias-expansion ("billion laughs") bombs and recursive aliases.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 200_000

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; carries the line where it went wrong."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDocument:
    """The plain data of a YAML file plus where each value and key was written."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest enclosing value we know."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def _loader_class() -> type:
    """The fastest *safe* loader available: libyaml's C one when present."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path`` into plain data with line numbers; raise YamlProblem if unreadable."""
    import yaml

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise YamlProblem(
            None, "file not found; create it or point --data at a folder that has it"
        ) from None
    except OSError as err:
        raise YamlProblem(None, f"cannot be read ({err.strerror}); check its permissions") from None
    if size > MAX_BYTES:
        raise YamlProblem(
            None,
            f"is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for a knowledge-base file; "
            "split it or remove what is not knowledge-base data",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(line, "is not UTF-8 text; save it with UTF-8 encoding") from None
    try:
        node = yaml.compose(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or "invalid YAML"
        hint = (
            " (YAML allows no tab characters for indentation: use spaces)" if "\t" in text else ""
        )
        raise YamlProblem(
            line, f"is not valid YAML: {what}{hint}; fix the indentation or quoting near this line"
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem(None, f"is not valid YAML: {err}") from None
    doc = YamlDocument(data=None)
    if node is None:
        raise YamlProblem(1, "is empty; it must hold a YAML mapping (see docs/knowledge-base.md)")
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    return doc


class _Builder:
    """Turns a composed node tree into plain values, recording lines and duplicate keys."""

    def __init__(self, doc: YamlDocument) -> None:
        import yaml

        self.doc = doc
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.yaml = yaml

    def build(self, node: Any, path: Path_) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlProblem(
                node.start_mark.line + 1,
                f"expands to more than {MAX_VALUES:,} values (anchors and aliases repeating "
                "data?); write the data out plainly",
            )
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "tag:yaml.org,2002:map")
            return dict(self._pairs(node, path))
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: Any) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                node.start_mark.line + 1,
                f"has {node.value!r}, read as YAML type {node.tag.rsplit(':', 1)[-1]!r}, which "
                "careerfit does not allow; put the value in quotes to make it plain text",
            )
        return self.constructor.construct_object(node, deep=True)

    def _pairs(self, node: Any, path: Path_) -> Iterator[tuple[str, Any]]:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise YamlProblem(
                    key_node.start_mark.line + 1, "has a key that is not a plain word"
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    key_node.start_mark.line + 1, "uses a '<<' merge key; write the keys out"
                )
            key = str(self._scalar(key_node))
            line = key_node.start_mark.line + 1
            if key in seen:
                self.doc.duplicates.append(((*path, key), line))
                continue
            seen.add(key)
            self.doc.lines[(*path, key)] = line
            yield key, self.build(value_node, (*path, key))

    def _check_tag(self, node: Any, plain: str) -> None:
        if node.tag != plain:
            raise YamlProblem(
                node.start_mark.line + 1,
                f"uses the YAML tag {node.tag!r}, which careerfit does not allow; remove the tag",
            )
