"""Rich renderables for every view. Returns renderables, never prints.

All text that comes from a data file goes through :func:`plain`, which builds a ``Text``
(never parsed as markup, so ``[bold]`` stays literal) from a string whose control characters
are made visible (so an escape sequence in a knowledge base cannot drive the terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from careerfit.present import views
from careerfit.present.consoles import clean

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.panel import Panel
    from rich.tree import Tree

    from careerfit.fit.assess import Results, RoleResult
    from careerfit.fit.insight import Concern
    from careerfit.kb.facts import Pay
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.kb.roles import Role
    from careerfit.quiz.store import Session


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


def roles(kb: KnowledgeBase) -> Table:
    """All roles: title, substantive/procedural bar, typical education, pay, summary."""
    table = Table(title="Legal-support roles", box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("Role", ratio=2, min_width=14)
    table.add_column("Substantive", no_wrap=True, width=11)
    table.add_column("Education", no_wrap=True, width=11)
    table.add_column("Pay", no_wrap=True, width=9)
    table.add_column("Summary", ratio=3)
    for role in kb.roles:
        name = plain(role.title, "bold")
        mix = bar(role.substantive_share, 6)
        mix.append(f" {round(role.substantive_share * 100):>3}%")
        edu = role.education.typical
        pay = views.headline_pay(role)
        table.add_row(
            name,
            mix,
            plain(edu.level.value if edu else "not given", "" if edu else "dim"),
            _pay_cell(pay) if pay else plain("not given", "dim"),
            plain(role.summary.text),
        )
    table.caption = (
        "Substantive: share of the role's duties that are substantive legal work. "
        "'careerfit profile \"Legal Clerk\"' shows a role in full, with sources "
        "(its title or id, e.g. legal-clerk)."
    )
    return table


def _pay_cell(pay: Pay) -> Text:
    """Figure on the first line, what it is and when underneath: fits a narrow column."""
    if pay.low is not None and pay.high is not None:
        figure = f"{views.money(pay.low)}-\n{views.money(pay.high)}"
    else:
        figure = views.money(pay.representative)
    out = plain(figure)
    out.append_text(plain(f"\n{pay.kind.value}\n{pay.year}", "dim"))
    return out


def profile(view: views.Profile) -> Group:
    """A role as panels: header, then each section, then sources."""
    from rich.console import Group
    from rich.panel import Panel

    role = view.role
    head = Text()
    head.append_text(plain(role.summary.text))
    head.append_text(plain(f"  [{', '.join(role.summary.cite)}]", "dim"))
    if role.aliases:
        head.append_text(plain(f"\nAlso called: {', '.join(role.aliases)}", "italic"))
    head.append("\nDuties: ")
    head.append_text(bar(view.substantive_share))
    head.append_text(plain(f" {views.mix_text(view.substantive_share)}"))
    parts: list[RenderableType] = [
        Panel(head, title=plain(f"{role.title} ({role.id})", "bold"), title_align="left")
    ]
    for section in view.sections:
        parts.append(_section_panel(section))
    sources = Table.grid(padding=(0, 1))
    for sid, title in view.sources:
        sources.add_row(plain(sid, "bold"), plain(title))
    parts.append(Panel(sources, title="Sources", title_align="left", border_style="dim"))
    return Group(*parts)


def _section_panel(section: views.Section) -> Panel:
    from rich.panel import Panel

    if section.not_given or not section.items:
        body: RenderableType = plain(views.NOT_GIVEN, "dim italic")
    else:
        body = Bullets([cited(item, show_tag=True) for item in section.items])
    return Panel(body, title=plain(section.title), title_align="left")


def comparison(view: views.Comparison) -> Group:
    """Side-by-side rows, then what the sources say sets the roles apart."""
    from rich.console import Group
    from rich.panel import Panel

    table = Table(box=box.HEAVY_HEAD, show_lines=True, expand=True, title="Side by side")
    table.add_column("", style="bold", min_width=16)
    for role in view.roles:
        table.add_column(plain(role.title), ratio=4)
    for label, cells in view.rows:
        rendered = []
        for items in cells:
            text = Text()
            for n, item in enumerate(items):
                if n:
                    text.append("\n")
                text.append_text(plain("• " if len(items) > 1 else ""))
                text.append_text(cited(item, show_tag=label == "Key responsibilities"))
            rendered.append(text)
        table.add_row(plain(label), *rendered)
    parts: list[RenderableType] = [table]
    for title, items in view.differences:
        parts.append(
            Panel(
                Bullets([cited(item) for item in items]),
                title=plain(f"What the sources say sets {title} apart"),
                title_align="left",
            )
        )
    return Group(*parts)


def path_tree(kb: KnowledgeBase, role: Role, steps: tuple[views.Step, ...]) -> Tree:
    """Where a role can lead, as a tree; each step says what it takes."""
    from rich.tree import Tree

    tree = Tree(plain(f"{role.title} ({role.id})", "bold"))
    if not steps:
        tree.add(plain("No source names a move from this role.", "dim italic"))
    _add_steps(tree, steps)
    return tree


def _add_steps(node: Tree, steps: tuple[views.Step, ...]) -> None:
    for step in steps:
        label = Text()
        label.append_text(plain(step.role.title, "bold"))
        label.append_text(plain(f" ({step.kind.value})", "cyan"))
        label.append_text(plain(f"  [{', '.join(step.cites)}]", "dim"))
        branch = node.add(label)
        for need in step.takes or ("Nothing beyond experience is named by the sources.",):
            branch.add(plain(f"takes: {need}", "" if step.takes else "dim"))
        _add_steps(branch, step.children)


def results(
    outcome: Results,
    top: int,
    concerns: list[Concern],
    swap: str | None,
    heading: str,
    width: int = 80,
) -> Group:
    """The ranked table, then why the best match fits, its gaps, caveats and next commands.

    Below 72 columns the table leaves out its reasons column (the panel under it explains
    the best match) so that role names and statuses stay readable.
    """
    from rich.console import Group

    wide = width >= 72
    table = Table(title=plain(heading), box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Role", ratio=3, min_width=12)
    table.add_column("Fit", no_wrap=True, min_width=15)
    table.add_column("Status", ratio=2, min_width=8)
    if wide:
        table.add_column("Strongest matches", ratio=4)
    for r in outcome.ranked[:top]:
        fit = bar(r.fit / 100, 10)
        fit.append(f" {round(r.fit):>3}%")
        cells = [
            str(r.rank),
            plain(r.role.title, "bold" if r.rank == 1 else ""),
            fit,
            plain(r.status, "green" if r.ready else "yellow"),
        ]
        if wide:
            cells.append(plain("; ".join(c.brief for c in r.strongest) or "-"))
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    best = outcome.ranked[0]
    parts.append(breakdown(best))
    parts.append(gaps_panel(best))
    notes = Text()
    for concern in concerns:
        notes.append_text(plain(f"Careful: {concern.text}\n", "yellow"))
    if swap:
        notes.append_text(plain(f"Top two: {swap}\n"))
    second = outcome.ranked[1].role.id if len(outcome.ranked) > 1 else best.role.id
    notes.append_text(
        plain(
            f"Go deeper: careerfit profile {best.role.id} · careerfit compare {best.role.id} "
            f"{second} · careerfit paths {best.role.id}",
            "dim",
        )
    )
    parts.append(notes)
    return Group(*parts)


def breakdown(result: RoleResult) -> Panel:
    """Each factor's points as a bar against what it could earn; they add up to the fit."""
    from rich.console import Group
    from rich.panel import Panel

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(ratio=2)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    points = views.apportion([c.points for c in result.contributions])
    for contribution, shown in zip(result.contributions, points, strict=True):
        grid.add_row(
            plain(contribution.label),
            bar(contribution.closeness, 10),
            plain(f"{shown:4.1f} of {100 * contribution.share:4.1f}"),
        )
    grid.add_row(plain("Fit", "bold"), Text(""), plain(f"{sum(points):4.1f}", "bold"))
    why = Text()
    for reason in result.reasons_for:
        why.append_text(plain(f"+ {reason}\n", "green"))
    if result.reason_against:
        why.append_text(plain(f"- {result.reason_against}", "yellow"))
    return Panel(
        Group(grid, why),
        title=plain(f"Why {result.role.title} fits you"),
        title_align="left",
    )


