"""Properties of the ranking that must hold for any valid knowledge base and any answers."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.fit.ranking import rank
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.load import load
from careerfit.kb.questions import QuestionKind
from support import synthetic
from support.bundled import bundled_kb

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_CACHE: dict[tuple[int, int, int], KnowledgeBase] = {}


def synthetic_kb(n_roles: int, n_questions: int, seed: int) -> KnowledgeBase:
    key = (n_roles, n_questions, seed)
    if key not in _CACHE:
        folder = Path(tempfile.mkdtemp(prefix="careerfit-kb-"))
        _CACHE[key] = load(synthetic.write(folder, n_roles, n_questions, seed))
    return _CACHE[key]


@st.composite
def kb_and_answers(draw):
    kb = draw(
        st.builds(synthetic_kb, st.integers(1, 8), st.integers(7, 20), st.integers(0, 5))
        | st.builds(bundled_kb)
    )
    answers = {}
    for q in kb.questions_file.questions:
        if q.skippable and draw(st.booleans()):
            continue
        if q.kind is QuestionKind.multi:
            plain = [o.value for o in q.options if not o.exclusive]
            chosen = draw(st.lists(st.sampled_from(plain), min_size=1, unique=True))
            answers[q.id] = tuple(v for v in plain if v in chosen)
        else:
            answers[q.id] = draw(st.sampled_from([o.value for o in q.options]))
    return kb, answers


@SETTINGS
@given(kb_and_answers())
def test_any_valid_answers_give_fits_in_range_that_add_up_and_rank_every_role(case):
    kb, answers = case
    results = rank(kb, answers)
    assert sorted(r.role.id for r in results.ranked) == sorted(r.id for r in kb.roles)
    assert [r.rank for r in results.ranked] == list(range(1, len(kb.roles) + 1))
    fits = [r.fit for r in results.ranked]
    assert fits == sorted(fits, reverse=True)
    for r in results.ranked:
        assert -100 - 1e-9 <= r.fit <= 100 + 1e-9
        assert abs(sum(c.points for c in r.contributions) - r.fit) < 1e-9
        assert all(c.points == 0 for c in r.unknown)
