"""The question flow without a terminal: replies, back, skip, quit, and what gets saved."""

from __future__ import annotations

import pytest

from careerfit.quiz.flow import Action, InvalidReply, Prompt, parse_reply, run
from support.bundled import question


def prompt(qid: str, number: int = 2, current=None) -> Prompt:
    return Prompt(question(qid), number, 26, current)


@pytest.mark.parametrize(
    ("reply", "kind", "value"),
    [("1", "answer", "draft"), (" 2 ", "answer", "schedule"), ("b", "back", None),
     ("S", "skip", None), ("?", "why", None), ("q", "quit", None)],
)  # fmt: skip
def test_replies(reply, kind, value):
    action = parse_reply(prompt("draft-or-schedule"), reply)
    assert (action.kind, action.value) == (kind, value)


@pytest.mark.parametrize("reply", ["0", "3", "12", "x", "", "1 2", "-1"])
def test_invalid_replies_say_the_valid_range(reply):
    with pytest.raises(InvalidReply) as err:
        parse_reply(prompt("draft-or-schedule"), reply)
    assert "1" in str(err.value) and "2" in str(err.value)


def test_enter_keeps_the_current_answer():
    assert parse_reply(prompt("draft-or-schedule", current="schedule"), "").value == "schedule"


def test_first_question_has_no_back_and_required_ones_no_skip():
    with pytest.raises(InvalidReply, match="first question"):
        parse_reply(prompt("draft-or-schedule", number=1), "b")
    with pytest.raises(InvalidReply, match="cannot be skipped"):
        parse_reply(prompt("education"), "s")


def test_multi_choice_takes_several_numbers_but_not_none_with_others():
    assert parse_reply(prompt("settings"), "1 7").value == ("small-firm", "remote")
    assert parse_reply(prompt("settings"), "7,1").value == ("small-firm", "remote")
    with pytest.raises(InvalidReply, match="cannot be combined"):
        parse_reply(prompt("credentials"), "1 2")


def test_run_saves_every_answer_and_going_back_replaces_it():
    questions = [question("draft-or-schedule"), question("enjoy-research"), question("education")]
    script = iter([Action("answer", "draft"), Action("answer", "agree"), Action("back"),
                   Action("answer", "disagree"), Action("answer", "associate")])  # fmt: skip
    saved, moves, answers = [], [], {}
    outcome = run(questions, answers, 0, lambda p: next(script),
                  lambda q, v, pos: saved.append((q, v, pos)), moves.append)  # fmt: skip
    assert outcome == "finished"
    assert answers == {"draft-or-schedule": "draft", "enjoy-research": "disagree",
                       "education": "associate"}  # fmt: skip
    assert saved == [("draft-or-schedule", "draft", 1), ("enjoy-research", "agree", 2),
                     ("enjoy-research", "disagree", 2), ("education", "associate", 3)]  # fmt: skip
    assert moves == [1]


def test_skip_clears_an_earlier_answer_and_quit_stops_where_it_is():
    questions = [question("draft-or-schedule"), question("enjoy-research")]
    answers = {"draft-or-schedule": "draft"}
    script = iter([Action("skip"), Action("quit")])
    saved = []
    outcome = run(questions, answers, 0, lambda p: next(script),
                  lambda q, v, pos: saved.append((q, v, pos)), lambda pos: None)  # fmt: skip
    assert outcome == "quit"
    assert answers == {} and saved == [("draft-or-schedule", None, 1)]
