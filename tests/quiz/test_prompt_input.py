"""Whatever is typed at the quiz prompt: an answer, a key, or a clear "try again", never a crash.

The family is every string a keyboard, a paste or a broken terminal can send: digits of any
script, control characters, lone surrogates (bytes a terminal could not decode), odd
punctuation around a number.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerfit.errors import InvalidReply
from careerfit.present.prompt import TerminalUI
from careerfit.quiz.flow import Prompt, parse_reply
from support.bundled import bundled_kb, question

QUESTIONS = [q.id for q in bundled_kb().questions]
# Every character that is a decimal digit in some script, by its value.
DIGITS: dict[int, list[str]] = {}
for code in range(sys.maxunicode + 1):
    char = chr(code)
    if unicodedata.category(char) == "Nd":
        DIGITS.setdefault(unicodedata.decimal(char), []).append(char)


@settings(max_examples=400, deadline=None)
@given(
    qid=st.sampled_from(QUESTIONS),
    text=st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    current=st.booleans(),
)
def test_any_reply_is_an_action_or_a_message_never_a_crash(qid, text, current):
    q = question(qid)
    prompt = Prompt(q, 2, len(QUESTIONS), q.options[0].value if current else None)
    try:
        action = parse_reply(prompt, text)
    except InvalidReply as err:
        message = str(err)
        assert message.isprintable(), message  # nothing raw is echoed back to the terminal
        return
    assert action.kind in {"answer", "back", "skip", "why", "quit"}


@settings(max_examples=200, deadline=None)
@given(
    qid=st.sampled_from([q for q in QUESTIONS if question(q).kind.value != "multi"]),
    data=st.data(),
)
def test_a_number_in_any_script_picks_that_answer(qid, data):
    q = question(qid)
    n = data.draw(st.integers(1, min(len(q.options), 9)))
    typed = data.draw(st.sampled_from(DIGITS[n]))
    around = data.draw(st.sampled_from(["{}", " {} ", "{}.", "{})"]))
    action = parse_reply(Prompt(q, 2, len(QUESTIONS), None), around.format(typed))
    assert action.kind == "answer" and action.value == q.options[n - 1].value


@pytest.mark.parametrize("text", ["²", "½", "Ⅳ", "1.5", "-1", "0", "99", "1 2"])
def test_numbers_that_are_not_an_option_are_asked_again(text):
    with pytest.raises(InvalidReply, match=r"number (1-5|from 1 to 5)"):
        parse_reply(Prompt(question("research-law"), 2, 40, None), text)


def test_s_moves_on_keeping_an_earlier_answer_and_c_clears_it():
    q = question("research-law")
    answered = Prompt(q, 2, 40, "agree")
    assert parse_reply(answered, "s").value == "agree"
    assert parse_reply(answered, "").value == "agree"
    assert parse_reply(answered, "c").kind == "skip"
    assert parse_reply(Prompt(q, 2, 40, None), "s").kind == "skip"
    with pytest.raises(InvalidReply, match="needs an answer"):
        parse_reply(Prompt(question("education"), 2, 40, "bachelor"), "c")


class _Scripted:
    """A console that types the given replies and keeps what it was told."""

    def __init__(self, replies: list[str]) -> None:
        self.replies = replies
        self.told: list[str] = []

    def input(self, prompt: object) -> str:
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def print(self, text: object = "") -> None:
        self.told.append(str(text))


@pytest.mark.parametrize("typo", ["yy", "maybe", "1", "\x1b[A", "ja"])
def test_a_typo_at_a_yes_or_no_question_is_asked_again(typo):
    console = _Scripted([typo, "n"])
    assert TerminalUI(console).confirm("Resume it?", default=True) is False  # type: ignore[arg-type]
    assert any("y for yes or n for no" in line for line in console.told)
    assert TerminalUI(_Scripted([typo, ""])).confirm("Go on?", default=True) is True  # type: ignore[arg-type]
