"""One exception hierarchy for everything a user can get wrong.

Every error carries its exit code and a message that names the problem and the fix, so the
CLI has exactly one place that turns errors into output and exit codes, and no user ever
sees a traceback for something they can correct.
"""

from __future__ import annotations

from enum import IntEnum

from careerfit.records import record


class ExitCode(IntEnum):
    """Exit codes careerfit uses; documented in the README."""

    OK = 0
    FAILURE = 1  # e.g. validation found problems
    USAGE = 2  # a bad argument: unknown role, invalid option value
    DATA = 3  # the knowledge base or an input file cannot be used
    STORAGE = 4  # the answers store cannot be read or written
    INTERNAL = 70  # a bug in careerfit (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class CareerfitError(Exception):
    """An error the user can act on; ``str(err)`` is the whole message."""

    exit_code: ExitCode = ExitCode.FAILURE


class UsageError(CareerfitError):
    """A command-line argument names something that does not exist or is malformed."""

    exit_code = ExitCode.USAGE


@record
class Problem:
    """One problem found in a data file: where it is, what is wrong, how to fix it."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class DataError(CareerfitError):
    """A knowledge base (or answers file) has problems; all of them are listed, not just one."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem], what: str = "knowledge base") -> None:
        self.problems = problems
        self.what = what
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"The {what} has {count} problem{'s' if count != 1 else ''}:\n{lines}")
