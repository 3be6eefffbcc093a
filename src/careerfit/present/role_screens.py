"""Rich screens for the knowledge base: the roles table, a profile, a comparison, career paths.

Each function returns a renderable and never prints. Every screen is readable from 60
columns up: tables keep one line per role, comparisons stack topic by topic when the
terminal is too narrow for roles side by side, and no word is ever cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from careerfit.present import views, wording
from careerfit.present.widgets import Bullets, bar, cited, plain, sources_block

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.tree import Tree

    from careerfit.kb.knowledge_base import KnowledgeBase

# Below this many columns for each role, a comparison stacks its topics instead.
SIDE_BY_SIDE_COLUMNS = 32


def roles(kb: KnowledgeBase) -> Table:
    """All roles, one line each: title, how substantive, usual education, pay."""
    table = Table(title="Legal-support roles", box=box.SIMPLE_HEAD, expand=False)
    # Wraps only when the terminal is narrower than 72 columns, and never inside a word.
    longest_word = max(len(word) for r in kb.roles for word in r.title.split())
    table.add_column("Role", min_width=longest_word)
    table.add_column("Substantive", no_wrap=True)
    table.add_column("Education", no_wrap=True)
    table.add_column("Pay", no_wrap=True, justify="right")
    for role in kb.roles:
        mix = bar(role.substantive_share, 5)
        mix.append(f" {round(role.substantive_share * 100):>3}%")
        point = role.education.typical or role.education.minimum
        pay = role.scoring_pay
        table.add_row(
            plain(role.title, "bold"),
            mix,
            plain(wording.EDUCATION_SHORT[point.level]) if point else plain("not known", "dim"),
            plain(wording.figure(pay))
            if pay
            else plain("see profile" if role.pay else "not known", "dim"),
        )
    table.caption = (
        "Substantive: the share of duties that are substantive legal work. Education: what "
        "the role usually asks. Pay: the figure the quiz uses ('see profile' where there are "
        'only older or partial figures). careerfit profile "Legal Clerk" shows a role in '
        "full, with sources and years."
    )
    return table


def profile(view: views.Profile) -> Group:
    """A role as panels: summary, each section, what is not known, then the sources."""
    from rich.console import Group
    from rich.panel import Panel

    role = view.role
    head = Text()
    head.append_text(cited(view.summary))
    if role.aliases:
        head.append_text(plain(f"\nAlso called: {', '.join(role.aliases)}", "italic"))
    head.append("\nDuties: ")
    head.append_text(bar(view.substantive_share))
    head.append_text(plain(f" {wording.mix_text(view.substantive_share)}"))
    parts: list[RenderableType] = [Panel(head, title=plain(role.title, "bold"), title_align="left")]
    for section in view.sections:
        if section.items:
            body = Bullets([cited(item, show_tag=True) for item in section.items])
            parts.append(Panel(body, title=plain(section.title), title_align="left"))
    if view.unknown:
        unknown = Bullets([plain(f"{u.title}: {u.reason}") for u in view.unknown])
        parts.append(Panel(unknown, title=plain("Not known"), title_align="left"))
    parts.append(sources_block(view.sources))
    return Group(*parts)


def comparison(view: views.Comparison, width: int) -> Group:
    """Roles side by side when the terminal is wide enough, else topic by topic."""
    from rich.console import Group

    label = max(len(row.label) for row in view.rows) + 3  # the topic column and its padding
    side_by_side = (width - label) / len(view.roles) >= SIDE_BY_SIDE_COLUMNS
    parts: list[RenderableType] = [
        _side_by_side(view) if side_by_side else _stacked(view),
        *_differences(view),
        sources_block(view.sources),
    ]
    return Group(*parts)


def _cell(items: tuple[views.Item, ...], tags: bool) -> Text:
    text = Text()
    for n, item in enumerate(items):
        if n:
            text.append("\n")
        text.append_text(plain("• " if len(items) > 1 else ""))
        text.append_text(cited(item, show_tag=tags))
    return text


def _side_by_side(view: views.Comparison) -> Table:
    table = Table(box=box.HEAVY_HEAD, show_lines=True, expand=True, title="Side by side")
    table.add_column("", style="bold", no_wrap=True)
    for role in view.roles:
        table.add_column(plain(role.title), ratio=1)
    for row in view.rows:
        tags = row.label == "Key responsibilities"
        table.add_row(plain(row.label), *(_cell(items, tags) for items in row.cells))
    return table


def _stacked(view: views.Comparison) -> Group:
    """One block per topic, each role under it: readable in a narrow terminal."""
    from rich.console import Group
    from rich.rule import Rule

    parts: list[RenderableType] = []
    for row in view.rows:
        parts.append(Rule(plain(row.label, "bold"), align="left"))
        tags = row.label == "Key responsibilities"
        for role, items in zip(view.roles, row.cells, strict=True):
            parts.append(plain(role.title, "bold cyan"))
            parts.append(Bullets([cited(item, show_tag=tags) for item in items]))
    return Group(*parts)


def _differences(view: views.Comparison) -> list[RenderableType]:
    from rich.panel import Panel

    return [
        Panel(
            Bullets([cited(item) for item in difference.items]),
            title=plain(f"What a source says sets {difference.title} apart"),
            title_align="left",
        )
        for difference in view.differences
    ]


def path_tree(view: views.Paths) -> Group:
    """Where a role can lead, as a tree; each step says what it takes; then the sources."""
    from rich.console import Group
    from rich.tree import Tree

    tree = Tree(plain(view.start.title, "bold"))
    if not view.steps:
        tree.add(plain("No source names a move from this role.", "dim italic"))
    _add_steps(tree, view.steps)
    return Group(tree, sources_block(view.sources))


def _add_steps(node: Tree, steps: tuple[views.Step, ...]) -> None:
    for step in steps:
        label = Text()
        label.append_text(plain(step.role.title, "bold"))
        label.append_text(plain(f" ({step.kind})", "cyan"))
        label.append_text(cited(views.Item("", notes=step.notes)))
        branch = node.add(label)
        for need in step.takes:
            branch.add(cited(views.Item(f"takes: {need.text}", notes=need.notes)))
        if not step.takes:
            branch.add(plain("takes: nothing the sources name beyond experience", "dim"))
        _add_steps(branch, step.children)
