"""Writing files the user asked for, atomically: a temp file in the same folder, then a rename.

An interrupted write never leaves half a file, and an existing file is only replaced when
the user said so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from careerfit.errors import OutputError, OutputExists


def check_writable(path: Path, force: bool = False) -> None:
    """Fail early, before any work, if ``path`` could not be written."""
    if path.exists() and not force:
        raise OutputExists(path)
    if path.is_dir():
        raise OutputError(path, f"{path} is a folder; give a file name, e.g. {path / 'report.md'}.")
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise OutputError(path, f"{folder} is a file, not a folder; choose another path.")
    if not folder.is_dir():
        raise OutputError(
            path, f"The folder {folder} does not exist. Create it first, or choose another path."
        )


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` in one step; refuse to overwrite unless ``force``."""
    with atomic_writer(path, force) as handle:
        handle.write(text)


@contextmanager
def atomic_writer(path: Path, force: bool = False) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only once everything was written.

    Writes go to a temporary file in the same folder, flushed to disk, then renamed over
    the target; if anything fails (or is interrupted) the temporary file is removed and the
    target is left as it was. Streams of any length pass through without being held in
    memory.
    """
    check_writable(path, force)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(
            path, f"Cannot write in {folder} ({err.strerror}). Choose a folder you can write to."
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
