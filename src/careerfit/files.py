"""Files: writing what the user asked for atomically, and reading data files with limits.

Writes go to a temp file in the same folder, then a rename.

An interrupted write never leaves half a file, and an existing file is only replaced when
the user said so.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from careerfit.errors import OutputError, OutputExists, YamlProblem

# The largest knowledge-base or answers file careerfit reads (SECURITY.md, "Limits in force").
MAX_BYTES = 5 * 1024 * 1024


def check_writable(path: Path, force: bool = False) -> None:
    """Fail early, before any work, if ``path`` could not be written.

    A device or a named pipe (``-o /dev/null``) is written into, never replaced, so it
    needs no ``--force``; a symbolic link is followed, and its target is what is replaced.
    """
    if str(path) in ("", "."):
        raise OutputError(path, "No file name was given; name the file to write, e.g. report.md.")
    if path.is_dir():
        raise OutputError(path, f"{path} is a folder; give a file name, e.g. {path / 'report.md'}.")
    if _is_stream(path):
        return
    if path.exists() and not force:
        raise OutputExists(path)
    folder = path.resolve().parent
    if folder.exists() and not folder.is_dir():
        raise OutputError(path, f"{folder} is a file, not a folder; choose another path.")
    if not folder.is_dir():
        raise OutputError(
            path, f"The folder {folder} does not exist. Create it first, or choose another path."
        )


def _is_stream(path: Path) -> bool:
    """A character or block device, or a named pipe: something to write into, not replace."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode)


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` in one step; refuse to overwrite unless ``force``."""
    with atomic_writer(path, force) as handle:
        handle.write(text)


@contextmanager
def atomic_writer(path: Path, force: bool = False) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only once everything was written.

    Writes go to a temporary file in the same folder, flushed to disk, then put in place:
    without ``force`` by a hard link, which fails if the name was taken meanwhile (another
    window exporting to the same name), so a file that appears while this one is written is
    never replaced; with ``force`` by a rename over it. If anything fails or is interrupted
    (Ctrl-C, SIGTERM) the temporary file is removed and the target is left as it was.
    Streams of any length pass through without being held in memory. A device or a named
    pipe is written into directly.
    """
    check_writable(path, force)
    if _is_stream(path):
        with _writing(path), path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    target = path.resolve()  # a symbolic link stays; the file it points to is replaced
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(
            path, f"Cannot write in {folder} ({err.strerror}). Choose a folder you can write to."
        ) from None
    try:
        with _writing(path), os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _place(Path(tmp), target, path, force)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _place(tmp: Path, target: Path, asked: Path, force: bool) -> None:
    """Put the finished temporary file at ``target``; replace a file there only if ``force``."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExists(asked) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise OutputExists(asked) from None
        os.replace(tmp, target)


# What the system says when a file cannot be written for lack of room or permission.
_NO_ROOM = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a full disk or a file-size limit while writing into a message, not a crash."""
    try:
        yield
    except OSError as err:
        if err.errno not in _NO_ROOM:
            raise
        raise OutputError(
            path,
            f"Could not finish writing {path} ({err.strerror}); nothing was left half-written. "
            "Free some disk space (or raise the file-size limit) and run the command again.",
        ) from None


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; YamlProblem for anything else.

    The file is opened without blocking and checked on the open handle, before a byte is
    read: a named pipe would otherwise wait for a writer for ever, and a device such as
    /dev/zero would be read until memory ran out. A file that grows past the limit while
    it is read is refused too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise YamlProblem(None, "file not found; check the path") from None
    except OSError as err:
        raise YamlProblem(None, f"cannot be read ({err.strerror}); check its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(
                None, "is not a regular file (a folder, a device or a pipe); point to a YAML file"
            )
        if info.st_size > limit:
            raise YamlProblem(None, _too_big(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise YamlProblem(None, f"cannot be read ({err.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise YamlProblem(None, _too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"is {size:,} bytes, over the {limit:,}-byte limit for careerfit's YAML "
        "files; split it or remove what does not belong in it"
    )
