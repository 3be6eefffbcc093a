"""Rich screens for results: the ranked table, why the best match fits, gaps, history, batch.

Each function returns a renderable and never prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from careerfit.present import views, wording
from careerfit.present.citing import Notes
from careerfit.present.widgets import Bullets, bar, cited, plain

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.panel import Panel

    from careerfit.fit.assess import Assessment
    from careerfit.fit.ranking import RoleResult
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.quiz.store import Session


def results(
    kb: KnowledgeBase, assessment: Assessment, top: int, heading: str, width: int, hint: str
) -> Group:
    """The ranked table, then why the best match fits, its gaps, caveats and where to go next.

    Below 72 columns the table leaves out its reasons column (the panel under it explains
    the best match) so that role names and statuses stay readable.
    """
    from rich.console import Group

    best = assessment.best
    notes = Text()
    for concern in assessment.concerns:
        notes.append_text(plain(f"Careful: {concern.text}\n", "yellow"))
    swap = wording.swap_hint(assessment)
    if swap:
        notes.append_text(plain(f"Top two: {swap}\n"))
    notes.append_text(plain(hint, "dim"))
    return Group(
        ranked_table(assessment, top, heading, wide=width >= 72),
        breakdown(best),
        gaps_panel(kb, best),
        notes,
    )


def ranked_table(assessment: Assessment, top: int, heading: str, wide: bool) -> Table:
    """The first ``top`` roles: rank, fit bar, status, and (when wide) the strongest matches."""
    table = Table(title=plain(heading), box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Role", ratio=3, min_width=12)
    table.add_column("Fit", no_wrap=True, min_width=15)
    table.add_column("Status", ratio=2, min_width=8)
    if wide:
        table.add_column("Strongest matches", ratio=4)
    for r in assessment.ranked[:top]:
        fit = bar(r.fit / 100, 10)
        fit.append(f" {round(r.fit):>3}%")
        cells: list[RenderableType] = [
            str(r.rank),
            plain(r.role.title, "bold" if r.rank == 1 else ""),
            fit,
            plain(r.status, "green" if r.ready else "yellow"),
        ]
        if wide:
            cells.append(plain("; ".join(c.brief for c in r.strongest) or "-"))
        table.add_row(*cells)
    return table


def breakdown(result: RoleResult) -> Panel:
    """Each factor's points as a bar against what it could earn; they add up to the fit."""
    from rich.console import Group
    from rich.panel import Panel

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(ratio=2)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    points = wording.apportion([c.points for c in result.contributions])
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


def gaps_panel(kb: KnowledgeBase, result: RoleResult) -> Panel:
    """What stands between the person and the role, what the sources say, and which sources."""
    from rich.console import Group
    from rich.panel import Panel

    body: RenderableType
    if not result.gaps:
        body = plain("Nothing the sources require or recommend stands in your way.", "green")
    else:
        notes = Notes(kb)
        lines = [
            cited(views.Item(wording.gap_text(g), g.cites, notes.mark(g.cites)))
            for g in result.gaps
        ]
        sources = [
            plain(f"{n.number}. {n.text}" + (f" {n.url}" if n.url else ""), "dim")
            for n in notes.listed()
        ]
        body = Group(Bullets(lines), *sources)
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
