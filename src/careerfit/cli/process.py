"""The careerfit process: run the command, then end without Python's teardown.

What it buys: Python's own shutdown frees every module and object one by one, and with
Typer, pydantic and Rich loaded that took longer than most commands (about 30 ms, measured
by benchmarks/perf.py). careerfit has nothing left to clean up by then: answers are
committed as they are given and files are written atomically. So once the command has
finished, exit hooks run, output is flushed, and the process ends.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from typing import NoReturn

from careerfit.cli.app import app, cannot_write
from careerfit.errors import ExitCode


def main() -> None:
    """Console-script entry point: run the command, then end the process at once.

    Before it runs: a closed standard output or error becomes a stream that fails with
    "Bad file descriptor" when written (so only a command that needs it fails, with a
    message rather than a crash), and SIGTERM ends the command the way Ctrl-C does, through
    the same clean-up (a half-written temporary file is removed; answers are already saved).
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, _Closed(name))
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except OSError as err:  # printing --help or --version, before any command runs
        _say(cannot_write(err))
        code = ExitCode.FAILURE
    _end(code)


class _Closed(io.TextIOBase):
    """Stands in for a standard stream the process was started without."""

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, f"standard {self.name[3:]}put is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, f"standard {self.name[3:]}put is closed")


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM: unwind like an interruption, with the conventional status 128 + 15."""
    raise SystemExit(128 + signum)


def _say(text: str) -> None:
    """A last message on stderr, if there is anywhere to write it."""
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr)


def _exit_code(code: object) -> int:
    """The exit status ``sys.exit(code)`` would give (printing a message, as it does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _end(code: int) -> NoReturn:
    """Run exit hooks, flush output, and end the process without interpreter teardown."""
    import atexit

    atexit._run_exitfuncs()  # what normal shutdown would run first; there is no public name
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (careerfit roles | head -1)
        code = code or ExitCode.FAILURE
    except (OSError, ValueError) as err:
        if isinstance(err, OSError):
            _say(cannot_write(err))
        code = code or ExitCode.FAILURE
    try:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
    finally:
        os._exit(code)
