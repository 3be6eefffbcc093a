"""The batch command: score many respondents at once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerfit import present
from careerfit.cli.app import DataOption, ForceOption, app, knowledge_base
from careerfit.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from careerfit.batch.pipeline import Progress, Summary
    from careerfit.kb.knowledge_base import KnowledgeBase


class BatchFormat(StrEnum):
    """Formats of a batch of responses."""

    jsonl = "jsonl"
    csv = "csv"


@app.command()
def score(
    ctx: typer.Context,
    responses: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Responses: JSON Lines (one object of answers per line) or CSV (a header of "
            "question ids; several answers in a cell separated by ';'). '-' reads stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Results file; '-' for standard output."
        ),
    ] = Path("-"),
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            help="Format of the responses and results (default: from the file name, else "
            "from the content).",
            show_default=False,
        ),
    ] = None,
    _data: DataOption = None,
    top: Annotated[
        int, typer.Option("--top", min=1, metavar="N", help="Top matches per respondent.")
    ] = 3,
    force: ForceOption = False,
) -> None:
    """Score many respondents at once: a class, a cohort, a workforce programme.

    One row per respondent comes out (same format as in) with the top matches, their fits
    and whether each role is open to them today; fits are identical to 'careerfit quiz
    --answers'. Invalid rows are reported with their line numbers and every problem in
    them, and skipped; the run ends with how many respondents matched which role first.
    Exit code 1 if any row was invalid (the others are still scored), 3 if there is no
    respondent at all. An optional 'respondent' field names each one.

    Example: careerfit score class.csv -o results.csv
    """
    from careerfit.batch import pipeline
    from careerfit.batch.source import display_name
    from careerfit.present.consoles import error_console

    kb = knowledge_base(ctx)
    kind = format.value if format else None
    out = error_console()
    with _progress_bar(out) as progress:
        summary = pipeline.score_file(kb, responses, kind, output, top, force, progress)
    if str(output) != "-":
        out.print(present.widgets.plain(f"Wrote {_count(summary.scored, 'result')} to {output}."))
    _report(kb, summary, display_name(responses), out)
    if summary.invalid:
        raise typer.Exit(ExitCode.FAILURE)


@contextmanager
def _progress_bar(out: Console) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise.

    The bar never captures standard output (``redirect_stdout=False``): the results may be
    going there.
    """
    if sys.stderr is None or not sys.stderr.isatty():  # None: started with stderr closed
        yield None
        return
    from rich.progress import Progress as Bar

    with Bar(console=out, transient=True, redirect_stdout=False) as shown:
        task = shown.add_task("Scoring", total=None)
        yield lambda done, size: shown.update(task, completed=done, total=size)


_SHOWN = 20  # lines of problems shown before the rest are counted


def _report(kb: KnowledgeBase, summary: Summary, name: str, out: Console) -> None:
    """Every problem of each invalid row (the first 20), then the summary table, on stderr."""
    plain = present.widgets.plain
    problems = [(line, why) for line, found in summary.invalid for why in found]
    for line, why in problems[:_SHOWN]:
        out.print(plain(f"{name}:{line}: {why}"))
    if len(problems) > _SHOWN:
        rows = len({line for line, _ in problems[_SHOWN:]})
        more = _count(len(problems) - _SHOWN, "more problem")
        out.print(plain(f"... and {more} in {_count(rows, 'row')}."))
    out.print(present.result_screens.batch_summary(kb, summary))


def _count(number: int, noun: str) -> str:
    """A count and its noun, agreeing in number: '1 invalid row', '2,000 results'."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
