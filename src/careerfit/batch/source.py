"""Opening responses for ``careerfit score``: the bytes of a file or of stdin, as lines of text.

Responses come from spreadsheets, scripts and other people's machines, so their bytes are
not trusted to be what the documentation asks (UTF-8). What is read here, and why:

- a UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped silently;
- UTF-16 and UTF-32 (a byte-order mark, or UTF-16 without one: text with a NUL byte
  beside every ASCII letter, as Windows PowerShell's ``>`` writes) are decoded: refusing
  text that can be read without doubt helps nobody;
- a byte that cannot be decoded never stops the run: it is kept in the line as a lone
  surrogate (the ``careerfit.undecodable`` error handler, a ``surrogateescape`` that also
  takes the bytes below 0x80 a UTF-16 decoder can refuse), so the readers can report that
  line as an invalid row, with its number, and score the others (:func:`undecodable`).
  Stdin cannot be read twice, and results may already be written, so one bad line must not
  cost the rest.

When no format is given and the file name does not say, the first line that is not blank
says: a JSON line starts with ``{`` and ends with ``}`` (or is an array, ``[...]``), a CSV
header does neither.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import IO, NamedTuple

from careerfit.errors import DataError, Problem

UNDECODABLE = "careerfit.undecodable"
_MARKED = re.compile("[\udc00-\udcff]")  # what the handler puts in place of a byte
STDIN = "stdin"  # how messages name standard input


def _mark(err: UnicodeError) -> tuple[str, int]:
    """Keep each byte that cannot be decoded as a lone surrogate, U+DC00 + its value."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), err.end


codecs.register_error(UNDECODABLE, _mark)


def undecodable(text: str, encoding: str = "UTF-8") -> str | None:
    """What is wrong with a line that holds bytes ``encoding`` cannot decode, if it does."""
    if text.isascii():  # constant time: the usual line pays nothing
        return None
    found = _MARKED.search(text)
    if found is None:
        return None
    byte = ord(found.group()) - 0xDC00
    return (
        f"is not {encoding} text (byte 0x{byte:02x} cannot be read); careerfit reads "
        "responses as UTF-8: save them as UTF-8 (in Excel: 'CSV UTF-8') and run again"
    )


class Responses(NamedTuple):
    """Responses opened for reading: their lines, and what was found out about them."""

    name: str  # as messages name them: the file's name, or "stdin"
    lines: Iterator[str]  # lines of text, line endings kept
    kind: str  # "csv" or "jsonl"
    encoding: str  # what the bytes were read as: "UTF-8", "UTF-16" or "UTF-32"
    counted: _Counted  # bytes read so far, for a progress bar
    size: int | None  # bytes in all, when the responses are a file


def display_name(path: Path) -> str:
    """How messages name a responses file: its name, or "stdin" for '-'."""
    return STDIN if str(path) == "-" else path.name


@contextmanager
def opened(path: Path, kind: str | None) -> Iterator[Responses]:
    """The responses at ``path`` ('-': stdin) as lines of text, in ``kind`` or the one found."""
    name = display_name(path)
    if str(path) == "-":
        binary = getattr(sys.stdin, "buffer", None)
        if binary is None:
            raise _unreadable(name, "standard input is closed", "give a responses file instead")
        yield _decoded(name, binary, kind, None)
        return
    try:
        handle = path.open("rb")
        size = path.stat().st_size
    except OSError as err:
        raise _unreadable(name, err.strerror or str(err), "check the path") from None
    with handle:
        yield _decoded(name, handle, kind, size)


def _unreadable(name: str, why: str, fix: str) -> DataError:
    return DataError([Problem(name, None, "", f"cannot be read ({why}); {fix}")], "responses file")


# Byte-order marks, longest first (a UTF-32 little-endian mark starts like UTF-16's).
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def encoding_of(head: bytes) -> tuple[int, str, str]:
    """From the first four bytes: the length of the byte-order mark, the codec, its name."""
    for mark, codec, name in _MARKS:
        if head.startswith(mark):
            return len(mark), codec, name
    pairs = [head[i : i + 2] for i in range(0, len(head) - 1, 2)]
    if pairs and all(p[0] and not p[1] for p in pairs):  # b'{\0"\0': UTF-16 little-endian
        return 0, "utf-16-le", "UTF-16"
    if pairs and all(p[1] and not p[0] for p in pairs):
        return 0, "utf-16-be", "UTF-16"
    return 0, "utf-8", "UTF-8"


def _decoded(name: str, binary: IO[bytes], kind: str | None, size: int | None) -> Responses:
    head = b""
    while len(head) < 4 and (more := binary.read(4 - len(head))):
        head += more
    skip, codec, encoding = encoding_of(head)
    counted = _Counted(head[skip:], binary)
    text = io.TextIOWrapper(
        io.BufferedReader(counted, 1 << 16), encoding=codec, errors=UNDECODABLE, newline=""
    )
    seen: list[str] = []
    if kind is None:
        kind = "jsonl"  # what an empty or blank input is called; it has no rows either way
        for line in text:
            seen.append(line)
            if first := line.strip():  # either end: a stray byte may take the other
                kind = "jsonl" if first[0] in "{[" or first[-1] in "}]" else "csv"
                break
    return Responses(name, chain(seen, text), kind, encoding, counted, size)


class _Counted(io.RawIOBase):
    """The bytes after the few read to find the encoding, then the rest, counted."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self.head = head
        self.rest = rest
        self.count = 0
        self.read_some = getattr(rest, "read1", rest.read)  # one read: a pipe never waits

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with what comes next; 0 at the end."""
        if self.head:
            chunk, self.head = self.head[: len(buffer)], self.head[len(buffer) :]
        else:
            chunk = self.read_some(len(buffer))
        size = len(chunk)
        buffer[:size] = chunk
        self.count += size
        return size
