"""Citations: every fact in a knowledge base says where it comes from, as ``SOURCE:LINE``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from careerfit.records import Record

CITE_RE = re.compile(
    r"^(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*):(?P<first>[1-9]\d*)(?:-(?P<last>[1-9]\d*))?$"
)


class Cite(str):
    """A citation ``SOURCE:LINE`` or ``SOURCE:FIRST-LAST``, e.g. ``s001:57-60``.

    Kept as a string in YAML so that a fact and its citation fit on one line; parsed here so
    that a malformed citation is a validation error, not a silent dead link.
    """

    @property
    def source(self) -> str:
        """The id of the cited source."""
        return CITE_RE.match(self).group("source")  # type: ignore[union-attr]

    @property
    def lines(self) -> tuple[int, int]:
        """First and last cited line (equal for a single line)."""
        m = CITE_RE.match(self)
        assert m is not None
        first = int(m.group("first"))
        return first, int(m.group("last") or first)


def iter_cites(
    obj: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Cite]]:
    """Every citation inside a model with its location, depth first.

    One walker serves both the derived "sources" of a role and the loader's check that each
    citation points at a real source line.
    """
    if isinstance(obj, Cite):
        yield path, obj
    elif isinstance(obj, Record):
        for name in obj._fields:
            yield from iter_cites(getattr(obj, name), (*path, name))
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from iter_cites(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from iter_cites(item, (*path, key))
