"""Commands about a person's answers: quiz, results, export, history, answers template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerfit import present
from careerfit.cli.app import (
    DataOption,
    ForceOption,
    JsonOption,
    app,
    knowledge_base,
    open_store,
    print_json,
    print_rich,
    program,
    said,
    write_output,
)
from careerfit.cli.quiz_options import (
    AnswersOption,
    ExportFormat,
    ExportOption,
    FullOption,
    RestartOption,
    ResumeOption,
    SessionArg,
    TopOption,
    WhatIfOption,
)
from careerfit.errors import UsageError
from careerfit.records import as_dict

if TYPE_CHECKING:
    from careerfit.fit.assess import Assessment
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.present.prompt import TerminalUI
    from careerfit.quiz.sessions import Answered
    from careerfit.quiz.store import Store


@app.command()
def quiz(
    ctx: typer.Context,
    _data: DataOption = None,
    answers_file: AnswersOption = None,
    what_if: WhatIfOption = None,
    restart: RestartOption = False,
    resume: ResumeOption = None,
    full: FullOption = False,
    top: TopOption = 10,
    json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Take the fit quiz: it asks what it needs and stops once your top match is settled.

    What you bring comes first, then each time the question that best separates the roles
    still in contention; it never stops on a tie, and --full asks every question. Type
    the number of an answer; b goes back, s skips, ? says why we ask, q saves and quits.
    Stop at any time (even Ctrl-C): the next 'careerfit quiz' offers to resume.

    Example: careerfit quiz --what-if degree=associate
    """
    from contextlib import ExitStack

    from careerfit.quiz import sessions

    kb = knowledge_base(ctx)
    with ExitStack() as stack:
        store = None if answers_file is not None else stack.enter_context(open_store())
        ui = None
        if answers_file is not None:
            answered = sessions.from_file(kb, answers_file)
        else:
            assert store is not None
            answered, ui = _stored_or_taken(kb, store, restart, resume, full, bool(what_if), json)
        if what_if:
            answered = sessions.changed(kb, answered, what_if)
        assessment = sessions.conclude(kb, store, answered)
        _show_results(kb, answered, assessment, top, json)
        while ui is not None and store is not None and answered.more and not json:
            if not _go_on(ui):
                break
            answered = sessions.more(kb, store, ui, answered)
            assessment = sessions.conclude(kb, store, answered)
            _show_results(kb, answered, assessment, top, json)
    if export is not None:
        write_output(export, _report_text(kb, answered, assessment, 3, _format_of(export)), force)


def _go_on(ui: TerminalUI) -> bool:
    """Whether the person wants a few more questions; end of input or Ctrl-C means no."""
    try:
        return ui.confirm("Answer a few more questions to sharpen the ranking?", default=False)
    except (EOFError, KeyboardInterrupt):
        return False


def _stored_or_taken(
    kb: KnowledgeBase,
    store: Store,
    restart: bool,
    resume: int | None,
    full: bool,
    latest: bool,
    json: bool,
) -> tuple[Answered, TerminalUI | None]:
    """The latest stored quiz (for --what-if), or a quiz taken now in the terminal.

    With --json the questions go to standard error, so that standard output carries only
    the JSON ('careerfit quiz --json > results.json' shows the questions and writes JSON).
    """
    from careerfit.present.consoles import console, error_console
    from careerfit.present.prompt import TerminalUI
    from careerfit.quiz import sessions

    if latest:
        return sessions.stored(kb, store, None), None
    ui = TerminalUI(error_console() if json else console())
    answered = sessions.take(kb, store, ui, restart, resume, full)
    if not answered.finished:
        done, total = len(answered.answers), len(kb.questions)
        # "3 of 40" only where all 40 will be asked: the adaptive quiz asks what it needs.
        noun = "answer" if done == 1 else "answers"
        count = f"{done} of {total} answered" if full else f"{done} {noun}"
        text = (
            "Nothing was answered, so nothing was saved."
            if not done
            else said(f"Saved: {count}. Run 'careerfit quiz' to carry on.")
        )
        print_rich(present.widgets.plain(text))
        raise typer.Exit(0)
    return answered, ui


def _show_results(
    kb: KnowledgeBase, answered: Answered, assessment: Assessment, top: int, json: bool
) -> None:
    """The results as JSON, or as the ranked table with its explanation."""
    if json:
        print_json(present.jsondata.results(kb, assessment, answered.asked, answered.stopped))
        return
    from careerfit.present.consoles import console

    out = console()
    best = f'"{assessment.best.role.title}"'
    second = f'"{assessment.ranked[1].role.title}"' if len(assessment.ranked) > 1 else best
    name = program()
    hint = (
        f"Go deeper: {name} profile {best} · {name} compare {best} {second} · {name} paths {best}"
    )
    heading = present.wording.heading(answered)
    stopped = present.wording.stopped_note(answered, len(kb.questions))
    if stopped:
        hint = f"{stopped}\n{hint}"
    out.print(present.result_screens.results(kb, assessment, top, heading, out.width, hint))


@app.command()
def results(
    ctx: typer.Context,
    _data: DataOption = None,
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
    _data: DataOption = None,
    session: SessionArg = None,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="File to write; '-' for standard output."
        ),
    ] = Path("-"),
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="markdown, or json for scripts (default: json for a file name ending in "
            ".json, else markdown).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", min=1, metavar="N", help="How many top roles to describe in full."),
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
    kind = format or _format_of(output)
    write_output(output, _report_text(kb, answered, assessment, top, kind), force)


def _format_of(path: Path) -> ExportFormat:
    """The report format a file name asks for: JSON for '.json', Markdown otherwise."""
    return ExportFormat.json if path.suffix.lower() == ".json" else ExportFormat.markdown


@app.command()
def history(
    ctx: typer.Context,
    _data: DataOption = None,
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
        if json:
            print_json([as_dict(s) for s in store.sessions()])
            return
        from careerfit.quiz import sessions

        kb = knowledge_base(ctx)
        found = sessions.overview(kb, store)
    if not found:
        typer.echo(said("No quizzes yet. Run 'careerfit quiz' to take one."))
    else:
        print_rich(present.result_screens.history_table(found, len(kb.questions)))


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
            if not ask.confirm(f"Delete {_all_of(count)} and their answers?", default=False):
                typer.echo("Nothing deleted.")
                return
        store.delete(None)
        typer.echo(f"Deleted {_all_of(count)} and their answers from {store.path}.")
        return
    if not all(w.isdigit() for w in which):
        raise UsageError("--delete takes quiz numbers from 'careerfit history', or 'all'.")
    numbers = list(dict.fromkeys(int(w) for w in which))
    store.delete(numbers)
    if len(numbers) == 1:
        typer.echo(f"Deleted quiz {numbers[0]} and its answers.")
    else:
        listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
        typer.echo(f"Deleted quizzes {listed} and their answers.")


def _all_of(count: int) -> str:
    """'the only quiz' or 'all 3 quizzes'."""
    return "the only quiz" if count == 1 else f"all {count} quizzes"


answers_app = typer.Typer(
    help="Work with answers files for non-interactive scoring.", no_args_is_help=True
)
app.add_typer(answers_app, name="answers")


@answers_app.command("template")
def answers_template(
    ctx: typer.Context,
    _data: DataOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to this file instead of printing it.",
            show_default=False,
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
    typer.echo(
        f"Wrote {output}. Fill it in, then run: {program()} quiz --answers {output}", err=True
    )
