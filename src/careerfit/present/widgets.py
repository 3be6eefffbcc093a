"""Rich building blocks every screen uses: literal text, bars, cited items, bulleted lists.

All text that comes from a data file goes through :func:`plain`, which builds a ``Text``
(never parsed as markup, so ``[bold]`` stays literal) from a string whose control characters
are made visible (so an escape sequence in a knowledge base cannot drive the terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from careerfit.present import views
from careerfit.safetext import clean

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.panel import Panel

    from careerfit.present.citing import SourceNote


def plain(value: str, style: str = "") -> Text:
    """Data text as a literal Rich ``Text``: no markup, no control characters."""
    return Text(clean(value), style=style)


def bar(fraction: float, width: int = 10) -> Text:
    """A bar of full and empty blocks; readable without colour too."""
    full = round(max(0.0, min(1.0, fraction)) * width)
    out = Text("█" * full, style="green")
    out.append("░" * (width - full), style="dim")
    return out


def cited(item: views.Item, show_tag: bool = False) -> Text:
    """An item's text (after its tag, when asked) and its numbered sources, dimmed."""
    out = Text()
    if show_tag and item.tag:
        out.append_text(plain(f"{item.tag}: ", "cyan"))
    out.append_text(plain(item.text))
    if item.notes:
        out.append_text(plain(f" [{', '.join(map(str, item.notes))}]", "dim"))
    return out


def sources_block(sources: tuple[SourceNote, ...]) -> Panel:
    """The numbered sources a view cites: title, publisher, date and address."""
    from rich.panel import Panel

    lines = []
    for note in sources:
        line = plain(f"{note.number}. {note.text}")
        if note.url:
            line.append_text(plain(f" {note.url}", "dim"))
        lines.append(line)
    body: Text | Bullets = (
        Text("\n").join(lines) if lines else plain("No source is cited here.", "dim")
    )
    return Panel(body, title="Sources", title_align="left", border_style="dim")


class Bullets:
    """Bulleted items, each wrapped with a hanging indent under its bullet.

    Draws what a two-column grid ("•", text) would, at a third of the cost (a profile is
    a dozen such lists, and laying them out as tables was most of the time 'careerfit
    profile' took), except that a word longer than the line is folded, not cut short.
    """

    def __init__(self, items: list[Text]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        width = max(1, options.max_width - 2)
        for item in self.items:
            for n, line in enumerate(item.wrap(console, width)):
                row = Text("• " if n == 0 else "  ")
                row.append_text(line)  # keeps the line's own style, which render() leaves out
                yield from row.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        sizes = [Measurement.get(console, options, item) for item in self.items]
        return Measurement(
            2 + max((m.minimum for m in sizes), default=0),
            2 + max((m.maximum for m in sizes), default=0),
        )
