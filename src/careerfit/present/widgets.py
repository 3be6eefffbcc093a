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
    """An item's text followed by its citations, dimmed."""
    out = Text()
    if show_tag and item.tag:
        out.append_text(plain(f"[{item.tag}] ", "cyan"))
    out.append_text(plain(item.text))
    if item.cites:
        out.append_text(plain(f"  [{', '.join(item.cites)}]", "dim"))
    return out


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
