"""The command line: parse arguments, call the core, render. Nothing else lives here.

Errors from the core (:class:`careerfit.errors.CareerfitError`) become a message on stderr
and an exit code in exactly one place, :class:`_Group.invoke`, so every command, and the
test runner that calls commands directly, gets the same behaviour.
"""

from __future__ import annotations

import errno
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer import _click as click
from typer.core import TyperGroup

from careerfit.errors import CareerfitError, ExitCode, UsageError

if TYPE_CHECKING:
    from careerfit.kb.knowledge_base import KnowledgeBase


class _Group(TyperGroup):
    """Turns careerfit errors and Ctrl-C into a one-paragraph message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CareerfitError as err:
            _fail(str(err), err.exit_code)
        except KeyboardInterrupt:
            _fail("Interrupted; nothing was changed.", ExitCode.INTERRUPTED)
        except BrokenPipeError:
            # The reader stopped early ('careerfit score big.jsonl | head'): that is the
            # reader's choice, not an error to explain. Later output goes nowhere.
            _silence_stdout()
            raise typer.Exit(ExitCode.FAILURE) from None
        except OSError as err:
            if err.filename is not None or err.errno not in _OUTPUT_ERRORS:
                _internal(err)
            _silence_stdout()
            _fail(_cannot_write(err), ExitCode.FAILURE)
        except (typer.Exit, typer.Abort, click.ClickException):
            raise
        except Exception as err:
            _internal(err)


# What the system says when the output itself cannot be written: not careerfit's bug.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EBADF, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _cannot_write(err: OSError) -> str:
    return (
        f"careerfit could not write its output ({err.strerror}). Check that the disk has "
        "room and that the output goes somewhere writable, then run the command again."
    )


def _internal(err: Exception) -> None:
    if os.environ.get("CAREERFIT_DEBUG"):
        raise err
    _fail(
        f"careerfit hit an internal error ({type(err).__name__}: {err}). This is a bug; "
        "please report it with the command you ran. Set CAREERFIT_DEBUG=1 to see the "
        "traceback.",
        ExitCode.INTERNAL,
    )


def _silence_stdout() -> None:
    from contextlib import suppress

    with suppress(OSError, ValueError):  # ValueError: not a real file (a test's buffer)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str, code: int) -> None:
    from careerfit.present.consoles import clean, error_console

    error_console().print(clean(message), markup=False, highlight=False)
    raise typer.Exit(code)


app = typer.Typer(
    cls=_Group,
    help="Choose between legal-support careers: paralegal, legal secretary, legal assistant, "
    "legal clerk, law clerk and their neighbours, from a cited knowledge base.",
    epilog="Start with 'careerfit roles'; read one role with 'careerfit profile paralegal'; put "
    "roles side by side with 'careerfit compare legal-secretary legal-clerk'; see where one "
    "leads with 'careerfit paths legal-secretary'. Nothing you do leaves this machine.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from careerfit import __version__

        typer.echo(f"careerfit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="CAREERFIT_DATA",
            help="Knowledge-base folder (roles.yaml + questions.yaml) to use instead of the "
            "bundled one. Also read from CAREERFIT_DATA.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Set the options every command shares (the knowledge base to use)."""
    ctx.obj = data


def _kb(ctx: typer.Context) -> KnowledgeBase:
    from careerfit.kb.cache import load_cached
    from careerfit.kb.location import resolve_data_dir

    return load_cached(resolve_data_dir(ctx.obj))


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")
]
MarkdownOption = Annotated[
    bool, typer.Option("--markdown", help="Print Markdown (the same content) instead of tables.")
]


def _print(renderable: Any) -> None:
    from careerfit.present.consoles import console

    console().print(renderable)


def _show(kind: str, view: Any, json: bool = False, markdown: bool = False) -> None:
    """Print a view as Markdown, JSON or Rich: each format has a function named ``kind``."""
    if markdown:
        from careerfit.present import markdown as md

        sys.stdout.write(getattr(md, kind)(view))
    elif json:
        from careerfit.present import jsondata as jsonview

        _print_json(getattr(jsonview, kind)(view))
    else:
        from careerfit.present import render

        _print(getattr(render, kind)(view))


def _print_json(value: Any) -> None:
    from careerfit.present.jsondata import dumps

    sys.stdout.write(dumps(value) + "\n")


