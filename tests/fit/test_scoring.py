"""The scoring engine's promises, as tests that would fail if the engine broke them."""

from __future__ import annotations

import random

import pytest

from careerfit.fit.ranking import rank
from careerfit.kb.load import load
from careerfit.kb.questions import QuestionKind
from support.personas import PERSONAS, Persona
from support.simulate import answers_like, noisy, random_answers


@pytest.fixture(scope="module")
def samples(kb):
    """Sixty sets of random answers; a third skip nothing, the rest some of what they may."""
    return [random_answers(kb, random.Random(seed), skip=seed % 3 * 0.2) for seed in range(60)]


def test_someone_answering_as_a_role_ranks_it_first(kb, role):
    results = rank(kb, answers_like(kb, role))
    assert results.ranked[0].role.id == role.id, [
        (r.role.id, round(r.fit, 1)) for r in results.ranked[:3]
    ]


def _substantive_pairs(questions):
    """Questions whose answers move substantive work and nothing else."""
    for q in questions:
        if q.measures == ["substantive"] and not q.records:
            values = sorted(q.options, key=lambda o: o.moves.get("substantive", 0))
            yield q, values[0].value, values[-1].value


def test_more_substantive_answers_never_lift_a_procedural_role_over_a_substantive_one(kb, samples):
    share = {r.id: r.substantive_share for r in kb.roles}
    checked = 0
    for answers in samples:
        for q, low, high in _substantive_pairs(kb.questions_file.questions):
            before = rank(kb, {**answers, q.id: low})
            after = rank(kb, {**answers, q.id: high})
            rank_after = {r.role.id: r.rank for r in after.ranked}
            for above in before.ranked:
                for below in before.ranked[above.rank :]:
                    a, b = above.role.id, below.role.id
                    if share[a] > share[b]:  # a is the more substantive role, and was above
                        assert rank_after[a] < rank_after[b], (q.id, a, b)
                        checked += 1
    assert checked > 1000


def _bound(kb, answers: dict, question) -> float:
    """Most a fit can move when this one answer changes, from the weights alone.

    A dimension's position moves by at most this question's span over the total span of
    the answered questions measuring it; setting, pay and education factors by at most 1.
    """
    questions, factors = kb.questions_file.questions, kb.questions_file.factors
    dims = {d.id: d for d in kb.questions_file.dimensions}
    spans: dict[str, float] = {}
    for q in questions:
        if q.id in answers or q.id == question.id:
            for d in q.measures:
                moves = [o.moves.get(d, 0) for o in q.options]
                spans[d] = spans.get(d, 0) + max(moves) - min(moves)
    # The smallest total weight in play, before or after the change: a factor this question
    # switches on or off counts as off, which can only widen the bound.
    total = sum(d.weight for d in dims.values() if d.id in spans)
    pay = next(o.pay for o in next(q for q in questions if q.records == "pay").options
               if o.value == answers.get("pay"))  # fmt: skip
    if answers.get("settings") and question.records != "setting":
        total += factors.settings.weight
    if pay and question.records != "pay":
        total += factors.pay.weight
    if "education" in answers and question.records != "education":
        total += factors.preparation.weight
    moved = 0.0
    for d in question.measures:
        moves = [o.moves.get(d, 0) for o in question.options]
        moved += dims[d].weight * (max(moves) - min(moves)) / spans[d]
    record = {"setting": factors.settings, "pay": factors.pay, "education": factors.preparation,
              "study": factors.preparation}.get(question.records or "")  # fmt: skip
    if record is not None:
        moved += record.weight
    return 100 * moved / total


def test_one_changed_answer_moves_any_fit_by_a_bounded_amount(kb, samples):
    questions = kb.questions_file.questions
    full = [a for a in samples if len(a) == len(questions)]
    assert full
    worst = 0.0
    for answers in full[:10]:
        base = {r.role.id: r.fit for r in rank(kb, answers).ranked}
        for q in questions:
            if q.kind is QuestionKind.multi:
                continue
            for option in q.options:
                changed = rank(kb, {**answers, q.id: option.value})
                limit = _bound(kb, answers, q)
                for r in changed.ranked:
                    delta = abs(r.fit - base[r.role.id])
                    assert delta <= limit + 1e-9, (q.id, r.role.id, delta, limit)
                    worst = max(worst, delta)
    # On a complete quiz no single answer moves a fit by more than 20 points (docs/scoring.md).
    assert worst <= 20


@pytest.mark.parametrize("sample", range(30), ids=lambda n: f"answers{n}")
def test_contributions_add_up_to_a_fit_between_0_and_100(kb, samples, sample):
    for r in rank(kb, samples[sample]).ranked:
        assert r.fit == pytest.approx(sum(c.points for c in r.contributions))
        assert 0 <= r.fit <= 100
        assert all(0 <= c.closeness <= 1 for c in r.contributions)


