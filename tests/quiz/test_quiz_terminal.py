"""The real `careerfit quiz` in a pseudo-terminal, driven as a person would type."""

from __future__ import annotations

import re
import signal
import sqlite3
import sys

import pexpect
import pytest

from careerfit.quiz.store import Store
from support.bundled import bundled_kb
from support.helpers import typed_replies
from support.personas import persona
from support.processes import spawn_careerfit
from support.simulate import adaptive_walk

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


ANSI = re.compile(r"\x1b\[[0-9;]*m")
N = len(bundled_kb().questions)


def spawn(home, columns: int = 80, no_color: bool = False, full: bool = True) -> pexpect.spawn:
    env = {"NO_COLOR": "1"} if no_color else None
    args = ("quiz", "--full") if full else ("quiz",)
    return spawn_careerfit(*args, home=home, columns=columns, env=env)


def test_the_adaptive_quiz_stops_when_settled_and_goes_on_when_asked(tmp_path):
    student = persona("p11")
    more = bundled_kb().questions_file.adaptive.more_at_a_time
    asked, _, _ = adaptive_walk(bundled_kb(), student.answers)
    longer, _, _ = adaptive_walk(bundled_kb(), student.answers, more)
    replies = typed_replies(student.answers, longer).splitlines()
    child = spawn(tmp_path, full=False)
    for number, reply in enumerate(replies, start=1):
        child.expect(f"Question {number}\\b[^\\n]*the quiz stops once your top match is settled")
        child.expect("> ")
        child.sendline(reply)
        if number == len(asked):
            child.expect(f"You answered {number} of the {N} questions: the quiz stopped")
            child.expect(r"Answer a few more questions to sharpen the ranking\? \[y/N\]")
            child.sendline("y")
    child.expect(f"You answered {len(longer)} of the {N} questions")
    child.expect(r"Answer a few more questions to sharpen the ranking\? \[y/N\]")
    child.sendeof()  # end of input at the offer: the results stand
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    assert len(Store(tmp_path).answers(Store(tmp_path).session().id)) == len(longer)


def test_ctrl_c_during_the_extra_questions_keeps_the_quiz_finished(tmp_path):
    student = persona("p11")
    asked, _, _ = adaptive_walk(bundled_kb(), student.answers)
    replies = typed_replies(student.answers, asked).splitlines()
    child = spawn(tmp_path, full=False)
    for reply in replies:
        child.expect("> ")
        child.sendline(reply)
    child.expect(r"Answer a few more questions to sharpen the ranking\? \[y/N\]")
    child.sendline("y")
    child.expect(f"Question {len(asked) + 1}\\b")
    child.expect("> ")
    child.sendintr()
    child.expect("Stopped. The quiz is finished")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert Store(tmp_path).session().status == "complete"


def test_answer_invalid_back_ctrl_c_then_resume_loses_nothing(tmp_path):
    child = spawn(tmp_path)
    child.expect(f"Question 1 of {N}")
    child.expect("> ")
    child.sendline("5")  # legal research: strongly agree
    child.expect(f"Question 2 of {N}")
    child.expect("> ")
    child.sendline("9")
    child.expect("'9' is not an answer here. Type a number 1-5")
    child.sendline("4")  # agree
    child.expect(f"Question 3 of {N}")
    child.expect("> ")
    child.sendline("b")
    child.expect(f"Question 2 of {N}")
    child.expect(r"4\. .*Agree.*\(your answer\)")
    child.expect("> ")
    child.sendline("5")  # changed to strongly agree
    child.expect(f"Question 3 of {N}")
    child.expect("> ")
    child.sendline("4")  # talking with clients: agree
    child.expect(f"Question 4 of {N}")
    child.expect("> ")
    child.sendintr()
    child.expect("Stopped. Your 3 answers are saved")
    assert ANSI.sub("", child.before).rstrip(" ").endswith("\n")  # on its own line, not after "> "
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")

    child = spawn(tmp_path)
    child.expect(r"Unfinished quiz .* \(3 answered\)\. Resume it\?\s+\[Y/n\]")
    child.sendline("y")
    child.expect(f"Question 4 of {N}")
    for number in range(4, N + 1):
        child.expect("> ")
        child.sendline("1")
        if number < N:
            child.expect(f"Question {number + 1} of {N}")
    # Answering "1" to everything left is careless answering, and the quiz says so.
    child.expect(r"Careful: You answered 'Strongly disagree' to")
    child.expect(r"Revisit those \d+ questions now\? \[y/N\]")
    child.sendline("n")
    child.expect("Why .* fits you")
    child.expect("Go deeper: (python -m )?careerfit profile")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    store = Store(tmp_path)
    session = store.session()
    assert session.status == "complete"
    answers = store.answers(session.id)
    assert answers["research-law"] == "strongly-agree"
    assert answers["sort-paperwork"] == "strongly-agree"
    assert answers["talk-clients"] == "agree"
    assert len(answers) == N


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["kill-9", "terminal-closed"])
def test_killed_mid_quiz_keeps_every_acknowledged_answer(tmp_path, sig):
    child = spawn(tmp_path, columns=60)
    for number in range(1, 6):
        child.expect(f"Question {number} of {N}")
        child.expect("> ")
        child.sendline("2")
    child.expect(f"Question 6 of {N}")  # shown only after answer 5 was committed
    child.kill(sig)
    child.close(force=True)
    db = sqlite3.connect(tmp_path / "careerfit.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    store = Store(tmp_path)
    assert len(store.answers(store.session().id)) == 5
    child = spawn(tmp_path, columns=60)
    child.expect(r"\(5 answered\)")
    child.sendline("")
    child.expect(f"Question 6 of {N}")
    child.sendline("q")
    child.expect(f"Saved: 5 of {N} answered")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("columns", [60, 80])
def test_no_color_and_narrow_terminals_still_read_well(tmp_path, columns):
    child = spawn(tmp_path, columns=columns, no_color=True)
    child.expect(f"Question 1 of {N}")
    child.expect("> ")
    shown = child.before
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert "\x1b[3" not in shown  # no colour codes at all with NO_COLOR
    lines = [ANSI.sub("", line) for line in shown.splitlines() if line.strip()]
    assert all(len(line) <= columns for line in lines), lines
    assert any(line.strip().startswith("2.") for line in lines)
