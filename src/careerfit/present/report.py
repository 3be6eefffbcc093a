"""The content of a results report, as plain data, before any formatting.

The Markdown report and the JSON export are two formats of this one object, so a
counsellor reading the document and a script reading the JSON see the same facts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from careerfit import __version__
from careerfit.fit.answers import Answers
from careerfit.fit.assess import RoleResult, score
from careerfit.fit.insight import concerns, swap_hint
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.present import views
from careerfit.records import record


@record
class AnswerRow:
    """One question of the appendix and what was answered (or that it was skipped)."""

    question_id: str
    question: str
    answer: str | None


@record
class RoleDetail:
    """Everything the report says about one of the top roles."""

    result: RoleResult
    contributions: tuple[tuple[str, float, float, str], ...]  # label, points, out of, reason
    watch_out: tuple[views.Item, ...]
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
    ranked: tuple[RoleResult, ...]
    details: tuple[RoleDetail, ...]
    cautions: tuple[str, ...]
    swap: str | None
    answers: tuple[AnswerRow, ...]
    sources: tuple[tuple[str, str, str], ...]  # id, title, file


def build(
    kb: KnowledgeBase,
    answers: Answers,
    source_label: str,
    top: int = 3,
    answered_against: str | None = None,
    dropped: tuple[str, ...] = (),
) -> Report:
    """Score the answers and gather what the report shows about the top ``top`` roles."""
    results = score(kb, answers)
    details = []
    cited: dict[str, None] = {}
    for result in results.ranked[:top]:
        role = result.role
        points = views.apportion([c.points for c in result.contributions])
        contributions = tuple(
            (c.label, shown, round(100 * c.share, 1), c.reason)
            for c, shown in zip(result.contributions, points, strict=True)
        )
        watch = [views.Item(result.reason_against)] if result.reason_against else []
        watch += [views.Item(c.text, tuple(c.cite)) for c in role.challenges]
        watch += [
            views.Item(f"{v.topic}: {v.text}", tuple(v.cite))
            for v in role.varies
            if v.kind.value == "disagreement"
        ]
        details.append(
            RoleDetail(
                result,
                contributions,
                tuple(watch),
                tuple(views.move_item(kb, m) for m in role.moves),
            )
        )
        cited.update(dict.fromkeys(role.sources))
    rows = []
    for q in kb.questions_file.questions:
        value = answers.get(q.id)
        chosen = value if isinstance(value, tuple) else (value,)
        labels = [o.label for o in q.options if o.value in chosen]
        rows.append(AnswerRow(q.id, q.text, "; ".join(labels) if labels else None))
    sources = tuple((s.id, s.title, s.file) for s in kb.roles_file.sources if s.id in cited)
    return Report(
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        careerfit_version=__version__,
        kb_version=kb.version,
        answered_against=answered_against if answered_against != kb.version else None,
        dropped=dropped,
        source_label=source_label,
        ranked=results.ranked,
        details=tuple(details),
        cautions=tuple(c.text for c in concerns(kb, answers)),
        swap=swap_hint(kb, answers, results),
        answers=tuple(rows),
        sources=sources,
    )