def test_same_answers_same_ranking_whatever_their_order(kb, samples):
    answers = samples[5]
    first = [(r.role.id, r.fit) for r in rank(kb, answers).ranked]
    shuffled = dict(reversed(list(answers.items())))
    assert [(r.role.id, r.fit) for r in rank(kb, shuffled).ranked] == first
    assert [(r.role.id, r.fit) for r in rank(kb, answers).ranked] == first


def test_ties_keep_the_knowledge_base_order(kb):
    results = rank(kb, {})  # nothing answered: every role ties
    assert [r.role.id for r in results.ranked] == [r.id for r in kb.roles]


def test_a_role_you_cannot_enter_yet_keeps_its_rank_and_says_what_it_needs(kb_copy):
    # The bundled law clerk has no hard minimum (firm law clerks are often law students), so
    # give it one: the mechanism is what is under test.
    roles = kb_copy / "roles.yaml"
    text = roles.read_text()
    start = text.index("  - id: law-clerk\n")
    at = text.index("    education:\n", start) + len("    education:\n")
    minimum = "      minimum: {level: jd, text: A law degree is required here., cite: [s001:139]}\n"
    roles.write_text(text[:at] + minimum + text[at:])
    kb = load(kb_copy)
    as_clerk = answers_like(kb, kb.by_id["law-clerk"])
    without_jd = {**as_clerk, "education": "bachelor", "study": "jd"}
    result = rank(kb, without_jd).for_role("law-clerk")
    assert result.rank == 1  # still the best fit: it is the work they want
    assert not result.ready
    assert result.status == "needs a law degree (J.D.)"
    gap = next(g for g in result.gaps if g.hard)
    assert gap.reason == "A law degree is required here." and gap.cites == ("s001:139",)


def test_gaps_name_the_credential_the_reason_and_the_body_that_issues_it(kb):
    paralegal = rank(kb, {**answers_like(kb, kb.by_id["paralegal"]), "credentials": ("none",)})
    gaps = paralegal.for_role("paralegal").gaps
    california = next(g for g in gaps if g.kind == "credential")
    rule = next(c for c in kb.by_id["paralegal"].credentials if c.region)
    assert california.status == f"required in {rule.region}" and not california.hard
    assert california.reason == rule.why
    assert california.how.startswith(f"Issued by {kb.credential(rule.credential).body}.")


def test_a_regional_requirement_is_not_a_hard_requirement_everywhere(kb):
    result = rank(kb, answers_like(kb, kb.by_id["paralegal"])).for_role("paralegal")
    assert result.ready
    assert any("California" in g.short for g in result.gaps)


def test_noisy_respondents_are_reproducible(kb):
    role = kb.by_id["legal-clerk"]
    base = answers_like(kb, role)
    assert noisy(kb, base, 0.3, random.Random(7)) == noisy(kb, base, 0.3, random.Random(7))


@pytest.mark.parametrize(
    "persona",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                p.name.startswith("Marisol"),
                reason="the legal researcher's fit levels are still placeholders; the next "
                "issue places every role from evidence and replaces these personas",
                strict=True,
            ),
        )
        for p in PERSONAS
    ],
    ids=lambda p: p.name.split(",")[0],
)
def test_persona(kb, persona: Persona):
    ranked = [r.role.id for r in rank(kb, persona.answers).ranked]
    assert ranked[0] in persona.top, (persona.why, ranked[:5])
    assert not persona.not_high & set(ranked[:5]), (persona.why, ranked[:5])
    for role, above in persona.below.items():
        assert ranked.index(role) > ranked.index(above), (persona.why, ranked)


def test_personas_answer_in_their_own_words_not_from_profiles(kb):
    for persona in PERSONAS:
        ideal = answers_like(kb, kb.by_id[sorted(persona.top)[0]])
        same = sum(persona.answers.get(k) == v for k, v in ideal.items())
        assert same < len(ideal) - 3, persona.name


def test_fits_of_some_roles_are_exactly_their_fits_in_the_full_ranking(kb):
    """The what-if hint scores a hundred variants through the lean path; it must agree."""
    from careerfit.fit.ranking import fits

    for seed in range(60):
        rng = random.Random(seed)
        answers = random_answers(kb, rng, skip=seed % 4 * 0.25)
        full = {r.role.id: r.fit for r in rank(kb, answers).ranked}
        everyone = fits(kb, answers)
        assert everyone == [full[r.id] for r in kb.roles]
        some = rng.sample(range(len(kb.roles)), 3)
        assert fits(kb, answers, some) == [everyone[i] for i in some]
