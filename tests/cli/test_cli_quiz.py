"""The quiz commands through the CLI: answers files, what-if, results, history."""

from __future__ import annotations

import json
import re

from careerfit.errors import ExitCode
from support.helpers import answers_file, typed_replies
from support.personas import PERSONAS

THEO = PERSONAS[2]


def test_template_lists_every_question_and_fills_in_to_a_valid_file(invoke, tmp_path):
    result = invoke("answers", "template")
    assert result.exit_code == 0
    template = result.stdout
    ids = re.findall(r"^([a-z-]+):$", template, flags=re.M)
    assert len(ids) == 26
    assert "#   strongly-agree" in template
    filled = template
    for qid, value in THEO.answers.items():
        text = f"[{', '.join(value)}]" if isinstance(value, tuple) else value
        filled = filled.replace(f"\n{qid}:\n", f"\n{qid}: {text}\n")
    path = tmp_path / "filled.yaml"
    path.write_text(filled)
    scored = invoke("quiz", "--answers", str(path), "--json")
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["ranked"][0]["role"] == "law-clerk"


def test_template_to_a_file_refuses_to_overwrite(invoke, tmp_path):
    target = tmp_path / "a.yaml"
    assert invoke("answers", "template", "-o", str(target)).exit_code == 0
    again = invoke("answers", "template", "-o", str(target))
    assert again.exit_code != 0 and "--force" in again.stderr
    assert invoke("answers", "template", "-o", str(target), "--force").exit_code == 0
    missing = invoke("answers", "template", "-o", str(tmp_path / "no" / "a.yaml"))
    assert missing.exit_code != 0 and "does not exist" in missing.stderr


def test_quiz_answers_file_shows_ranked_results(invoke, tmp_path):
    result = invoke("quiz", "--answers", answers_file(tmp_path, THEO.answers))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Law Clerk" in out and "Why Law Clerk fits you" in out
    assert "Gaps and next steps" in out and 'careerfit profile "Law Clerk"' in out


def test_quiz_json_contributions_add_up(invoke, tmp_path):
    data = json.loads(invoke("quiz", "--answers", answers_file(tmp_path, THEO.answers),
                             "--json").stdout)  # fmt: skip
    assert len(data["ranked"]) == 16
    for role in data["ranked"]:
        assert abs(sum(c["points"] for c in role["contributions"]) - role["fit"]) < 0.01
    assert data["answers"]["settings"] == ["court"]


def test_every_problem_in_an_answers_file_is_reported_at_once(invoke, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "draft-or-schedule: maybe\n"        # line 1: not an allowed answer
        "enjoy-reserch: agree\n"            # line 2: unknown question (typo)
        "settings: [moon]\n"                # line 3: unknown setting
        "pay: 45k\n"
        "pay: 55k\n"                        # line 5: answered twice
    )  # fmt: skip
    result = invoke("quiz", "--answers", str(path))
    assert result.exit_code == ExitCode.DATA
    err = result.stderr
    assert "answers file has 5 problems" in err
    assert "bad.yaml:1: draft-or-schedule:" in err and "choose one of: draft, schedule" in err
    assert "bad.yaml:2: enjoy-reserch:" in err and "did you mean 'enjoy-research'" in err
    assert "bad.yaml:3: settings:" in err
    assert "bad.yaml:5: pay:" in err and "twice" in err
    assert "education: is required" in err
    assert "Traceback" not in result.output


def test_missing_or_brokenanswers_file(invoke, tmp_path):
    gone = invoke("quiz", "--answers", str(tmp_path / "nope.yaml"))
    assert gone.exit_code == ExitCode.DATA and "file not found" in gone.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("education: [bachelor\n")
    result = invoke("quiz", "--answers", str(broken))
    assert result.exit_code == ExitCode.DATA and "not valid YAML" in result.stderr


