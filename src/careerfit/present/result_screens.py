"""Rich screens for results: the ranked table, why the best match fits, gaps, history, batch.

Each function returns a renderable and never prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from careerfit.clock import local
from careerfit.present import views, wording
from careerfit.present.citing import Notes
from careerfit.present.widgets import Bullets, bar, cited, plain

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.panel import Panel

    from careerfit.fit.assess import Assessment
    from careerfit.fit.ranking import RoleResult
    from careerfit.kb.knowledge_base import KnowledgeBase
    from careerfit.quiz.sessions import Overview


def results(
    kb: KnowledgeBase, assessment: Assessment, top: int, heading: str, width: int, hint: str
) -> Group:
    """The ranked table, then why the best match fits, its gaps, caveats and where to go next.

    With too few answers about the work there is no ranking, only what to do about it.
    Below 72 columns the table leaves out its reasons column (the panel under it explains
    the best match) so that role names and statuses stay readable.
    """
    from rich.console import Group

    if not assessment.enough:
        return Group(plain(heading, "bold"), plain(wording.not_enough(kb, assessment), "yellow"))
    best = assessment.best
    notes = Text()
    tie = wording.tie_note(assessment)
    if tie:
        notes.append_text(plain(f"{tie}\n", "yellow"))
    chance = wording.chance_note(assessment, top)
    if chance:
        notes.append_text(plain(f"{chance}\n"))
    for concern in assessment.concerns:
        notes.append_text(plain(f"Careful: {concern.text}\n", "yellow"))
    swap = wording.swap_hint(assessment)
    if swap:
        notes.append_text(plain(f"Top two: {swap}\n"))
    notes.append_text(plain(hint, "dim"))
    return Group(
        ranked_table(kb, assessment, top, heading, wide=width >= 72),
        breakdown(best),
        gaps_panel(kb, best),
        notes,
    )


def ranked_table(
    kb: KnowledgeBase, assessment: Assessment, top: int, heading: str, wide: bool
) -> Table:
    """The first ``top`` roles: place, fit bar, status, and (when wide) what fits best.

    When the person works in legal support already, the last column says how each role
    relates to their job (a step up, across, back), where the sources name that move.
    """
    from_job = assessment.person.current_role is not None
    table = Table(title=plain(heading), box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Role", ratio=3, min_width=12)
    table.add_column("Fit", no_wrap=True, min_width=14)
    table.add_column("Status", ratio=2, min_width=8)
    if wide:
        table.add_column("From your job" if from_job else "Strongest matches", ratio=4)
    for r in assessment.ranked[:top]:
        fit = bar(r.fit / 100, 10)
        fit.append(f" {wording.fit_number(r.fit):>3}")
        leading = r in assessment.leaders
        better = wording.better_than_chance(r)
        cells: list[RenderableType] = [
            wording.rank_label(assessment, r),
            plain(r.role.title, "bold" if leading else "" if better else "dim"),
            fit,
            plain(r.status, "green" if r.clear else "yellow"),
        ]
        if wide:
            if from_job:
                cells.append(plain(wording.relation_text(kb, assessment, r) or "-"))
            elif not better:
                cells.append(plain(wording.NO_BETTER_THAN_CHANCE, "dim"))
            else:
                cells.append(plain("; ".join(c.brief for c in r.strongest) or "-"))
        table.add_row(*cells)
    table.caption = (
        "Fit: how much better than chance you and the role agree, from 0 (no better than "
        "random answers) to 100 (agreement on everything)."
    )
    return table


def breakdown(result: RoleResult) -> Panel:
    """Each factor's points, for the role or against it; they add up to the fit.

    A factor that counts against the role shows negative points; one no source gives for
    the role says "no data for this role" and counts neither way.
    """
    from rich.console import Group
    from rich.panel import Panel

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True, justify="right")
    known = [c for c in result.contributions if c.known]
    points = wording.apportion([c.points for c in known])
    for contribution, shown in zip(known, points, strict=True):
        style = "green" if shown > 0 else "yellow" if shown < 0 else "dim"
        grid.add_row(plain(contribution.label), plain(f"{shown:+5.1f}", style))
    for contribution in result.unknown:
        grid.add_row(plain(contribution.label), plain("no data for this role", "dim"))
    grid.add_row(plain("Fit", "bold"), plain(f"{sum(points):5.1f}", "bold"))
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


# What each stored status means to the person.
_STATUS = {"complete": "finished", "in-progress": "unfinished", "abandoned": "set aside"}


def history_table(quizzes: list[Overview], questions: int) -> Table:
    """Past quizzes, newest first, with their top match (so far, for unfinished ones)."""
    table = Table(title="Your quizzes", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right")
    table.add_column("Started", no_wrap=True)
    table.add_column("Status")
    table.add_column("Answered", justify="right")
    table.add_column("Top match")
    for q in quizzes:
        s = q.session
        top = "-"
        if q.top is not None and q.fit is not None:
            top = f"{q.top} ({wording.fit_number(q.fit)})" + (" so far" if q.so_far else "")
        table.add_row(
            str(s.id),
            plain(local(s.started_at)),
            plain(_STATUS.get(s.status, s.status)),
            f"{s.answered} of {questions}",
            plain(top),
        )
    table.caption = "'careerfit results N' shows one again; 'careerfit quiz --resume N' carries on."
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
    invalid = len(summary.invalid)
    rows = "invalid row" if invalid == 1 else "invalid rows"
    table.caption = f"{summary.scored:,} scored, {invalid:,} {rows} skipped."
    return table
