"""Read YAML safely, remembering the line every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys.
Both matter here: an error must say which line to fix, and a duplicated key in a
hand-edited file is almost always a mistake. So we read the *event stream* of the safe
parser (libyaml's C one when present) and build plain Python values ourselves, in one
iterative pass that records ``path -> line`` as it goes.

Every file is treated as hostile. The limits below are documented in SECURITY.md:

* ``MAX_BYTES``: a knowledge-base or answers file larger than this is refused unread;
* ``MAX_DEPTH``: nesting deeper than this is refused (the real format needs about 6);
* ``MAX_ALIASED``: values repeated through aliases are counted, and more than this many is
  refused, which stops alias-expansion ("billion laughs") bombs however the aliases are
  arranged (values written out plainly are already bounded by ``MAX_BYTES``);
* no tag can construct anything: only plain strings, numbers, booleans and null are read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerfit.errors import YamlProblem
from careerfit.files import MAX_BYTES, read_limited

MAX_DEPTH = 32
MAX_ALIASED = 100_000

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_CONTAINER_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_BOOL, _STR = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:str"


class YamlDocument:
    """The plain data of a YAML file plus where each value and key was written.

    Filled in by the reader as events arrive, so a plain mutable class.
    """

    def __init__(self, data: Any = None) -> None:
        self.data = data
        self.lines: dict[Path_, int] = {}
        self.duplicates: list[tuple[Path_, int]] = []

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
    """Parse ``path`` into plain data with line numbers; raise YamlProblem if unusable."""
    return parse_yaml(read_limited(path, MAX_BYTES))


def parse_yaml(raw: bytes) -> YamlDocument:
    """Parse YAML bytes (see :func:`read_yaml`)."""
    import yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(line, "is not UTF-8 text; save it with UTF-8 encoding") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblem(line, "contains a NUL character, so it is not a text file")
    try:
        return _Builder(text).run()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        at = mark.line + 1 if mark else None
        what = err.problem or "invalid YAML"
        hint = (
            " (YAML allows no tab characters for indentation: use spaces)" if "\t" in text else ""
        )
        raise YamlProblem(
            at, f"is not valid YAML: {what}{hint}; fix the indentation or quoting near this line"
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem(
            None, f"is not valid YAML ({err}); fix it or start from a copy of data/"
        ) from None


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "key", "key_line", "line", "path", "seen", "size", "value")

    def __init__(self, value: Any, path: Path_, line: int, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.line = line
        self.anchor = anchor
        self.key: str | None = None
        self.key_line = 0
        self.seen: set[str] = set()
        self.size = 1


class _Builder:
    """Builds plain values from the safe parser's events, without recursion."""

    def __init__(self, text: str) -> None:
        import yaml

        self.yaml = yaml
        self.loader = _loader_class()(text)
        self.doc = YamlDocument(data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0

    def run(self) -> YamlDocument:
        """Build the document from the parser's events, one at a time, without recursion."""
        yaml = self.yaml
        stack: list[_Frame] = []
        documents = 0
        try:
            while True:
                event = self.loader.get_event()
                line = event.start_mark.line + 1
                if isinstance(event, yaml.StreamEndEvent):
                    break
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise YamlProblem(line, "holds more than one YAML document; keep one")
                elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    self._open(stack, event, line)
                elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    frame = stack.pop()
                    if frame.anchor:
                        self.anchors[frame.anchor] = (frame.value, frame.size)
                    self._place(stack, frame.value, frame.size, frame.path, frame.line)
                elif isinstance(event, yaml.AliasEvent):
                    self._alias(stack, event, line)
                elif isinstance(event, yaml.ScalarEvent):
                    self._scalar_event(stack, event, line)
        finally:
            self.loader.dispose()
        if documents == 0 or (self.doc.data is None and not self.doc.lines):
            raise YamlProblem(1, "is empty; it must hold a YAML mapping")
        return self.doc

    def _open(self, stack: list[_Frame], event: Any, line: int) -> None:
        """A mapping or sequence starts: refuse tags and deep nesting, then push a frame."""
        if event.tag not in _CONTAINER_TAGS:
            raise YamlProblem(
                line,
                f"uses the YAML tag {event.tag!r}, which careerfit never allows "
                "(tags can make YAML build program objects); remove the tag",
            )
        if len(stack) >= MAX_DEPTH:
            raise YamlProblem(
                line, f"nests deeper than {MAX_DEPTH} levels; careerfit's files need far fewer"
            )
        path = self._child_path(stack, line)
        empty: Any = {} if isinstance(event, self.yaml.MappingStartEvent) else []
        stack.append(_Frame(empty, path, line, event.anchor))

    def _alias(self, stack: list[_Frame], event: Any, line: int) -> None:
        """An alias repeats an anchored value; repeated values are counted against the limit."""
        if event.anchor not in self.anchors:
            raise YamlProblem(
                line, f"uses the alias *{event.anchor} before its anchor; define it first"
            )
        value, size = self.anchors[event.anchor]
        self._count(size, line)
        self._place(stack, value, size, self._child_path(stack, line), line)

    def _scalar_event(self, stack: list[_Frame], event: Any, line: int) -> None:
        """A plain value: a mapping's next key, or a value placed where it belongs."""
        value = self._scalar(event, line)
        if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
            self._key(stack[-1], value, line)
            return
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(stack, value, 1, self._child_path(stack, line), line)

    def _count(self, n: int, line: int) -> None:
        self.count += n
        if self.count > MAX_ALIASED:
            raise YamlProblem(
                line,
                f"repeats more than {MAX_ALIASED:,} values through anchors and aliases (an "
                "alias bomb?); write the data out plainly",
            )

    def _child_path(self, stack: list[_Frame], line: int) -> Path_:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.value, dict):
            if top.key is None:
                raise YamlProblem(line, "uses a list or mapping as a key; keys must be plain words")
            return (*top.path, top.key)
        return (*top.path, len(top.value))

    def _key(self, frame: _Frame, value: Any, line: int) -> None:
        if isinstance(value, bool) or value is None or not isinstance(value, str | int | float):
            value = "null" if value is None else value
        key = str(value)
        frame.key, frame.key_line = key, line
        if key in frame.seen:
            self.doc.duplicates.append(((*frame.path, key), line))
        frame.seen.add(key)

    def _place(self, stack: list[_Frame], value: Any, size: int, path: Path_, line: int) -> None:
        if not stack:
            self.doc.data = value
            self.doc.lines.setdefault((), line)
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.value, dict):
            assert top.key is not None
            if top.key not in top.value:  # a duplicate key is reported; the first one stays
                top.value[top.key] = value
                self.doc.lines[(*top.path, top.key)] = top.key_line
            top.key = None
        else:
            self.doc.lines[path] = line
            top.value.append(value)

    def _scalar(self, event: Any, line: int) -> Any:
        yaml = self.yaml
        if event.tag == "tag:yaml.org,2002:merge" or (event.value == "<<" and event.implicit[0]):
            raise YamlProblem(line, "uses a '<<' merge key; write the keys out")
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise YamlProblem(
                line,
                f"uses the YAML tag {tag!r}, which careerfit never allows (tags can make YAML "
                "build program objects); remove the tag",
            )
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _BOOL and event.value.lower() not in ("true", "false"):
                tag = _STR  # YAML 1.2: yes/no/on/off are words (a title "No", an answer "yes")
        if tag not in _PLAIN_TAGS:
            raise YamlProblem(
                line,
                f"has {event.value!r}, read as YAML type {tag.rsplit(':', 1)[-1]!r}, which "
                "careerfit does not allow; put the value in quotes to make it plain text",
            )
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.loader.construct_object(node)
