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
from support.personas import PERSONAS


def test_agreeing_with_everything_is_flagged(kb):
    scales = [q for q in kb.questions_file.questions if q.kind is QuestionKind.scale]
    answers = {**PERSONAS[0].answers, **{q.id: "agree" for q in scales}}
    found = concerns(kb, answers)
    assert any("12 of the 12" in c.text for c in found)
    assert any("opposite things" in c.text for c in found)


def test_opposite_statements_answered_alike_name_their_questions(kb):
    answers = dict(PERSONAS[1].answers)
    answers["enjoy-research"] = answers["avoid-research"] = "strongly-agree"
    found = concerns(kb, answers)
    clash = next(c for c in found if "opposite" in c.text)
    assert set(clash.questions) == {"enjoy-research", "avoid-research"}


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.name.split(",")[0])
def test_thoughtful_answers_raise_no_concern(kb, persona):
    assert concerns(kb, persona.answers) == []


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.name.split(",")[0])
def test_the_swap_hint_is_true(kb, persona):
    results = rank(kb, persona.answers)
    swap = best_swap(kb, persona.answers, results)
    assert swap is not None
    changed = rank(kb, {**persona.answers, swap.question.id: swap.value})
    first, second = results.ranked[0].role.id, results.ranked[1].role.id
    if swap.margin > 0:
        assert changed.ranked.index(changed.for_role(second)) < changed.ranked.index(
            changed.for_role(first)
        )
        assert "would put it first" in swap_hint(assess(kb, persona.answers))
    else:
        assert "No single answer" in swap_hint(assess(kb, persona.answers))


def test_what_if_changes_an_answer_by_alias_without_touching_the_original(kb):
    theo = PERSONAS[2].answers
    changed = what_if(kb, theo, ["degree=bachelor"])
    assert changed["education"] == "bachelor" and theo["education"] == "jd"
    clerk = rank(kb, changed).for_role("law-clerk")
    assert [g.name for g in clerk.gaps if g.kind == "education"] == ["a law degree (J.D.)"]
    assert what_if(kb, theo, ["settings=court,remote"])["settings"] == ("court", "remote")


@pytest.mark.parametrize(
    "spec",
    ["degree", "degree=phd", "nonsense=1", "settings=none,court", "credentials=none,nala-cp"],
)
def test_what_if_rejects_what_it_cannot_apply(kb, spec):
    with pytest.raises(UsageError):
        what_if(kb, PERSONAS[0].answers, [spec])
