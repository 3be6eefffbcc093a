"""Commands about a person's answers: quiz, results, export, history, answers template."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerfit import present
from careerfit.cli.app import (
    ForceOption,
    JsonOption,
    app,
    knowledge_base,
    open_store,
    print_json,
    print_rich,
    write_output,
)
from careerfit.errors import UsageError
from careerfit.records import as_dict

if TYPE_CHECKING:
    from careerfit.fit.assess import Assessment
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.quiz.sessions import Answered
    from careerfit.quiz.store import Store

SessionArg = Annotated[
    int | None,
    typer.Argument(
        help="Quiz number from 'careerfit history' (default: the latest).", show_default=False
    ),
]
TopOption = Annotated[
    int, typer.Option("--top", min=1, help="How many roles to list in the ranking.")
]


class ExportFormat(StrEnum):
    """Formats a report can be written in."""

    markdown = "markdown"
    json = "json"


AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
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
    bool, typer.Option("--restart", help="Start afresh instead of offering to resume.")
]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        help="Also write the results as a report: Markdown, or JSON if the name ends "
        "in .json. '-' writes it to standard output.",
        show_default=False,
    ),
]


@app.command()
def quiz(
    ctx: typer.Context,
    answers_file: AnswersOption = None,
    what_if: WhatIfOption = None,
    restart: RestartOption = False,
    top: TopOption = 10,
    json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Take the fit quiz: 40 questions, about eight minutes, answers saved as you go.

    Type the number of an answer; b goes back, s skips, ? says why we ask, q saves and quits.
    Stop at any time (even Ctrl-C): the next 'careerfit quiz' offers to resume.

    Example: careerfit quiz --what-if degree=associate
    """
    from contextlib import ExitStack

    from careerfit.quiz import sessions

    kb = knowledge_base(ctx)
    with ExitStack() as stack:
        store = None if answers_file is not None else stack.enter_context(open_store())
        if answers_file is not None:
            answered = sessions.from_file(kb, answers_file)
        else:
            assert store is not None
            answered = _stored_or_taken(kb, store, restart, bool(what_if))
        if what_if:
            answered = sessions.changed(kb, answered, what_if)
        assessment = sessions.conclude(kb, store, answered)
    _show_results(kb, answered, assessment, top, json)
    if export is not None:
        kind = ExportFormat.json if export.suffix.lower() == ".json" else ExportFormat.markdown
        write_output(export, _report_text(kb, answered, assessment, 3, kind), force)


def _stored_or_taken(kb: KnowledgeBase, store: Store, restart: bool, latest: bool) -> Answered:
    """The latest stored quiz (for --what-if), or a quiz taken now in the terminal."""
    from careerfit.present.consoles import console
    from careerfit.present.prompt import TerminalUI
    from careerfit.quiz import sessions

    if latest:
        return sessions.stored(kb, store, None)
    answered = sessions.take(kb, store, TerminalUI(console()), restart)
    if not answered.finished:
        done, total = len(answered.answers), len(kb.questions)
        print_rich(
            present.widgets.plain(
                f"Saved: {done} of {total} answered. Run 'careerfit quiz' to carry on."
            )
        )
        raise typer.Exit(0)
    return answered


def _show_results(
    kb: KnowledgeBase, answered: Answered, assessment: Assessment, top: int, json: bool
) -> None:
    """The results as JSON, or as the ranked table with its explanation."""
    if json:
        print_json(present.jsondata.results(kb, assessment))
        return
    from careerfit.present.consoles import console

    out = console()
    best = f'"{assessment.best.role.title}"'
    second = f'"{assessment.ranked[1].role.title}"' if len(assessment.ranked) > 1 else best
    hint = (
        f"Go deeper: careerfit profile {best} · careerfit compare {best} {second} · "
        f"careerfit paths {best}"
    )
    heading = present.wording.heading(answered)
    out.print(present.result_screens.results(kb, assessment, top, heading, out.width, hint))