@app.command()
def roles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List every role: how substantive it is, typical education, pay and a one-line summary.

    Example: careerfit roles
    """
    _show("roles", _kb(ctx), json)


RoleArg = Annotated[
    str,
    typer.Argument(
        help="Role id, title or alias, any case (e.g. paralegal, 'Legal Clerk').",
        show_default=False,
    ),
]


@app.command()
def profile(
    ctx: typer.Context, role: RoleArg, json: JsonOption = False, markdown: MarkdownOption = False
) -> None:
    """Show everything about one role, each fact with its source.

    Example: careerfit profile "legal secretary" --markdown > legal-secretary.md
    """
    from careerfit.present import views

    kb = _kb(ctx)
    _show("profile", views.profile(kb, kb.find_role(role)), json, markdown)


@app.command()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(help="Two or more roles (id, title or alias).", show_default=False),
    ],
    json: JsonOption = False,
    markdown: MarkdownOption = False,
) -> None:
    """Put two or more roles side by side, with what the sources say sets them apart.

    Example: careerfit compare legal-secretary legal-clerk
    """
    from careerfit.present import views

    kb = _kb(ctx)
    found = [kb.find_role(name) for name in roles]
    if len({r.id for r in found}) < 2:  # the same role named twice, by id and by alias
        raise UsageError(
            "Name at least two different roles to compare, e.g. "
            "'careerfit compare paralegal legal-assistant'."
        )
    unique = list({r.id: r for r in found}.values())
    _show("comparison", views.compare(kb, unique), json, markdown)


@app.command()
def paths(
    ctx: typer.Context,
    role: RoleArg,
    depth: Annotated[int, typer.Option(min=1, max=5, help="How many steps out to follow.")] = 2,
    json: JsonOption = False,
) -> None:
    """Show where a role can lead (advancement and lateral moves) and what each step takes.

    Example: careerfit paths legal-secretary --depth 3
    """
    from careerfit.present import views

    kb = _kb(ctx)
    start = kb.find_role(role)
    steps = views.paths(kb, start, depth)
    if json:
        from careerfit.present import jsondata as jsonview

        _print_json({"from": start.id, "steps": jsonview.path_steps(steps)})
        return
    from careerfit.present import render

    _print(render.path_tree(kb, start, steps))


@app.command()
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Knowledge-base folder to check (default: the one in use).", show_default=False
        ),
    ] = None,
) -> None:
    """Check a knowledge base and report every problem with file, line, field and fix.

    Example: careerfit validate ./my-centre-data
    """
    from careerfit.kb.load import validate as check
    from careerfit.kb.location import resolve_data_dir

    target = directory or resolve_data_dir(ctx.obj)
    problems = check(target)
    if problems:
        from careerfit.errors import DataError

        raise DataError(problems)
    from careerfit.kb.load import load

    kb = load(target)
    typer.echo(
        f"{target}: valid. {len(kb.roles)} roles, {len(kb.questions_file.questions)} questions, "
        f"knowledge-base version {kb.version}."
    )


class QuizStopped(CareerfitError):
    """The interactive quiz ended early; the answers given so far are saved."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.exit_code = code


SessionArg = Annotated[
    int | None,
    typer.Argument(
        help="Quiz number from 'careerfit history' (default: the latest).", show_default=False
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the output file if it already exists.")
]
TopOption = Annotated[
    int, typer.Option("--top", min=1, help="How many roles to list in the ranking.")
]


@app.command()
def quiz(
    ctx: typer.Context,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="Score an answers file instead of asking (write one with "
            "'careerfit answers template'). Nothing is stored.",
            show_default=False,
        ),
    ] = None,
    what_if: Annotated[
        list[str] | None,
        typer.Option(
            "--what-if",
            metavar="QUESTION=ANSWER",
            help="Re-rank your latest quiz (or the --answers file) with an answer changed, "
            "without storing it, e.g. --what-if degree=associate. Repeat to change several.",
            show_default=False,
        ),
    ] = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start afresh instead of offering to resume.")
    ] = False,
    top: TopOption = 10,
    json: JsonOption = False,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help="Also write the results as a report: Markdown, or JSON if the name ends "
            "in .json. '-' writes it to standard output.",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Take the fit quiz: about 26 questions, five minutes, answers saved as you go.

    Type the number of an answer; b goes back, s skips, ? says why we ask, q saves and quits.
    Stop at any time (even Ctrl-C): the next 'careerfit quiz' offers to resume.

    Example: careerfit quiz --what-if degree=associate
    """
    from careerfit.fit import insight
    from careerfit.quiz import answers_file as answersfile

    kb = _kb(ctx)
    session_id: int | None = None
    if answers_file is not None:
        got = Answered(
            answersfile.load(kb, answers_file),
            f"Your matches, from {answers_file.name}",
            f"answers file {answers_file.name}",
        )
    elif what_if:
        got = _stored_answers(kb, None)
    else:
        session_id, answers = _interactive(kb, restart)
        got = Answered(answers, f"Your matches (quiz {session_id})", f"quiz {session_id}")
    if what_if:
        changed = ", with " + ", ".join(what_if) + " (not stored)"
        got = got._replace(
            answers=insight.what_if(kb, got.answers, what_if),
            heading=got.heading + changed,
            label=got.label + changed,
        )
    _results(kb, got.answers, top, json, got.heading, session_id)
    if export is not None:
        kind = ExportFormat.json if export.suffix.lower() == ".json" else ExportFormat.markdown
        _write_output(export, _report_text(kb, got, 3, kind), force)


def _interactive(kb: KnowledgeBase, restart: bool) -> tuple[int, dict[str, Any]]:
    """Run the quiz in the terminal, resuming an unfinished one if the person wants."""
    from careerfit.fit.answers import replay
    from careerfit.present.consoles import console
    from careerfit.present.prompt import asker
    from careerfit.quiz import flow

    with open_store() as store:
        out = console()
        questions = kb.questions_file.questions
        answers: dict[str, Any] = {}
        position = 0
        session_id: int | None = None
        unfinished = None if restart else store.unfinished()
        if unfinished is not None:
            when = unfinished.updated_at.replace("T", " ")[:16]
            prompt = (
                f"Unfinished quiz from {when} UTC ({unfinished.answered} answered). "
                "Resume it? [Y/n] "
            )
            if _yes(out, prompt, default=True):
                session_id = unfinished.id
                answers, dropped = replay(kb.questions_file, store.answers(session_id))
                position = unfinished.position
                if unfinished.kb_version != kb.version:
                    # The questions changed: carry on at the first one not answered yet.
                    position = next(
                        (i for i, q in enumerate(questions) if q.id not in answers), len(questions)
                    )
                    note = f"The questions have changed since; kept {len(answers)} answers"
                    note += f", dropped {', '.join(dropped)}." if dropped else "."
                    out.print(render_plain(note))
                    store.rebase(session_id, kb.version)
            else:
                store.abandon(unfinished.id)
        if session_id is None:
            session_id = store.start(kb.version)
        if not store.claim(session_id):
            raise UsageError(
                f"Quiz {session_id} is being answered in another window. Finish it there, or run "
                "'careerfit quiz --restart' to start another."
            )
        sid = session_id
        try:
            outcome = flow.run(
                questions,
                answers,
                position,
                asker(out),
                save=lambda qid, value, pos: store.record(sid, qid, value, pos),
                moved=lambda pos: store.move(sid, pos),
            )
        except KeyboardInterrupt:
            raise QuizStopped(
                f"Stopped. Your {len(answers)} answers are saved; run 'careerfit quiz' to carry on "
                "where you left off.",
                ExitCode.INTERRUPTED,
            ) from None
        except EOFError:
            raise QuizStopped(
                f"Input ended before the quiz finished. Your {len(answers)} answers are saved; run "
                "'careerfit quiz' in a terminal to carry on, or score a file with "
                "'careerfit quiz --answers FILE'.",
                ExitCode.FAILURE,
            ) from None
        if outcome == "quit":
            out.print(
                render_plain(
                    f"Saved: {len(answers)} of {len(questions)} answered. Run 'careerfit quiz' to "
                    "carry on."
                )
            )
            raise typer.Exit(0)
        answers = _revisit(kb, answers, sid, store, out)
        return sid, answers


def _revisit(
    kb: KnowledgeBase, answers: dict[str, Any], sid: int, store: Any, out: Any
) -> dict[str, Any]:
    """Offer to re-ask questions whose answers look careless; store what changes."""
    from careerfit.fit import insight
    from careerfit.present.prompt import asker
    from careerfit.quiz import flow

    found = insight.concerns(kb, answers)
    if not found:
        return answers
    for concern in found:
        out.print(render_plain(f"Careful: {concern.text}"))
    ids = list(dict.fromkeys(q for c in found for q in c.questions))
    try:
        if not _yes(out, f"Revisit those {len(ids)} questions now? [y/N] ", default=False):
            return answers
        subset = [q for q in kb.questions_file.questions if q.id in ids]
        flow.run(
            subset,
            answers,
            0,
            asker(out),
            save=lambda qid, value, pos: store.record(
                sid, qid, value, len(kb.questions_file.questions)
            ),
            moved=lambda pos: None,
        )
    except (KeyboardInterrupt, EOFError):
        out.print(render_plain("Kept your answers as they were."))
    return answers


def _yes(out: Any, prompt: str, default: bool) -> bool:
    reply = out.input(render_plain(prompt)).strip().lower()
    return default if not reply else reply in {"y", "yes"}


def render_plain(text: str) -> Any:
    """A notice built from data (question ids, dates) shown literally."""
    from careerfit.present.render import plain

    return plain(text)


class Answered(NamedTuple):
    """Answers to show or export, and where they came from."""

    answers: dict[str, Any]
    heading: str
    label: str  # for a report: "quiz 3 of 2026-11-25"
    answered_against: str | None = None  # the knowledge-base version they were given against
    dropped: tuple[str, ...] = ()


def _stored_answers(kb: KnowledgeBase, session_id: int | None) -> Answered:
    """A stored session's answers re-checked against the current questions, and a heading."""
    from careerfit.fit.answers import replay

    with open_store() as store:
        session = store.session(session_id)
        answers, dropped = replay(kb.questions_file, store.answers(session.id))
    label = f"quiz {session.id} of {session.started_at[:10]}"
    heading = label[0].upper() + label[1:]
    if session.status == "in-progress":
        heading += " (unfinished)"
    if session.kb_version != kb.version:
        heading += ", answered against an older knowledge base"
        if dropped:
            heading += f" (answers no longer asked: {', '.join(dropped)})"
    return Answered(answers, heading, label, session.kb_version, tuple(dropped))


