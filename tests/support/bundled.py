"""The bundled knowledge base, loaded once per run, on first use (never at import).

The ``kb`` fixture returns it; collection uses it to parametrize tests over the roles.
It is read-only: tests that change a knowledge base work on a copy (the ``kb_copy`` fixture).
"""

from __future__ import annotations

from functools import cache

from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.load import load
from careerfit.kb.location import bundled_data_dir
from careerfit.kb.questions import Question


@cache
def bundled_kb() -> KnowledgeBase:
    """The knowledge base careerfit ships with."""
    return load(bundled_data_dir())


def question(qid: str) -> Question:
    """One question of the bundled knowledge base, by its id."""
    return next(q for q in bundled_kb().questions_file.questions if q.id == qid)
