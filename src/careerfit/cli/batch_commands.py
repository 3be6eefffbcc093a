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
from careerfit.cli.app import ForceOption, app, knowledge_base
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
            help="Responses: JSON Lines (one object of answers per line) or CSV (a header of "
            "question ids; several answers in a cell separated by ';'). '-' reads stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Results file; '-' for standard output."),
    ] = Path("-"),
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            help="Format of the responses and results (default: from the file name, else jsonl).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Top matches per respondent.")] = 3,
    force: ForceOption = False,
) -> None:
    """Score many respondents at once: a class, a cohort, a workforce programme.

    One row per respondent comes out (same format as in) with the top matches, their fits
    and whether each role is open to them today; fits are identical to 'careerfit quiz
    --answers'. Invalid rows are reported with their line numbers and skipped; the run
    ends with how many respondents matched which role first. Exit code 1 if any row was
    invalid (the others are still scored). An optional 'respondent' field names each one.

    Example: careerfit score class.csv -o results.csv
    """
    from careerfit.batch import pipeline
    from careerfit.present.consoles import error_console

    kb = knowledge_base(ctx)
    kind = pipeline.kind_of(responses, format.value if format else None)
    out = error_console()
    with _progress_bar(out) as progress:
        summary = pipeline.score_file(kb, responses, kind, output, top, force, progress)
    if str(output) != "-":
        typer.echo(f"Wrote {summary.scored:,} results to {output}.", err=True)
    _report(kb, summary, responses, out)
    if summary.invalid:
        raise typer.Exit(ExitCode.FAILURE)


@contextmanager
def _progress_bar(out: Console) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress as Bar

    with Bar(console=out, transient=True) as shown:
        task = shown.add_task("Scoring", total=None)
        yield lambda done, size: shown.update(task, completed=done, total=size)


def _report(kb: KnowledgeBase, summary: Summary, responses: Path, out: Console) -> None:
    """Invalid rows (first 20), then the summary table, on stderr."""
    plain = present.widgets.plain
    for line, why in summary.invalid[:20]:
        out.print(plain(f"{responses.name}:{line}: {why}"))
    if len(summary.invalid) > 20:
        out.print(plain(f"... and {len(summary.invalid) - 20} more invalid rows."))
    out.print(present.result_screens.batch_summary(kb, summary))
