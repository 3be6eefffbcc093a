"""Every error careerfit reports to a person, in one hierarchy, with its exit code.

Core code raises these to *describe* what is wrong ("no role called 'legal clark'"), with the
details as attributes. Only the command line knows which flag or command fixes it, so it
adds that sentence (see :mod:`careerfit.cli.fixes`); the core stays usable from Python and
from tests without any mention of a command line.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from careerfit.records import record


class ExitCode(IntEnum):
    """Exit codes careerfit uses; documented in the README."""

    OK = 0
    FAILURE = 1  # e.g. validation found problems, or input ended early
    USAGE = 2  # a bad argument: unknown role, invalid option value
    DATA = 3  # the knowledge base or an input file cannot be used
    STORAGE = 4  # the answers store cannot be read or written
    INTERNAL = 70  # a bug in careerfit (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class CareerfitError(Exception):
    """An error the user can act on; ``str(err)`` describes the problem."""

    exit_code: ExitCode = ExitCode.FAILURE


class UsageError(CareerfitError):
    """Something the person asked for does not exist or is malformed."""

    exit_code = ExitCode.USAGE


class UnknownRole(UsageError):
    """No role has this id, title or alias."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No role called {name!r}.{hint}")


class SameRoleTwice(UsageError):
    """A comparison names fewer than two different roles."""

    def __init__(self) -> None:
        super().__init__("A comparison needs at least two different roles.")


class UnknownSession(UsageError):
    """No stored quiz has this number (``None``: there is no quiz at all yet)."""

    def __init__(self, numbers: list[int] | None) -> None:
        self.numbers = numbers
        if numbers is None:
            super().__init__("No quiz has been taken yet on this machine.")
        else:
            listed = ", ".join(map(str, numbers))
            super().__init__(f"There is no quiz {listed}.")


class SessionBusy(UsageError):
    """The quiz is being answered in another window right now."""

    def __init__(self, session: int) -> None:
        self.session = session
        super().__init__(f"Quiz {session} is being answered in another window.")


class UnknownQuestion(UsageError):
    """A question named in a change of answer does not exist, or the change is malformed."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        super().__init__(f"{spec!r} is not QUESTION=ANSWER with a known question.")


class AnswerRejected(UsageError):
    """An answer that does not fit its question; the message says what would."""


class InvalidReply(UsageError):
    """A reply typed at the quiz prompt that means nothing there; the message says what would."""


class OutputError(UsageError):
    """A file cannot be written where the person asked."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class OutputExists(OutputError):
    """The output file exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"{path} already exists.")


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
    """A knowledge base or input file has problems; all of them are listed, not just one."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem], what: str = "knowledge base") -> None:
        self.problems = problems
        self.what = what
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"The {what} has {count} problem{'s' if count != 1 else ''}:\n{lines}")


class YamlProblem(CareerfitError):
    """A file that cannot be read as YAML at all; carries the line where it went wrong."""

    exit_code = ExitCode.DATA

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class StorageError(CareerfitError):
    """The answers store cannot be opened, read or written; the message says how to fix it."""

    exit_code = ExitCode.STORAGE


class QuizStopped(CareerfitError):
    """The interactive quiz ended before its last question; every answer given is saved.

    ``finished``: the quiz had already finished, and the person was answering a few more
    questions to sharpen the ranking; it stays finished, with the extra answers counted.
    """

    def __init__(self, answered: int, interrupted: bool, finished: bool = False) -> None:
        self.answered = answered
        self.interrupted = interrupted
        self.finished = finished
        self.exit_code = ExitCode.INTERRUPTED if interrupted else ExitCode.FAILURE
        if finished:
            what = "Stopped." if interrupted else "Input ended."
            what += " The quiz is finished"
        else:
            what = "Stopped." if interrupted else "Input ended before the quiz finished."
        saved = (
            "Nothing was answered yet."
            if answered == 0
            else "Your answer is saved."
            if answered == 1
            else f"Your {answered} answers are saved."
        )
        if finished:
            saved = f"and your {answered} answers are saved, the extra ones included."
        super().__init__(f"{what} {saved}")


class SessionInUse(UsageError):
    """Quizzes asked to be deleted are being answered in another window; none was deleted."""

    def __init__(self, sessions: list[int]) -> None:
        self.sessions = sessions
        listed = ", ".join(map(str, sessions))
        which = f"Quiz {listed} is" if len(sessions) == 1 else f"Quizzes {listed} are"
        super().__init__(
            f"{which} being answered in another window, so nothing was deleted. Finish or "
            "close the quiz there first."
        )


class SessionDeleted(StorageError):
    """The quiz being answered was deleted meanwhile by another careerfit (another window)."""

    def __init__(self, session: int) -> None:
        self.session = session
        super().__init__(
            f"Quiz {session} was deleted in another window, so this answer could not be "
            "saved. Start a new quiz to carry on."
        )