def gaps_panel(result: RoleResult) -> Panel:
    """What stands between the person and the role, each with the next concrete step."""
    from rich.panel import Panel

    if not result.gaps:
        body: RenderableType = plain(
            "Nothing the sources require or recommend stands in your way.", "green"
        )
    else:
        lines = []
        for gap in result.gaps:
            line = plain(("Needs " if gap.hard else "") + gap.short, "bold" if gap.hard else "")
            line.append_text(plain(f": {gap.next_step}"))
            line.append_text(plain(f"  [{', '.join(gap.cites)}]", "dim"))
            lines.append(line)
        body = Bullets(lines)
    return Panel(
        body, title=plain(f"Gaps and next steps for {result.role.title}"), title_align="left"
    )


def history_table(sessions: list[Session]) -> Table:
    """Past quizzes, newest first."""
    table = Table(title="Your quizzes", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right")
    table.add_column("Started (UTC)", no_wrap=True)
    table.add_column("Status")
    table.add_column("Answered", justify="right")
    table.add_column("Top match")
    for s in sessions:
        top = f"{s.top_role} ({round(s.top_fit)}%)" if s.top_role and s.top_fit is not None else "-"
        table.add_row(
            str(s.id),
            plain(s.started_at.replace("T", " ")[:16]),
            plain(s.status),
            str(s.answered),
            plain(top),
        )
    table.caption = "'careerfit results N' shows one again."
    return table


def batch_summary(kb: KnowledgeBase, summary: Any) -> Table:
    """How many respondents matched which role first."""
    table = Table(title="First matches", box=box.SIMPLE_HEAD)
    table.add_column("Role")
    table.add_column("Respondents", justify="right")
    table.add_column("Share", justify="right")
    total = summary.scored or 1
    for role_id, count in summary.first.most_common():
        table.add_row(plain(kb.by_id[role_id].title), str(count), f"{count / total:.1%}")
    table.caption = f"{summary.scored:,} scored, {len(summary.invalid):,} invalid rows skipped."
    return table
