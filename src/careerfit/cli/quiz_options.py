"""The options and arguments of the quiz commands, declared once for all of them.

Their help text is what ``careerfit quiz --help`` and the other commands' help show.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

SessionArg = Annotated[
    int | None,
    typer.Argument(
        metavar="N",
        help="Quiz number from 'careerfit history' (default: the latest).",
        show_default=False,
    ),
]
TopOption = Annotated[
    int,
    typer.Option("--top", min=1, metavar="N", help="How many roles to list in the ranking."),
]


class ExportFormat(StrEnum):
    """Formats a report can be written in."""

    markdown = "markdown"
    json = "json"


AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Score an answers file instead of asking (write one with "
        "'careerfit answers template'). Nothing is stored.",
        show_default=False,
    ),
]
WhatIfOption = Annotated[
    list[str] | None,
    typer.Option(
        "--what-if",
        metavar="QUESTION=ANSWER",
        help="Re-rank your latest quiz (or the --answers file) with an answer changed, "
        "without storing it, e.g. --what-if degree=associate. Repeat to change several.",
        show_default=False,
    ),
]
RestartOption = Annotated[
    bool,
    typer.Option(
        "--restart",
        help="Start afresh instead of offering to resume (an unfinished quiz is set aside "
        "with its answers; --resume N takes it up again).",
    ),
]
FullOption = Annotated[
    bool,
    typer.Option(
        "--full",
        help="Ask every question, in order, instead of stopping once your top match is settled.",
    ),
]
ResumeOption = Annotated[
    int | None,
    typer.Option(
        "--resume",
        metavar="N",
        help="Carry on with quiz N from 'careerfit history', even one set aside.",
        show_default=False,
    ),
]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        metavar="FILE",
        help="Also write the results as a report: Markdown, or JSON if the name ends "
        "in .json. '-' writes it to standard output.",
        show_default=False,
    ),
]