def test_what_if_reranks_an_answers_file_without_storing(invoke, tmp_path):
    path = answers_file(tmp_path, THEO.answers)
    base = json.loads(invoke("quiz", "--answers", path, "--json").stdout)
    assert base["ranked"][0]["status"] == "ready"
    changed = json.loads(invoke("quiz", "--answers", path, "--what-if", "degree=bachelor",
                                "--json").stdout)  # fmt: skip
    clerk = next(r for r in changed["ranked"] if r["role"] == "law-clerk")
    before = next(r for r in base["ranked"] if r["role"] == "law-clerk")
    assert [g["what"] for g in clerk["gaps"] if g["kind"] == "education"] == [
        "a law degree (J.D.)"
    ]  # usually asked, not required: a bachelor's is enough to start
    assert clerk["status"] == "ready" and clerk["fit"] < before["fit"]
    assert "No quizzes yet" in invoke("history").stdout


def test_bad_what_if_is_a_usage_error(invoke, tmp_path):
    result = invoke("quiz", "--answers", answers_file(tmp_path, THEO.answers),
                    "--what-if", "degree=phd")  # fmt: skip
    assert result.exit_code == ExitCode.USAGE
    assert "choose one of" in result.stderr


def test_results_and_what_if_need_a_quiz_first(invoke):
    for args in (("results",), ("quiz", "--what-if", "degree=jd")):
        result = invoke(*args)
        assert result.exit_code == ExitCode.USAGE
        assert "Run 'careerfit quiz' first" in result.stderr


def test_interactive_quiz_stores_and_history_and_results_show_it(invoke):
    result = invoke("quiz", input=typed_replies(THEO.answers))
    assert result.exit_code == 0, result.output
    assert "Question 26 of 26" in result.stdout and "Why Law Clerk fits you" in result.stdout
    history = invoke("history")
    assert "complete" in history.stdout and "law-clerk" in history.stdout
    again = json.loads(invoke("results", "1", "--json").stdout)
    assert again["ranked"][0]["role"] == "law-clerk"
    assert again["answers"]["education"] == "jd"
    what = json.loads(invoke("quiz", "--what-if", "degree=bachelor", "--json").stdout)
    assert what["answers"]["education"] == "bachelor"
    assert json.loads(invoke("results", "--json").stdout)["answers"]["education"] == "jd"


def test_closed_stdin_keeps_answers_and_resume_picks_up(invoke):
    lines = typed_replies(THEO.answers).splitlines(keepends=True)
    first = invoke("quiz", input="".join(lines[:5]))
    assert first.exit_code == ExitCode.FAILURE
    assert "Input ended" in first.stderr and "5 answers are saved" in first.stderr
    assert "Traceback" not in first.output
    resumed = invoke("quiz", input="y\n" + "".join(lines[5:]))
    assert resumed.exit_code == 0, resumed.output
    assert "Question 6 of 26" in resumed.stdout and "Question 5 of 26" not in resumed.stdout
    data = json.loads(invoke("results", "--json").stdout)
    assert data["answers"] == {k: list(v) if isinstance(v, tuple) else v
                               for k, v in THEO.answers.items()}  # fmt: skip


def test_quit_saves_and_declining_resume_starts_afresh(invoke):
    lines = typed_replies(THEO.answers).splitlines(keepends=True)
    quit_ = invoke("quiz", input="".join(lines[:3]) + "q\n")
    assert quit_.exit_code == 0 and "Saved: 3 of 26 answered" in quit_.stdout
    fresh = invoke("quiz", input="n\n" + "".join(lines))
    assert fresh.exit_code == 0
    assert "Question 1 of 26" in fresh.stdout
    statuses = invoke("history", "--json").stdout
    assert "abandoned" in statuses and "complete" in statuses


def test_resume_after_the_questions_changed_keeps_what_still_applies(invoke, kb_copy):
    lines = typed_replies(THEO.answers).splitlines(keepends=True)
    invoke("--data", str(kb_copy), "quiz", input="".join(lines[:4]))
    path = kb_copy / "questions.yaml"
    path.write_text(path.read_text().replace("enjoy-research", "likes-research"))
    resumed = invoke("--data", str(kb_copy), "quiz", input="y\n" + "".join(lines[1:]))
    assert resumed.exit_code == 0, resumed.output
    notice = "The questions have changed since; kept 3 answers, dropped enjoy-research."
    assert notice in resumed.stdout
    assert "Question 2 of 26" in resumed.stdout  # the renamed question is asked again