def _results(
    kb: KnowledgeBase,
    answers: dict[str, Any],
    top: int,
    json: bool,
    heading: str,
    session_id: int | None,
) -> None:
    from careerfit.fit import insight
    from careerfit.fit.assess import score

    outcome = score(kb, answers)
    found = insight.concerns(kb, answers)
    swap = insight.swap_hint(kb, answers, outcome)
    if session_id is not None:
        best = outcome.ranked[0]
        with open_store() as store:
            store.finish(session_id, best.role.id, best.fit)
    if json:
        from careerfit.present import jsondata as jsonview

        _print_json(jsonview.results(kb, outcome, answers, found, swap))
        return
    from careerfit.present import render
    from careerfit.present.consoles import console

    out = console()
    out.print(render.results(outcome, top, found, swap, heading, out.width))


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
    kb = _kb(ctx)
    got = _stored_answers(kb, session)
    _results(kb, got.answers, top, json, got.heading, None)


class ExportFormat(StrEnum):
    """Formats a report can be written in."""

    markdown = "markdown"
    json = "json"


def _report_text(kb: KnowledgeBase, got: Answered, top: int, kind: ExportFormat) -> str:
    from careerfit.present import report

    built = report.build(kb, got.answers, got.label, top, got.answered_against, got.dropped)
    if kind is ExportFormat.json:
        from careerfit.present import jsondata as jsonview

        return jsonview.dumps(jsonview.report(built)) + "\n"
    from careerfit.present import markdown as md

    return md.report(built)


def _write_output(output: Path, text: str, force: bool) -> None:
    """Write to a file atomically, or to stdout for '-'."""
    if str(output) == "-":
        sys.stdout.write(text)
        return
    from careerfit.files import write_atomic

    write_atomic(output, text, force)
    typer.echo(f"Wrote {output}.", err=True)


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
    kb = _kb(ctx)
    _write_output(output, _report_text(kb, _stored_answers(kb, session), top, format), force)


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
    from careerfit.batch import pipeline as batch

    kb = _kb(ctx)
    kind = batch.kind_of(responses, format.value if format else None)
    if str(output) != "-":
        from careerfit.files import check_writable

        check_writable(output, force)
    if str(responses) == "-":
        summary = _score_stream(kb, sys.stdin, kind, output, top, None)
    else:
        try:
            # utf-8-sig: spreadsheets (Excel's "CSV UTF-8") start the file with a BOM
            source = responses.open(encoding="utf-8-sig", newline="", errors="replace")
        except OSError as err:
            from careerfit.errors import DataError, Problem

            raise DataError(
                [
                    Problem(
                        str(responses), None, "", f"cannot be read ({err.strerror}); check the path"
                    )
                ],
                "responses file",
            ) from None
        with source:
            summary = _score_stream(kb, source, kind, output, top, responses.stat().st_size)
    _report_batch(kb, summary, responses)
    if summary.invalid:
        raise typer.Exit(ExitCode.FAILURE)


