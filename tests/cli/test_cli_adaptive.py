"""The adaptive quiz through the CLI: it stops once the top match is settled, says so,
offers a few more questions, and a resumed quiz carries on with the same questions."""

from __future__ import annotations

import json

from careerfit.errors import ExitCode
from careerfit.fit.ranking import rank
from support.bundled import bundled_kb
from support.helpers import typed_replies
from support.personas import persona
from support.simulate import adaptive_walk

STUDENT = persona("p11")  # a law student who wants to clerk for a judge
QUESTIONS = len(bundled_kb().questions)
MORE = bundled_kb().questions_file.adaptive.more_at_a_time


def _walk(more: int = 0) -> tuple[list[str], dict]:
    asked, given, _ = adaptive_walk(bundled_kb(), STUDENT.answers, more)
    return asked, given


def test_the_quiz_stops_early_and_says_how_many_it_asked_and_why(invoke):
    asked, given = _walk()
    assert len(asked) < QUESTIONS  # a clear person is not asked everything
    result = invoke("quiz", input=typed_replies(STUDENT.answers, asked) + "n\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert f"Question {len(asked)} " in out and f"of {QUESTIONS}" not in out
    assert f"You answered {len(asked)} of the {QUESTIONS} questions" in out
    assert "chance of changing your top match" in out
    stored = json.loads(invoke("results", "--json").stdout)
    assert stored["ranked"][0]["role"] == rank(bundled_kb(), given).ranked[0].role.id
    assert len(stored["answers"]) == len(given)


def test_stored_results_and_the_report_say_how_many_were_asked_and_why_it_stopped(invoke):
    asked, _ = _walk()
    assert invoke("quiz", input=typed_replies(STUDENT.answers, asked) + "n\n").exit_code == 0
    note = f"You answered {len(asked)} of the {QUESTIONS} questions: the quiz stopped because"
    assert note in " ".join(invoke("results").stdout.split())
    stored = json.loads(invoke("results", "--json").stdout)
    assert stored["questions_asked"] == len(asked) and "chance" in stored["stopped_because"]
    assert note in invoke("export", "-o", "-").stdout
    assert json.loads(invoke("export", "-o", "-", "--format", "json").stdout)["stopped"]


def test_going_on_continues_the_same_quiz_with_a_few_more_questions(invoke):
    asked, _ = _walk()
    longer, given = _walk(more=MORE)
    # a few more; more still if the first role became too close to call on the way
    assert longer[: len(asked)] == asked and len(longer) >= len(asked) + MORE
    replies = typed_replies(STUDENT.answers, longer).splitlines(keepends=True)
    typed = "".join(replies[: len(asked)]) + "y\n" + "".join(replies[len(asked) :]) + "n\n"
    result = invoke("quiz", input=typed)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Answer a few more questions" in out
    assert f"Question {len(longer)} " in out
    assert f"You answered {len(longer)} of the {QUESTIONS} questions" in out
    history = json.loads(invoke("history", "--json").stdout)
    assert len(history) == 1  # the same quiz went on; no second one was started
    assert json.loads(invoke("results", "--json").stdout)["answers"].keys() == given.keys()


def test_end_of_input_at_the_offer_to_go_on_keeps_the_results(invoke):
    asked, _ = _walk()
    result = invoke("quiz", input=typed_replies(STUDENT.answers, asked))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert json.loads(invoke("history", "--json").stdout)[0]["status"] == "complete"


def test_a_resumed_quiz_carries_on_with_the_questions_it_would_have_asked(invoke):
    asked, given = _walk()
    replies = typed_replies(STUDENT.answers, asked).splitlines(keepends=True)
    first = invoke("quiz", input="".join(replies[:6]) + "q\n")
    # the adaptive quiz asks what it needs, so it does not say "6 of 40"
    assert first.exit_code == 0 and "Saved: 6 answers." in first.stdout
    resumed = invoke("quiz", input="y\n" + "".join(replies[6:]) + "n\n")
    assert resumed.exit_code == 0, resumed.output
    out = " ".join(resumed.stdout.split())
    assert "Question 7 " in out and "Question 6 " not in out
    assert f"You answered {len(asked)} of the {QUESTIONS} questions" in out
    stored = json.loads(invoke("results", "--json").stdout)
    assert stored["ranked"][0]["role"] == rank(bundled_kb(), given).ranked[0].role.id


def test_going_back_in_the_adaptive_quiz_shows_the_same_question_again(invoke):
    asked, _ = _walk()
    replies = typed_replies(STUDENT.answers, asked).splitlines(keepends=True)
    question = {q.id: q.text for q in bundled_kb().questions}[asked[2]]
    typed = "".join(replies[:3]) + "b\n" + "".join(replies[2:]) + "n\n"
    result = invoke("quiz", input=typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(question) == 2
    assert f"You answered {len(asked)} of the {QUESTIONS} questions" in " ".join(
        result.stdout.split()
    )


def test_full_asks_every_question_and_says_nothing_about_stopping(invoke):
    result = invoke("quiz", "--full", input=typed_replies(STUDENT.answers))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert f"Question {QUESTIONS} of {QUESTIONS}" in out
    assert "You answered" not in out and "Answer a few more" not in out


def test_a_report_of_an_adaptive_quiz_marks_the_questions_not_asked(invoke, tmp_path):
    asked, given = _walk()
    assert invoke("quiz", input=typed_replies(STUDENT.answers, asked) + "n\n").exit_code == 0
    target = tmp_path / "report.md"
    assert invoke("export", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("(not answered)") == QUESTIONS - len(given)
    assert "(skipped)" not in text


def test_json_results_say_how_many_questions_were_asked_and_why_it_stopped(invoke):
    asked, _ = _walk()
    result = invoke("quiz", "--json", input=typed_replies(STUDENT.answers, asked))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # stdout carries only the JSON; no offer to go on
    assert data["questions_asked"] == len(asked)
    assert "chance of changing your top match" in data["stopped_because"]


def test_input_ending_during_the_extra_questions_keeps_the_quiz_finished(invoke):
    asked, _ = _walk()
    longer, given = _walk(more=MORE)
    replies = typed_replies(STUDENT.answers, longer).splitlines(keepends=True)
    typed = "".join(replies[: len(asked)]) + "y\n" + replies[len(asked)]
    result = invoke("quiz", input=typed)
    assert result.exit_code == ExitCode.FAILURE
    assert "The quiz is finished" in result.stderr and "careerfit results" in result.stderr
    assert "before the quiz finished" not in result.stderr
    history = json.loads(invoke("history", "--json").stdout)
    assert history[0]["status"] == "complete"
    assert history[0]["answered"] == len([q for q in longer[: len(asked) + 1] if q in given])
