"""The content of a results report, as plain data, before any formatting.

The Markdown report and the JSON export are two formats of this one object, so a
counsellor reading the document and a script reading the JSON see the same facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerfit import __version__, clock
from careerfit.fit.ranking import RoleResult
from careerfit.kb.facts import VaryKind
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.present import views, wording
from careerfit.present.citing import Notes, SourceNote
from careerfit.records import record

if TYPE_CHECKING:
    from careerfit.fit.assess import Assessment
    from careerfit.quiz.sessions import Answered


@record
class AnswerRow:
    """One question of the appendix and what was answered (None: skipped, or not asked)."""

    question_id: str
    question: str
    answer: str | None


@record
class RoleDetail:
    """Everything the report says about one of the top roles."""

    result: RoleResult
    contributions: tuple[tuple[str, float, str], ...]  # label, points (+ for, - against), reason
    summary: views.Item
    unknown: tuple[str, ...]  # factors in play that no source gives for this role
    relation: str | None  # how the role relates to the person's current job
    watch_out: tuple[views.Item, ...]
    gaps: tuple[views.Item, ...]
    leads_to: tuple[views.Item, ...]


@record
class Report:
    """A quiz's results, ready to format."""

    created: str
    careerfit_version: str
    kb_version: str
    answered_against: str | None  # the older knowledge-base version, when it differs
    dropped: tuple[str, ...]  # answers no longer asked by the current questions
    source_label: str  # "quiz 3, started 2026-11-25" or "answers file x.yaml"
    stopped: str | None  # how many questions an adaptive quiz asked and why it stopped
    ranked: tuple[RoleResult, ...]
    places: tuple[str, ...]  # each ranked role's place as shown: "3", or "1-2" for a tie
    not_enough: str | None  # why there is no ranking yet, when there is not
    tie: str | None  # what a tie for first place means, when there is one
    chance: str | None  # said when some ranked roles fit no better than random answers
    details: tuple[RoleDetail, ...]
    cautions: tuple[str, ...]
    swap: str | None
    answers: tuple[AnswerRow, ...]
    sources: tuple[SourceNote, ...]  # numbered in the order the report cites them


def build(kb: KnowledgeBase, answered: Answered, assessment: Assessment, top: int = 3) -> Report:
    """Gather what the report shows: the ranking, the top ``top`` roles in full, the answers."""
    notes = Notes(kb)
    shown = assessment.ranked[:top] if assessment.enough else ()
    details = tuple(_detail(kb, assessment, result, notes) for result in shown)
    rows = []
    for q in kb.questions:
        value = assessment.answers.get(q.id)
        chosen = value if isinstance(value, tuple) else (value,)
        labels = [o.label for o in q.options if o.value in chosen]
        rows.append(AnswerRow(q.id, q.text, "; ".join(labels) if labels else None))
    return Report(
        created=clock.now(),
        careerfit_version=__version__,
        kb_version=kb.version,
        answered_against=answered.answered_against,
        dropped=answered.dropped,
        source_label=wording.label(answered),
        stopped=wording.stopped_note(answered, len(kb.questions)),
        ranked=assessment.ranked,
        places=tuple(wording.rank_label(assessment, r) for r in assessment.ranked),
        not_enough=None if assessment.enough else wording.not_enough(kb, assessment),
        tie=wording.tie_note(assessment),
        chance=wording.chance_note(assessment, len(assessment.ranked))
        if assessment.enough
        else None,
        details=details,
        cautions=tuple(c.text for c in assessment.concerns),
        swap=wording.swap_hint(assessment),
        answers=tuple(rows),
        sources=notes.listed(),
    )


def _detail(
    kb: KnowledgeBase, assessment: Assessment, result: RoleResult, notes: Notes
) -> RoleDetail:
    """What the report says about one of the top roles, its sources numbered in ``notes``."""
    role = result.role
    known = [c for c in result.contributions if c.known]
    points = wording.apportion([c.points for c in known])
    contributions = tuple(
        (c.label, shown, c.reason) for c, shown in zip(known, points, strict=True)
    )
    unknown = tuple(c.label for c in result.unknown)
    relation = wording.relation_text(kb, assessment, result)
    summary = views.Item(role.summary.text, tuple(role.summary.cite), notes.mark(role.summary.cite))
    watch = [views.Item(result.reason_against)] if result.reason_against else []
    watch += [views.Item(c.text, tuple(c.cite), notes.mark(c.cite)) for c in role.challenges]
    watch += [
        views.Item(f"{v.topic}: {v.text}", tuple(v.cite), notes.mark(v.cite))
        for v in role.varies
        if v.kind is VaryKind.disagreement
    ]
    gap_items = tuple(
        views.Item(wording.gap_text(g), g.cites, notes.mark(g.cites)) for g in result.gaps
    )
    leads_to = tuple(views.move_item(kb, m, notes) for m in role.moves)
    return RoleDetail(
        result, contributions, summary, unknown, relation, tuple(watch), gap_items, leads_to
    )
