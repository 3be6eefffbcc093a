"""The command line: parse arguments, call the core, render. Nothing else lives here.

Errors from the core (:class:`careerfit.errors.CareerfitError`) become a message on stderr
and an exit code in exactly one place, :class:`_Group.invoke`, so every command, and the
test runner that calls commands directly, gets the same behaviour.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer import _click as click
from typer.core import TyperGroup

from careerfit.errors import CareerfitError, ExitCode

if TYPE_CHECKING:
    from careerfit.knowledge import KnowledgeBase


class _Group(TyperGroup):
    """Turns careerfit errors and Ctrl-C into a one-paragraph message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CareerfitError as err:
            _fail(str(err), err.exit_code)
        except KeyboardInterrupt:
            _fail("Interrupted; nothing was changed.", ExitCode.INTERRUPTED)
        except (typer.Exit, typer.Abort, click.ClickException):
            raise
        except Exception as err:
            if os.environ.get("CAREERFIT_DEBUG"):
                raise
            _fail(
                f"careerfit hit an internal error ({type(err).__name__}: {err}). This is a bug; "
                "please report it with the command you ran. Set CAREERFIT_DEBUG=1 to see the "
                "traceback.",
                ExitCode.INTERNAL,
            )


def _fail(message: str, code: int) -> None:
    from careerfit.output import clean, error_console

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
    from careerfit.datadir import resolve_data_dir
    from careerfit.knowledge import load

    return load(resolve_data_dir(ctx.obj))


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")
]


def _print(renderable: Any) -> None:
    from careerfit.output import console

    console().print(renderable)


def _print_json(value: Any) -> None:
    from careerfit.jsonview import dumps

    sys.stdout.write(dumps(value) + "\n")


@app.command()
def roles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List every role: how substantive it is, typical education, pay and a one-line summary.

    Example: careerfit roles
    """
    kb = _kb(ctx)
    if json:
        from careerfit import jsonview

        _print_json(jsonview.roles(kb))
        return
    from careerfit import render

    _print(render.roles_table(kb))


RoleArg = Annotated[
    str,
    typer.Argument(
        help="Role id, title or alias, any case (e.g. paralegal, 'Legal Clerk').",
        show_default=False,
    ),
]


@app.command()
def profile(ctx: typer.Context, role: RoleArg, json: JsonOption = False) -> None:
    """Show everything about one role, each fact with its source.

    Example: careerfit profile "legal secretary"
    """
    from careerfit import views

    kb = _kb(ctx)
    view = views.profile(kb, kb.find_role(role))
    if json:
        from careerfit import jsonview

        _print_json(jsonview.profile(view))
        return
    from careerfit import render

    _print(render.profile(view))


@app.command()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(help="Two or more roles (id, title or alias).", show_default=False),
    ],
    json: JsonOption = False,
) -> None:
    """Put two or more roles side by side, with what the sources say sets them apart.

    Example: careerfit compare legal-secretary legal-clerk
    """
    from careerfit import views
    from careerfit.errors import UsageError

    kb = _kb(ctx)
    found = [kb.find_role(name) for name in roles]
    if len({r.id for r in found}) < 2:  # the same role named twice, by id and by alias
        raise UsageError(
            "Name at least two different roles to compare, e.g. "
            "'careerfit compare paralegal legal-assistant'."
        )
    unique = list({r.id: r for r in found}.values())
    view = views.compare(kb, unique)
    if json:
        from careerfit import jsonview

        _print_json(jsonview.comparison(view))
        return
    from careerfit import render

    _print(render.comparison(view))


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
    from careerfit import views

    kb = _kb(ctx)
    start = kb.find_role(role)
    steps = views.paths(kb, start, depth)
    if json:
        from careerfit import jsonview

        _print_json({"from": start.id, "steps": jsonview.path_steps(steps)})
        return
    from careerfit import render

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
    from careerfit.datadir import resolve_data_dir
    from careerfit.knowledge import validate as check

    target = directory or resolve_data_dir(ctx.obj)
    problems = check(target)
    if problems:
        from careerfit.errors import DataError

        raise DataError(problems)
    from careerfit.knowledge import load

    kb = load(target)
    typer.echo(
        f"{target}: valid. {len(kb.roles)} roles, {len(kb.questions_file.questions)} questions, "
        f"knowledge-base version {kb.version}."
    )


def main() -> None:
    """Console-script entry point."""
    app()
