"""The explanation says what the answers said, whichever way the person leans."""

from __future__ import annotations

import pytest

from careerfit.fit.ranking import rank
from careerfit.kb.questions import QuestionKind
from support.personas import persona

# An agree-keyed answer and the matching disagree-keyed one, for each leaning.
LEANINGS = {
    "you would enjoy": ("strongly-agree", "strongly-disagree"),
    "you are neutral about": ("neutral", "neutral"),
    "you dislike": ("strongly-disagree", "strongly-agree"),
}


def _lean(kb, answers: dict, dimension: str, agree: str, disagree: str) -> dict:
    out = dict(answers)
    for q in kb.questions:
        if q.kind is QuestionKind.scale and q.measures == dimension:
            out[q.id] = agree if q.keyed == "agree" else disagree
        elif q.dimension == dimension:
            out.pop(q.id, None)
    return out


@pytest.mark.parametrize("words", LEANINGS)
def test_a_kind_of_work_is_described_the_way_the_person_leans(kb, words):
    answers = _lean(kb, persona("p23").answers, "legal-analysis", *LEANINGS[words])
    clerk = rank(kb, answers).for_role("law-clerk")
    research = next(c for c in clerk.contributions if c.factor == "legal-analysis")
    assert research.reason.startswith(f"Legal research: {words} finding the law")
    assert "the core of this role" in research.reason


def test_a_kind_of_work_counts_for_a_role_when_both_lean_the_same_way(kb):
    keen = _lean(
        kb, persona("p23").answers, "legal-analysis", "strongly-agree", "strongly-disagree"
    )
    averse = _lean(kb, keen, "legal-analysis", "strongly-disagree", "strongly-agree")
    points = {}
    for name, answers in (("keen", keen), ("averse", averse)):
        clerk = rank(kb, answers).for_role("law-clerk")
        points[name] = next(c.points for c in clerk.contributions if c.factor == "legal-analysis")
    assert points["keen"] > 0 > points["averse"]


def test_reasons_for_and_against_match_the_points(kb):
    for result in rank(kb, persona("p31").answers).ranked:
        by_reason = {c.reason: c.points for c in result.contributions if c.known}
        assert all(by_reason[r] > 0 for r in result.reasons_for)
        if result.reason_against:
            assert by_reason[result.reason_against] < 0
