"""Properties of the ranking that must hold for any valid knowledge base and any answers."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.fit import many
from careerfit.fit.certainty import one_by_one
from careerfit.fit.person import person_from, shifted
from careerfit.fit.ranking import rank
from careerfit.fit.tables import role_level
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
        assert r.fit <= 100 + 1e-9  # 100 is the best; below 0 is worse than chance
        assert abs(sum(c.points for c in r.contributions) - r.fit) < 1e-9
        assert all(c.points == 0 for c in r.unknown)


@SETTINGS
@given(kb_and_answers(), st.integers(0, 4))
def test_many_people_at_once_score_exactly_as_one_at_a_time(case, step):
    """The adaptive quiz scores every likely answer in one numpy pass, and batch scoring
    every respondent: the fits must be the very numbers one scoring each gives, bit for
    bit, or the quiz would choose differently from what the docs describe."""
    kb, answers = case
    person = person_from(kb, answers)
    moved = [shifted(person, d, step) for d in person.levels]  # as the tie check moves them
    persons = [person, *moved]
    everyone = range(len(kb.roles))
    assert many.fits_of_each(kb, persons, everyone) == one_by_one(kb, persons, everyone)
    picked = list(everyone)[::2]
    assert many.fits_of_each(kb, persons, picked) == one_by_one(kb, persons, picked)


@SETTINGS
@given(kb_and_answers())
def test_an_only_answer_rules_out_exactly_the_roles_at_the_other_end(case):
    """The family of "a site-only person offered a job done from home": every condition,
    either end, any role. A role is held at 0 or below, and told why, exactly when the
    person answered a condition at one end and the role sits at the other."""
    kb, answers = case
    results = rank(kb, answers)
    conditions = [d for d in kb.dimensions if d.kind == "condition"]
    for r in results.ranked:
        ruled = False
        for d in conditions:
            mine, its = results.person.levels.get(d.id), role_level(r.role, d)
            ruled |= mine is not None and its is not None and abs(mine - its) == 1
        told = [c for c in r.contributions if "rules it out" in c.reason]
        assert bool(told) == ruled, (r.role.id, [c.reason for c in r.contributions])
        if ruled:
            assert r.fit <= 0 and told[0].points <= 0


@SETTINGS
@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 4), st.sampled_from([1.0, 2.0, 3.0])),
        min_size=3,
        max_size=12,
    ),
    st.floats(0.05, 1),
)
def test_the_shape_is_a_weighted_correlation_counting_each_kind_by_how_far_you_lean(dims, neutral):
    """The terms add up to a textbook weighted Pearson correlation, worked out here apart.

    Each kind of work's weight is scaled by the person's lean on it: ``neutral`` of it at
    the middle of the scale, all of it at either end (docs/scoring.md, section 3).
    """
    import math

    from careerfit.fit import formulas

    places = [p for p, _, _ in dims]
    levels = [float(lv) for _, lv, _ in dims]
    weights = [w for _, _, w in dims]
    leaning = formulas.counted(formulas.SCALAR, places, weights, neutral)
    terms, total, _ = formulas.shape(
        formulas.SCALAR, places, levels, weights, leaning, [1.0] * len(dims)
    )
    assert total == sum(weights)
    lean = [
        w * (neutral + (1 - neutral) * abs(2 * p - 1)) for p, w in zip(places, weights, strict=True)
    ]
    mp = sum(a * p for a, p in zip(lean, places, strict=True)) / sum(lean)
    mr = sum(a * r for a, r in zip(lean, levels, strict=True)) / sum(lean)
    cov = sum(a * (p - mp) * (r - mr) for a, p, r in zip(lean, places, levels, strict=True))
    vp = sum(a * (p - mp) ** 2 for a, p in zip(lean, places, strict=True))
    vr = sum(a * (r - mr) ** 2 for a, r in zip(lean, levels, strict=True))
    expected = cov / math.sqrt(vp * vr) if vp * vr > 0 else 0.0
    assert math.isclose(sum(terms), expected, abs_tol=1e-9)
