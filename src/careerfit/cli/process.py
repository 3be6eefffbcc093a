"""The careerfit process: run the command, then end without Python's teardown.

What it buys: Python's own shutdown frees every module and object one by one, and with
Typer, pydantic and Rich loaded that took longer than most commands (about 30 ms, measured
by benchmarks/perf.py). careerfit has nothing left to clean up by then: answers are
committed as they are given and files are written atomically. So once the command has
finished, exit hooks run, output is flushed, and the process ends.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from careerfit.cli.app import app, cannot_write
from careerfit.errors import ExitCode


def main() -> None:
    """Console-script entry point: run the command, then end the process at once."""
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    _end(code)


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
        if sys.stdout is not None:  # None when started with stdout closed
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (careerfit roles | head -1)
        code = code or ExitCode.FAILURE
    except OSError as err:
        if sys.stderr is not None:
            print(cannot_write(err), file=sys.stderr)
        code = code or ExitCode.FAILURE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    finally:
        os._exit(code)
