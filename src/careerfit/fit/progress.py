"""How a role relates to the job someone already has: the same job, a step up, across or back.

Read from the roles' own cited moves, so the results say only what the sources say about
getting from one job to the other.
"""

from __future__ import annotations

from careerfit.kb.facts import MoveKind
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.records import record


@record
class Relation:
    """A role seen from the person's current job."""

    kind: str  # "same", "up", "across", "back"
    words: str  # "a step up from your job as a Legal Secretary"
    cites: tuple[str, ...]


def relation(kb: KnowledgeBase, current: str | None, role_id: str) -> Relation | None:
    """The move from ``current`` to ``role_id`` the sources name, if any."""
    if current is None or current not in kb.by_id:
        return None
    job = kb.by_id[current].title
    if current == role_id:
        return Relation("same", f"your current job ({job})", ())
    forward = next((m for m in kb.by_id[current].moves if m.to == role_id), None)
    if forward is not None:
        up = forward.kind is MoveKind.advancement
        words = f"a step {'up' if up else 'across'} from your job as {job}"
        return Relation("up" if up else "across", words, tuple(forward.cite))
    back = next((m for m in kb.by_id[role_id].moves if m.to == current), None)
    if back is not None and back.kind is MoveKind.advancement:
        return Relation("back", f"a step back from your job as {job}", tuple(back.cite))
    if back is not None:
        return Relation("across", f"a move across from your job as {job}", tuple(back.cite))
    return None