@app.command()
def results(
    ctx: typer.Context,
    session: SessionArg = None,
    top: TopOption = 10,
    json: JsonOption = False,
) -> None:
    """Show the results of a past quiz again, scored with the current knowledge base.

    Example: careerfit results 3
    """
    from careerfit.quiz import sessions

    kb = knowledge_base(ctx)
    with open_store() as store:
        answered = sessions.stored(kb, store, session)
    _show_results(kb, answered, sessions.conclude(kb, None, answered), top, json)


def _report_text(
    kb: KnowledgeBase, answered: Answered, assessment: Assessment, top: int, kind: ExportFormat
) -> str:
    report = present.report.build(kb, answered, assessment, top)
    if kind is ExportFormat.json:
        return present.jsondata.dumps(present.jsondata.report(report)) + "\n"
    return present.markdown.report(report)


@app.command()
def export(
    ctx: typer.Context,
    session: SessionArg = None,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="File to write; '-' for standard output."),
    ] = Path("-"),
    format: Annotated[
        ExportFormat, typer.Option("--format", help="markdown, or json for scripts.")
    ] = ExportFormat.markdown,
    top: Annotated[
        int, typer.Option("--top", min=1, help="How many top roles to describe in full.")
    ] = 3,
    force: ForceOption = False,
) -> None:
    """Write a quiz's results as a report to keep or show a career counsellor.

    The report has the ranked matches, why the top roles fit, what to watch out for, the
    gaps and next steps, where each role leads, your answers and the sources cited.

    Example: careerfit export -o report.md
    """
    from careerfit.quiz import sessions

    kb = knowledge_base(ctx)
    with open_store() as store:
        answered = sessions.stored(kb, store, session)
    assessment = sessions.conclude(kb, None, answered)
    write_output(output, _report_text(kb, answered, assessment, top, format), force)


@app.command()
def history(
    json: JsonOption = False,
    delete: Annotated[
        list[str] | None,
        typer.Option(
            "--delete",
            metavar="N|all",
            help="Delete quiz N and its answers (repeat for several), or 'all' of them. "
            "Deleted answers are scrubbed from the file.",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before deleting all.")] = False,
) -> None:
    """List your quizzes: when, how far you got, and the top match; or delete them.

    Example: careerfit history --delete 3
    """
    with open_store() as store:
        if delete:
            _delete(store, delete, yes)
            return
        found = store.sessions()
    if json:
        print_json([as_dict(s) for s in found])
    elif not found:
        typer.echo("No quizzes yet. Run 'careerfit quiz' to take one.")
    else:
        print_rich(present.result_screens.history_table(found))


def _delete(store: Store, which: list[str], yes: bool) -> None:
    """Delete quizzes by number, or all of them after confirmation."""
    if any(w.lower() == "all" for w in which):
        count = len(store.sessions())
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(
                    "Deleting all quizzes needs confirmation; add --yes to do it without asking."
                )
            from careerfit.present.consoles import console
            from careerfit.present.prompt import TerminalUI

            ask = TerminalUI(console())
            if not ask.confirm(f"Delete all {count} quizzes and their answers?", default=False):
                typer.echo("Nothing deleted.")
                return
        store.delete(None)
        typer.echo(f"Deleted all {count} quizzes and their answers from {store.path}.")
        return
    if not all(w.isdigit() for w in which):
        raise UsageError("--delete takes quiz numbers from 'careerfit history', or 'all'.")
    numbers = [int(w) for w in which]
    store.delete(numbers)
    typer.echo(f"Deleted quiz {', '.join(map(str, numbers))} and its answers.")


answers_app = typer.Typer(
    help="Work with answers files for non-interactive scoring.", no_args_is_help=True
)
app.add_typer(answers_app, name="answers")


@answers_app.command("template")
def answers_template(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write to this file instead of printing it.", show_default=False
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Write a commented answers file listing every question and its allowed answers.

    Example: careerfit answers template -o my-answers.yaml
    """
    from careerfit.quiz.answers_file import template

    text = template(knowledge_base(ctx))
    if output is None:
        sys.stdout.write(text)
        return
    from careerfit.files import write_atomic

    write_atomic(output, text, force)
    typer.echo(f"Wrote {output}. Fill it in, then run: careerfit quiz --answers {output}", err=True)
