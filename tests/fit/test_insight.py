"""Careless-answer checks, the top-two swap, and what-if re-ranking."""

from __future__ import annotations

import pytest

from careerfit.errors import UsageError
from careerfit.fit.assess import assess
from careerfit.fit.caveats import concerns
from careerfit.fit.ranking import rank
from careerfit.fit.whatif import best_swap, what_if
from careerfit.kb.questions import QuestionKind
from careerfit.present.wording import swap_hint
from support.personas import PERSONAS, persona


def test_agreeing_with_everything_is_flagged_and_gets_no_ranking(kb):
    scales = [q for q in kb.questions_file.questions if q.kind is QuestionKind.scale]
    answers = {**PERSONAS[0].answers, **{q.id: "agree" for q in scales}}
    found = concerns(kb, answers)
    assert any(f"{len(scales)} of the {len(scales)}" in c.text for c in found)
    assert any("opposite things" in c.text for c in found)


def test_a_flat_profile_gets_no_ranking(kb):
    """Mixed keying: agreeing with everything is not liking everything, but answering every
    statement neutrally rates every kind of work the same, and there is nothing to match."""
    scales = [q for q in kb.questions_file.questions if q.kind is QuestionKind.scale]
    pairs = [q for q in kb.questions_file.questions if q.kind.value == "pair"]
    answers = {**PERSONAS[0].answers, **{q.id: "neutral" for q in scales}}
    for q in pairs:
        answers.pop(q.id, None)
    assert not assess(kb, answers).enough


def test_opposite_statements_answered_alike_name_their_questions(kb):
    answers = dict(persona("p02").answers)
    clashing = {"apply-law", "avoid-legal-questions", "in-court", "contracts-over-lawsuits",
                "talk-clients", "avoid-callers"}  # fmt: skip
    assert not concerns(kb, answers)
    answers.update({q: "strongly-agree" for q in clashing})
    clash = next(c for c in concerns(kb, answers) if "opposite" in c.text)
    assert clashing <= set(clash.questions)


@pytest.mark.parametrize("person", PERSONAS, ids=lambda p: p.name)
def test_thoughtful_answers_raise_no_concern(kb, person):
    assert concerns(kb, person.answers) == []


@pytest.mark.parametrize("person", PERSONAS, ids=lambda p: p.name)
def test_the_swap_hint_is_true_and_offers_only_a_preference(kb, person):
    results = rank(kb, person.answers)
    swap = best_swap(kb, person.answers, results)
    assert swap is not None
    facts = {"pay", "education", "study", "credential", "role", "years"}
    assert swap.question.records not in facts, swap.question.id
    changed = rank(kb, {**person.answers, swap.question.id: swap.value})
    first, second = results.ranked[0].role.id, results.ranked[1].role.id
    hint = swap_hint(assess(kb, person.answers))
    if swap.margin > 0:
        assert changed.ranked.index(changed.for_role(second)) < changed.ranked.index(
            changed.for_role(first)
        )
        assert "would put it first" in hint
    else:
        assert "No single answer" in hint


def test_what_if_changes_an_answer_by_alias_without_touching_the_original(kb):
    student = persona("p11").answers
    changed = what_if(kb, student, ["degree=high-school", "study=none"])
    assert changed["education"] == "high-school" and student["education"] == "bachelor"
    clerk = rank(kb, changed).for_role("law-clerk")
    assert [g.kind for g in clerk.gaps if g.kind == "education"] == ["education"]
    both = what_if(kb, student, ["credentials=nals-pp,nala-cp"])["credentials"]
    assert both == ("nala-cp", "nals-pp")  # in the question's order


@pytest.mark.parametrize(
    "spec",
    ["degree", "degree=phd", "nonsense=1", "credentials=moon", "credentials=none,nala-cp"],
)
def test_what_if_rejects_what_it_cannot_apply(kb, spec):
    with pytest.raises(UsageError):
        what_if(kb, PERSONAS[0].answers, [spec])
