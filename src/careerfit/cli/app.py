"""The Typer app, its global options, and the one place errors become messages and exit codes.

Commands live in :mod:`careerfit.cli.role_commands`, :mod:`careerfit.cli.quiz_commands` and
:mod:`careerfit.cli.batch_commands`; each parses its arguments, calls one function of the
core, and renders what comes back. Errors from the core
(:class:`careerfit.errors.CareerfitError`) become a message on stderr and an exit code in
:class:`_Group.invoke`, so every command, and the test runner that calls commands
directly, behaves the same way.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

# Typer vendors Click and gives its base classes no public names. Click's own usage errors
# (a missing argument, say) must pass through to Click, which explains them.
from typer._click.core import Context as ClickContext
from typer._click.exceptions import ClickException
from typer.core import TyperArgument, TyperGroup

from careerfit.errors import CareerfitError, ExitCode

if TYPE_CHECKING:
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.quiz.store import Store

V = TypeVar("V")


_typed = TyperArgument.display_type_rich


def _untyped(self: TyperArgument, ctx: ClickContext) -> str | None:
    """An argument's help shows its metavar (ROLE, FILE, N) without a type name after it.

    Typer prints ``ROLE <str>``, ``FILE <path>``, ``ROLE... <list[str]>``: Python's type
    names mean nothing to someone choosing a career. Every careerfit argument says what it
    takes in its metavar and help instead. Typer builds its argument objects itself (there
    is no ``cls=`` to pass), so the method is replaced on the class, for this program only.
    """
    return None if self.metavar else _typed(self, ctx)


TyperArgument.display_type_rich = _untyped  # type: ignore[method-assign,assignment]


class _Group(TyperGroup):
    """Turns careerfit errors and Ctrl-C into a one-paragraph message and an exit code."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except CareerfitError as err:
            from careerfit.cli.fixes import message

            fail(message(err), err.exit_code)
        except KeyboardInterrupt:
            fail("Interrupted; nothing was changed.", ExitCode.INTERRUPTED)
        except BrokenPipeError:
            # The reader stopped early ('careerfit score big.jsonl | head'): that is the
            # reader's choice, not an error to explain. Later output goes nowhere.
            _silence_stdout()
            raise typer.Exit(ExitCode.FAILURE) from None
        except OSError as err:
            if err.filename is not None or err.errno not in _OUTPUT_ERRORS:
                _internal(err)
            _silence_stdout()
            fail(cannot_write(err), ExitCode.FAILURE)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except Exception as err:
            _internal(err)


# What the system says when the output itself cannot be written: not careerfit's bug.
_OUTPUT_ERRORS = {
    errno.ENOSPC,
    errno.EIO,
    errno.EBADF,
    errno.EFBIG,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}


def cannot_write(err: OSError) -> str:
    """The message for output that cannot be written (a full disk, a closed stream)."""
    if err.errno == errno.EBADF:
        return (
            f"careerfit could not write its output ({err.strerror}). Run it with its output "
            "going to a terminal, a file or a pipe (or use -o FILE where the command has it)."
        )
    return (
        f"careerfit could not write its output ({err.strerror}). Check that the disk has "
        "room and that the output goes somewhere writable, then run the command again."
    )


def _internal(err: Exception) -> None:
    if os.environ.get("CAREERFIT_DEBUG"):
        raise err
    fail(
        f"careerfit hit an internal error ({type(err).__name__}: {err}). This is a bug; "
        "please report it with the command you ran. Set CAREERFIT_DEBUG=1 to see the "
        "traceback.",
        ExitCode.INTERNAL,
    )


def _silence_stdout() -> None:
    from contextlib import suppress

    with suppress(OSError, ValueError):  # ValueError: not a real file (a test's buffer)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def program() -> str:
    """How the person started careerfit, for messages that say what to type next.

    'careerfit' when that is what the shell finds; the path they typed when it is not
    (``.venv/bin/careerfit`` outside the virtual environment); ``python -m careerfit``
    when started that way. A message telling someone to run a command they cannot run
    helps nobody.
    """
    import shutil

    argv0 = sys.argv[0] if sys.argv else ""
    if Path(argv0).parts[-2:] == ("careerfit", "__main__.py"):
        return "python -m careerfit"
    if os.path.basename(argv0) == "careerfit" and os.sep in argv0:
        found = shutil.which("careerfit")
        if found is None or os.path.realpath(found) != os.path.realpath(argv0):
            return argv0
    return "careerfit"


def said(text: str) -> str:
    """``text`` with each quoted 'careerfit ...' command as the person would type it."""
    name = program()
    return text if name == "careerfit" else text.replace("'careerfit ", f"'{name} ")


def notice(message: str) -> None:
    """A message for the person on stderr, shown literally."""
    from careerfit.present.consoles import error_console
    from careerfit.safetext import clean

    error_console().print(clean(said(message)), markup=False, highlight=False)


def fail(message: str, code: int) -> None:
    """Say what went wrong on stderr and end the command with ``code``."""
    notice(message)
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


def _data_here(ctx: typer.Context, value: Path | None) -> None:
    """``--data`` given after the command name: it wins over one given before it."""
    if value is not None:
        ctx.obj = value


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        callback=_data_here,
        expose_value=False,
        metavar="DIR",
        help="Knowledge-base folder to use instead of the bundled one (also accepted before "
        "the command name, or from CAREERFIT_DATA).",
        show_default=False,
    ),
]


def knowledge_base(ctx: typer.Context) -> KnowledgeBase:
    """The knowledge base the command should use (``--data``, else bundled), from the cache."""
    from careerfit.kb.cache import load_cached
    from careerfit.kb.location import resolve_data_dir

    return load_cached(resolve_data_dir(ctx.obj))


def open_store() -> Store:
    """The answers store; says so on stderr if a damaged one had to be moved aside."""
    from careerfit.quiz.store import Store

    store = Store()
    if store.recovered is not None:
        notice(
            f"The answers store was damaged and could not be read. It has been kept as "
            f"{store.recovered} (nothing was deleted), and a new, empty store was started."
        )
    return store


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")
]
MarkdownOption = Annotated[
    bool, typer.Option("--markdown", help="Print Markdown (the same content) instead of tables.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the output file if it already exists.")
]


def show(
    view: V,
    json: bool,
    markdown: bool = False,
    *,
    rich: Callable[[V], Any],
    as_json: Callable[[V], Any],
    as_markdown: Callable[[V], str] | None = None,
) -> None:
    """Print a view in the format the person chose: JSON, Markdown, else Rich tables.

    The formatters are passed as functions, so each command says exactly which it uses;
    written as lambdas over :mod:`careerfit.present`, only the chosen one is imported.
    """
    if json:
        print_json(as_json(view))
    elif markdown and as_markdown is not None:
        sys.stdout.write(as_markdown(view))
    else:
        print_rich(rich(view))


def print_rich(renderable: Any) -> None:
    """Print a Rich renderable on stdout."""
    from careerfit.present.consoles import console

    console().print(renderable)


def print_json(value: Any) -> None:
    """Print JSON on stdout."""
    from careerfit.present.jsondata import dumps

    sys.stdout.write(dumps(value) + "\n")


def write_output(output: Path, text: str, force: bool) -> None:
    """Write to a file atomically (saying so on stderr), or to stdout for '-'."""
    if str(output) == "-":
        sys.stdout.write(text)
        return
    from careerfit.files import write_atomic

    write_atomic(output, text, force)
    typer.echo(f"Wrote {output}.", err=True)
