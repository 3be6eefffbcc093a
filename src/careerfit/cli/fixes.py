"""What to do about an error, in terms of careerfit's commands and flags.

The core describes what went wrong (:mod:`careerfit.errors`); only the command line knows
which command or flag puts it right, so that sentence is added here, in one place.
"""

from __future__ import annotations

from careerfit.errors import (
    AnswerRejected,
    CareerfitError,
    DataError,
    OutputExists,
    QuizStopped,
    SameRoleTwice,
    SessionBusy,
    UnknownQuestion,
    UnknownRole,
    UnknownSession,
)


def message(err: CareerfitError) -> str:
    """The whole message a person sees: the problem, then how to fix it."""
    if isinstance(err, UnknownQuestion | AnswerRejected):  # only --what-if raises these here
        return f"--what-if {err} {_WHAT_IF}"
    text, fix = str(err), _fix(err)
    if not fix:
        return text
    return f"{text}\n{fix}" if "\n" in text else f"{text} {fix}"


_WHAT_IF = (
    "Write it as QUESTION=ANSWER, e.g. --what-if degree=associate; 'careerfit answers "
    "template' lists every question id and its answers."
)


def _fix(err: CareerfitError) -> str | None:
    """The sentence that says how to put ``err`` right, if the command line has one."""
    if isinstance(err, UnknownRole):
        return "Run 'careerfit roles' to list every role with its id."
    if isinstance(err, SameRoleTwice):
        return "Name two different roles, e.g. 'careerfit compare paralegal legal-assistant'."
    if isinstance(err, UnknownSession):
        if err.numbers is None:
            return "Run 'careerfit quiz' first."
        return "'careerfit history' lists the quizzes."
    if isinstance(err, SessionBusy):
        return "Finish it there, or run 'careerfit quiz --restart' to start another."
    if isinstance(err, OutputExists):
        return "Use --force to replace it, or choose another name."
    if isinstance(err, QuizStopped):
        if err.finished:
            return "Run 'careerfit results' to see the ranking with them."
        if err.interrupted:
            return "Run 'careerfit quiz' to carry on where you left off."
        return (
            "Run 'careerfit quiz' in a terminal to carry on, or score a file with "
            "'careerfit quiz --answers FILE'."
        )
    if isinstance(err, DataError) and err.what == "answers file":
        return "'careerfit answers template' writes a file that lists every question and answer."
    return None
