"""Commands about the knowledge base: roles, profile, compare, paths, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careerfit import present
from careerfit.cli.app import (
    DataOption,
    JsonOption,
    MarkdownOption,
    app,
    knowledge_base,
    show,
)

RoleArg = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="Role id, title or alias, any case (e.g. paralegal, 'Legal Clerk').",
        show_default=False,
    ),
]


@app.command()
def roles(ctx: typer.Context, _data: DataOption = None, json: JsonOption = False) -> None:
    """List every role: how substantive it is, typical education, pay and a one-line summary.

    Example: careerfit roles
    """
    show(
        knowledge_base(ctx),
        json,
        rich=lambda kb: present.role_screens.roles(kb),
        as_json=lambda kb: present.jsondata.roles(kb),
    )


@app.command()
def profile(
    ctx: typer.Context,
    role: RoleArg,
    _data: DataOption = None,
    json: JsonOption = False,
    markdown: MarkdownOption = False,
) -> None:
    """Show everything about one role, each fact with its source.

    Example: careerfit profile "legal secretary" --markdown > legal-secretary.md
    """
    kb = knowledge_base(ctx)
    show(
        present.views.profile(kb, kb.find_role(role)),
        json,
        markdown,
        rich=lambda view: present.role_screens.profile(view),
        as_json=lambda view: present.jsondata.profile(view),
        as_markdown=lambda view: present.markdown.profile(view),
    )


@app.command()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE...", help="Two or more roles (id, title or alias).", show_default=False
        ),
    ],
    _data: DataOption = None,
    json: JsonOption = False,
    markdown: MarkdownOption = False,
) -> None:
    """Put two or more roles side by side, with what the sources say sets them apart.

    Example: careerfit compare legal-secretary legal-clerk
    """
    kb = knowledge_base(ctx)
    show(
        present.views.compare(kb, [kb.find_role(name) for name in roles]),
        json,
        markdown,
        rich=lambda view: present.role_screens.comparison(view, _width()),
        as_json=lambda view: present.jsondata.comparison(view),
        as_markdown=lambda view: present.markdown.comparison(view),
    )


@app.command()
def paths(
    ctx: typer.Context,
    role: RoleArg,
    _data: DataOption = None,
    depth: Annotated[
        int, typer.Option(min=1, max=5, metavar="N", help="How many steps out to follow (1-5).")
    ] = 2,
    json: JsonOption = False,
) -> None:
    """Show where a role can lead (advancement and lateral moves) and what each step takes.

    Example: careerfit paths legal-secretary --depth 3
    """
    kb = knowledge_base(ctx)
    show(
        present.views.paths(kb, kb.find_role(role), depth),
        json,
        rich=lambda view: present.role_screens.path_tree(view),
        as_json=lambda view: present.jsondata.paths(view),
    )


def _width() -> int:
    from careerfit.present.consoles import console

    return console().width


@app.command()
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="Knowledge-base folder to check (default: the one in use).",
            show_default=False,
        ),
    ] = None,
    _data: DataOption = None,
) -> None:
    """Check a knowledge base and report every problem with file, line, field and fix.

    Example: careerfit validate ./my-centre-data
    """
    from careerfit.kb.load import load
    from careerfit.kb.location import resolve_data_dir

    target = directory or resolve_data_dir(ctx.obj)
    kb = load(target)  # raises DataError listing every problem
    typer.echo(
        f"{target}: valid. {len(kb.roles)} roles, {len(kb.questions)} questions, "
        f"knowledge-base version {kb.version}."
    )
