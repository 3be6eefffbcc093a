"""The question flow without a terminal: replies, back, skip, quit, and what gets saved."""

from __future__ import annotations

import pytest

from careerfit.quiz.flow import Action, Fixed, InvalidReply, Prompt, parse_reply, run
from support.bundled import question


def prompt(qid: str, number: int = 2, current=None) -> Prompt:
    return Prompt(question(qid), number, 26, current)


@pytest.mark.parametrize(
    ("reply", "kind", "value"),
    [("1", "answer", "home-only"), (" 2 ", "answer", "mostly-home"), ("b", "back", None),
     ("S", "skip", None), ("?", "why", None), ("q", "quit", None)],
)  # fmt: skip
def test_replies(reply, kind, value):
    action = parse_reply(prompt("remote"), reply)
    assert (action.kind, action.value) == (kind, value)


@pytest.mark.parametrize("reply", ["0", "6", "12", "x", "", "1 2", "-1"])
def test_invalid_replies_say_the_valid_range(reply):
    with pytest.raises(InvalidReply) as err:
        parse_reply(prompt("remote"), reply)
    assert "1" in str(err.value) and "5" in str(err.value)


def test_enter_keeps_the_current_answer():
    assert parse_reply(prompt("remote", current="mixed"), "").value == "mixed"


def test_first_question_has_no_back_and_required_ones_no_skip():
    with pytest.raises(InvalidReply, match="first question"):
        parse_reply(prompt("remote", number=1), "b")
    with pytest.raises(InvalidReply, match="cannot be skipped"):
        parse_reply(prompt("education"), "s")


def test_multi_choice_takes_several_numbers_but_not_none_with_others():
    assert parse_reply(prompt("credentials"), "2 4").value == ("nala-cp", "nfpa-rp")
    assert parse_reply(prompt("credentials"), "4,2").value == ("nala-cp", "nfpa-rp")
    with pytest.raises(InvalidReply, match="cannot be combined"):
        parse_reply(prompt("credentials"), "1 2")


def test_run_saves_every_answer_and_going_back_replaces_it():
    questions = [question("remote"), question("research-law"), question("education")]
    script = iter([Action("answer", "mixed"), Action("answer", "agree"), Action("back"),
                   Action("answer", "disagree"), Action("answer", "associate")])  # fmt: skip
    saved, moves, answers = [], [], {}
    outcome = run(Fixed(questions), answers, 0, lambda p: next(script),
                  lambda q, v, pos: saved.append((q, v, pos)), moves.append)  # fmt: skip
    assert outcome == "finished"
    assert answers == {"remote": "mixed", "research-law": "disagree",
                       "education": "associate"}  # fmt: skip
    assert saved == [("remote", "mixed", 1), ("research-law", "agree", 2),
                     ("research-law", "disagree", 2), ("education", "associate", 3)]  # fmt: skip
    assert moves == [1]


def test_skip_clears_an_earlier_answer_and_quit_stops_where_it_is():
    questions = [question("remote"), question("research-law")]
    answers = {"remote": "mixed"}
    script = iter([Action("skip"), Action("quit")])
    saved = []
    outcome = run(Fixed(questions), answers, 0, lambda p: next(script),
                  lambda q, v, pos: saved.append((q, v, pos)), lambda pos: None)  # fmt: skip
    assert outcome == "quit"
    assert answers == {} and saved == [("remote", None, 1)]