def _score_stream(
    kb: KnowledgeBase, source: Any, kind: str, output: Path, top: int, size: int | None
) -> Any:
    """Run the batch into stdout or an atomically written file, with progress on a terminal."""
    from contextlib import nullcontext

    from careerfit.batch import pipeline as batch
    from careerfit.files import atomic_writer

    target = nullcontext(sys.stdout) if str(output) == "-" else atomic_writer(output, True)
    with target as sink:
        if size and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(console=_error_console(), transient=True) as bar:
                task = bar.add_task("Scoring", total=size)
                summary = batch.run(
                    kb, source, kind, sink, top,
                    progress=lambda n: bar.update(task, completed=source.buffer.tell()),
                )  # fmt: skip
        else:
            summary = batch.run(kb, source, kind, sink, top)
    if str(output) != "-":
        typer.echo(f"Wrote {summary.scored:,} results to {output}.", err=True)
    return summary


def _error_console() -> Any:
    from careerfit.present.consoles import error_console

    return error_console()


def _report_batch(kb: KnowledgeBase, summary: Any, responses: Path) -> None:
    """Invalid rows (first 20), then the summary table, on stderr."""
    from careerfit.present.render import batch_summary

    out = _error_console()
    for line, why in summary.invalid[:20]:
        out.print(render_plain(f"{responses.name}:{line}: {why}"))
    if len(summary.invalid) > 20:
        out.print(render_plain(f"... and {len(summary.invalid) - 20} more invalid rows."))
    out.print(batch_summary(kb, summary))


@app.command()
def history(
    ctx: typer.Context,
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
        sessions = store.sessions()
        if json:
            _print_json([s.as_dict() for s in sessions])
            return
        if not sessions:
            typer.echo("No quizzes yet. Run 'careerfit quiz' to take one.")
            return
        from careerfit.present.render import history_table

        _print(history_table(sessions))


def _delete(store: Any, which: list[str], yes: bool) -> None:
    """Delete quizzes by number, or all of them after confirmation."""
    if any(w.lower() == "all" for w in which):
        count = len(store.sessions())
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(
                    "Deleting all quizzes needs confirmation; add --yes to do it without asking."
                )
            from careerfit.present.consoles import console

            if not _yes(console(), f"Delete all {count} quizzes and their answers? [y/N] ", False):
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


def open_store() -> Any:
    """The answers store; says so on stderr if a damaged one had to be moved aside."""
    from careerfit.quiz.store import Store

    store = Store()
    if store.recovered is not None:
        _notice(
            f"The answers store was damaged and could not be read. It has been kept as "
            f"{store.recovered} (nothing was deleted), and a new, empty store was started."
        )
    return store


def _notice(message: str) -> None:
    from careerfit.present.consoles import clean, error_console

    error_console().print(clean(message), markup=False, highlight=False)


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

    text = template(_kb(ctx))
    if output is None:
        sys.stdout.write(text)
        return
    from careerfit.files import write_atomic

    write_atomic(output, text, force)
    typer.echo(f"Wrote {output}. Fill it in, then run: careerfit quiz --answers {output}", err=True)


def main() -> None:
    """Console-script entry point: run the command, then end the process at once.

    Python's own shutdown frees every module and object one by one, and with Typer,
    pydantic and Rich loaded that takes longer than most commands (about 30 ms here,
    measured by benchmarks/perf.py). careerfit has nothing left to clean up by then:
    answers are committed as they are given and files are written atomically. So once
    the command has finished, exit hooks run, output is flushed, and the process ends.
    """
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
    import atexit

    atexit._run_exitfuncs()
    try:
        if sys.stdout is not None:  # None when started with stdout closed
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (careerfit roles | head -1)
        code = code or ExitCode.FAILURE
    except OSError as err:
        if sys.stderr is not None:
            print(_cannot_write(err), file=sys.stderr)
        code = code or ExitCode.FAILURE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    finally:
        os._exit(code)
