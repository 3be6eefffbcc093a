"""Rich screens for the knowledge base: the roles table, a profile, a comparison, career paths.

Each function returns a renderable and never prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from careerfit.present import views, wording
from careerfit.present.widgets import Bullets, bar, cited, plain

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.panel import Panel
    from rich.tree import Tree

    from careerfit.kb.facts import Pay
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.kb.roles import Role


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
        figure = f"{wording.money(pay.low)}-\n{wording.money(pay.high)}"
    else:
        figure = wording.money(pay.representative)
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
    head.append_text(plain(f" {wording.mix_text(view.substantive_share)}"))
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


def path_tree(role: Role, steps: tuple[views.Step, ...]) -> Tree:
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
