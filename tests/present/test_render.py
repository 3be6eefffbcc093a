"""Rendering details a reader would notice."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careerfit.present.widgets import Bullets

ITEMS = [
    Text("Drafts pleadings, motions and discovery requests for attorney review  [s001:12]"),
    Text("short"),
    Text("Interviews clients and witnesses; keeps the case file in order.", style="bold"),
]


def _draw(renderable, width: int, colour: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="256" if colour else None,
    )
    console.print(Panel(renderable, title="Duties"))
    return console.file.getvalue()


@pytest.mark.parametrize("width", [20, 40, 61, 100])
def test_bullets_wrap_under_their_text_as_a_two_column_grid_does(width):
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in ITEMS:
        grid.add_row("•", item)
    assert _draw(Bullets(ITEMS), width) == _draw(grid, width)


def test_bullets_keep_each_items_style():
    assert "\x1b[1mInterviews clients" in _draw(Bullets(ITEMS), 100, colour=True)


def test_a_word_longer_than_the_line_is_folded_not_cut():
    drawn = _draw(Bullets([Text("see " + "x" * 130)]), 40)
    assert drawn.count("x") == 130 and "…" not in drawn
