"""JSON shapes of the views, for scripts (``--json``).

Kept separate from the Rich renderer so the machine-readable output never contains
terminal formatting, and documented by tests that read it back.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from careerfit.fit.answers import to_json
from careerfit.fit.assess import Assessment
from careerfit.fit.ranking import RoleResult
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.present import views, wording
from careerfit.present.citing import SourceNote
from careerfit.present.report import Report
from careerfit.records import Record


def dumps(value: Any) -> str:
    """Pretty, stable JSON text."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def _item(item: views.Item) -> dict[str, Any]:
    return {"text": item.text, "cite": list(item.cites), "notes": list(item.notes), "tag": item.tag}


def _sources(sources: tuple[SourceNote, ...]) -> list[dict[str, Any]]:
    return [
        {"number": s.number, "title": s.title, "details": s.details, "url": s.url} for s in sources
    ]


def roles(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One summary object per role, as the roles table shows it."""
    out = []
    for role in kb.roles:
        pay = views.headline_pay(role)
        out.append(
            {
                "id": role.id,
                "title": role.title,
                "aliases": list(role.aliases),
                "summary": role.summary.text,
                "substantive_share": round(role.substantive_share, 4),
                "typical_education": role.education.typical.level.value
                if role.education.typical
                else None,
                "pay": to_plain(pay) if pay else None,
            }
        )
    return out


def profile(view: views.Profile) -> dict[str, Any]:
    """The role as written in the knowledge base, plus what careerfit derives from it."""
    data = to_plain(view.role)
    data["derived"] = {
        "substantive_share": round(view.substantive_share, 4),
        "sources": _sources(view.sources),
    }
    return data


def comparison(view: views.Comparison) -> dict[str, Any]:
    """Rows keyed by label, each with one list of items per role id."""
    ids = [r.id for r in view.roles]
    return {
        "roles": ids,
        "rows": [
            {
                "label": row.label,
                "cells": {
                    rid: [_item(i) for i in items]
                    for rid, items in zip(ids, row.cells, strict=True)
                },
            }
            for row in view.rows
        ],
        "differences": [
            {"roles": d.title, "items": [_item(i) for i in d.items]} for d in view.differences
        ],
        "sources": _sources(view.sources),
    }


def paths(view: views.Paths) -> dict[str, Any]:
    """Where a role leads: nested steps (role, kind, what it takes, notes) and the sources."""
    return {"from": view.start.id, "steps": _steps(view.steps), "sources": _sources(view.sources)}


def _steps(steps: tuple[views.Step, ...]) -> list[dict[str, Any]]:
    return [
        {
            "to": s.role.id,
            "title": s.role.title,
            "kind": s.kind,
            "takes": [_item(i) for i in s.takes],
            "notes": list(s.notes),
            "next": _steps(s.children),
        }
        for s in steps
    ]


def results(
    kb: KnowledgeBase, assessment: Assessment, asked: int | None = None, stopped: str | None = None
) -> dict[str, Any]:
    """Ranked results with every factor, gap and caveat, for scripts.

    ``asked`` and ``stopped``: how many questions an adaptive quiz asked and, when it
    stopped before the last, why (None for answers files and stored quizzes).
    """
    return {
        "knowledge_base_version": kb.version,
        "questions_asked": asked,
        "stopped_because": stopped,
        "answers": {qid: to_json(v) for qid, v in assessment.answers.items()},
        "enough": assessment.enough,
        "not_enough": None if assessment.enough else wording.not_enough(kb, assessment),
        "too_close_to_call": [r.role.id for r in assessment.leaders]
        if len(assessment.leaders) > 1
        else [],
        "ranked": ranked(assessment.ranked),
        "concerns": [{"text": c.text, "questions": list(c.questions)} for c in assessment.concerns],
        "swap": wording.swap_hint(assessment),
    }


def ranked(results: tuple[RoleResult, ...]) -> list[dict[str, Any]]:
    """Each role's rank, fit, status, contributions, gaps and reasons."""
    return [
        {
            "rank": r.rank,
            "role": r.role.id,
            "title": r.role.title,
            "fit": round(r.fit, 2),
            "better_than_chance": wording.better_than_chance(r),
            "status": r.status,
            "ready": r.ready,
            "contributions": [
                {
                    "factor": c.factor,
                    "label": c.label,
                    "points": round(c.points, 4),
                    "score": round(c.score, 4),
                    "weight_share": round(c.share, 4),
                    "known": c.known,
                    "reason": c.reason,
                }
                for c in r.contributions
            ],
            "gaps": [
                {
                    "kind": g.kind,
                    "hard": g.hard,
                    "what": g.name,
                    "status": g.status,
                    "reason": g.reason,
                    "how": g.how,
                    "text": wording.gap_text(g),
                    "cite": list(g.cites),
                }
                for g in r.gaps
            ],
            "reasons_for": list(r.reasons_for),
            "reason_against": r.reason_against,
        }
        for r in results
    ]


def report(r: Report) -> dict[str, Any]:
    """The Markdown report's content as JSON (shape documented in docs/report-format.md)."""
    return {
        "format": "careerfit-report/2",
        "created": r.created,
        "careerfit_version": r.careerfit_version,
        "knowledge_base_version": r.kb_version,
        "answered_against": r.answered_against,
        "dropped_answers": list(r.dropped),
        "from": r.source_label,
        "stopped": r.stopped,
        "not_enough": r.not_enough,
        "too_close_to_call": r.tie,
        "better_than_chance": r.chance,
        "places": list(r.places),
        "ranked": ranked(r.ranked),
        "top": [
            {
                "role": d.result.role.id,
                "summary": _item(d.summary),
                "substantive_share": round(d.result.role.substantive_share, 4),
                "contributions": [
                    {"label": label, "points": points, "reason": why}
                    for label, points, why in d.contributions
                ],
                "no_data": list(d.unknown),
                "from_your_job": d.relation,
                "watch_out": [_item(i) for i in d.watch_out],
                "gaps": [_item(i) for i in d.gaps],
                "leads_to": [_item(i) for i in d.leads_to],
            }
            for d in r.details
        ],
        "cautions": list(r.cautions),
        "swap": r.swap,
        "answers": [
            {"question": a.question_id, "text": a.question, "answer": a.answer} for a in r.answers
        ],
        "sources": _sources(r.sources),
    }


def to_plain(obj: Any) -> Any:
    """A knowledge-base object as JSON-ready data (what ``--json`` prints)."""
    if isinstance(obj, Record):
        return {name: to_plain(getattr(obj, name)) for name in obj._fields}
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, list | tuple):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj
