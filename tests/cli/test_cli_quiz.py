"""The quiz commands through the CLI: answers files, what-if, results, history."""

from __future__ import annotations

import json
import re

from careerfit.errors import ExitCode
from careerfit.fit.ranking import rank
from support.bundled import bundled_kb
from support.helpers import answers_file, typed_replies
from support.personas import persona
from support.simulate import answers_like

STUDENT = persona("p11")  # a law student who wants to clerk for a judge
QUESTIONS = len(bundled_kb().questions)


def _first(answers: dict) -> tuple[str, str]:
    """The first role for these answers, as the library ranks them: (id, title)."""
    first = rank(bundled_kb(), answers).ranked[0].role
    return first.id, first.title


def test_template_lists_every_question_and_fills_in_to_a_valid_file(invoke, tmp_path):
    result = invoke("answers", "template")
    assert result.exit_code == 0
    template = result.stdout
    ids = re.findall(r"^([a-z-]+):$", template, flags=re.M)
    assert len(ids) == QUESTIONS
    assert "#   strongly-agree" in template
    filled = template
    for qid, value in STUDENT.answers.items():
        text = f"[{', '.join(value)}]" if isinstance(value, tuple) else value
        filled = filled.replace(f"\n{qid}:\n", f"\n{qid}: {text}\n")
    path = tmp_path / "filled.yaml"
    path.write_text(filled)
    scored = invoke("quiz", "--answers", str(path), "--json")
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["ranked"][0]["role"] == _first(STUDENT.answers)[0]


def test_template_to_a_file_refuses_to_overwrite(invoke, tmp_path):
    target = tmp_path / "a.yaml"
    assert invoke("answers", "template", "-o", str(target)).exit_code == 0
    again = invoke("answers", "template", "-o", str(target))
    assert again.exit_code != 0 and "--force" in again.stderr
    assert invoke("answers", "template", "-o", str(target), "--force").exit_code == 0
    missing = invoke("answers", "template", "-o", str(tmp_path / "no" / "a.yaml"))
    assert missing.exit_code != 0 and "does not exist" in missing.stderr


def test_quiz_answers_file_shows_ranked_results(invoke, tmp_path):
    result = invoke("quiz", "--answers", answers_file(tmp_path, STUDENT.answers))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    title = _first(STUDENT.answers)[1]
    assert f"Why {title} fits you" in out
    assert "Gaps and next steps" in out and f'careerfit profile "{title}"' in out


def test_a_student_sees_what_the_law_clerk_usually_asks_not_ready(invoke, tmp_path):
    assert STUDENT.answers["education"] != "jd"  # still at law school
    path = answers_file(tmp_path, STUDENT.answers)
    data = json.loads(invoke("quiz", "--answers", path, "--json").stdout)
    clerk = next(r for r in data["ranked"] if r["role"] == "law-clerk")
    assert clerk["status"] == "usually asks a law degree (J.D.)" and clerk["ready"]
    table = invoke("quiz", "--answers", path).stdout
    assert "usually asks" in table and "Law Clerk" in table


def test_only_on_site_shows_a_job_done_from_home_as_no_better_than_chance(invoke, tmp_path):
    kb = bundled_kb()
    path = answers_file(tmp_path, answers_like(kb, kb.by_id["virtual-legal-assistant"]))

    def table(where: str) -> str:
        out = invoke("quiz", "--answers", path, "--what-if", f"remote={where}",
                     "--top", str(len(kb.roles))).stdout  # fmt: skip
        return " ".join(out.split())

    home, site = table("home-only"), table("site-only")
    assert "1 Virtual Legal Assistant" in home
    assert "1 Virtual Legal Assistant" not in site
    assert re.search(r"Virtual Legal Assistant [░█]+ 0 ready no better than chance", site), site


def test_quiz_json_contributions_add_up(invoke, tmp_path):
    data = json.loads(invoke("quiz", "--answers", answers_file(tmp_path, STUDENT.answers),
                             "--json").stdout)  # fmt: skip
    assert len(data["ranked"]) == len(bundled_kb().roles)
    for role in data["ranked"]:
        assert abs(sum(c["points"] for c in role["contributions"]) - role["fit"]) < 0.01
    assert data["answers"]["credentials"] == list(STUDENT.answers["credentials"])


def test_every_problem_in_an_answers_file_is_reported_at_once(invoke, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "remote: maybe\n"                   # line 1: not an allowed answer
        "research-lw: agree\n"              # line 2: unknown question (typo)
        "credentials: [moon]\n"             # line 3: unknown credential
        "pay: 45000\n"
        "pay: 55000\n"                      # line 5: answered twice
    )  # fmt: skip
    result = invoke("quiz", "--answers", str(path))
    assert result.exit_code == ExitCode.DATA
    err = result.stderr
    assert "answers file has 5 problems" in err
    lines = [int(n) for n in re.findall(r"bad\.yaml:(\d+):", err)]
    assert lines == sorted(lines)  # in the order of the file
    assert "bad.yaml:1: remote:" in err
    assert "choose one of: home-only, mostly-home" in err
    assert "bad.yaml:2: research-lw:" in err and "did you mean 'research-law'" in err
    assert "bad.yaml:3: credentials:" in err
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
    path = answers_file(tmp_path, STUDENT.answers)
    base = json.loads(invoke("quiz", "--answers", path, "--json").stdout)
    changed = json.loads(invoke("quiz", "--answers", path, "--what-if", "degree=jd",
                                "--json").stdout)  # fmt: skip
    clerk = next(r for r in changed["ranked"] if r["role"] == "law-clerk")
    before = next(r for r in base["ranked"] if r["role"] == "law-clerk")
    assert [g["kind"] for g in before["gaps"]].count("education") == 1  # a J.D. is usual
    assert [g["kind"] for g in clerk["gaps"]].count("education") == 0  # with one, no gap
    assert changed["answers"]["education"] == "jd" and base["answers"]["education"] == "bachelor"
    assert "No quizzes yet" in invoke("history").stdout


def test_bad_what_if_is_a_usage_error(invoke, tmp_path):
    result = invoke("quiz", "--answers", answers_file(tmp_path, STUDENT.answers),
                    "--what-if", "degree=phd")  # fmt: skip
    assert result.exit_code == ExitCode.USAGE
    assert "choose one of" in result.stderr


def test_results_and_what_if_need_a_quiz_first(invoke):
    for args in (("results",), ("quiz", "--what-if", "degree=jd")):
        result = invoke(*args)
        assert result.exit_code == ExitCode.USAGE
        assert "Run 'careerfit quiz' first" in result.stderr


def test_interactive_quiz_stores_and_history_and_results_show_it(invoke):
    result = invoke("quiz", "--full", input=typed_replies(STUDENT.answers))
    assert result.exit_code == 0, result.output
    role, title = _first(STUDENT.answers)
    out = " ".join(result.stdout.split())
    assert f"Question {QUESTIONS} of {QUESTIONS}" in out and f"Why {title} fits you" in out
    history = " ".join(invoke("history").stdout.split())
    assert "finished" in history and title in history and role not in history
    again = json.loads(invoke("results", "1", "--json").stdout)
    assert again["ranked"][0]["role"] == role
    assert again["answers"]["education"] == "bachelor"
    what = json.loads(invoke("quiz", "--what-if", "degree=jd", "--json").stdout)
    assert what["answers"]["education"] == "jd"
    assert json.loads(invoke("results", "--json").stdout)["answers"]["education"] == "bachelor"


def test_closed_stdin_keeps_answers_and_resume_picks_up(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    first = invoke("quiz", "--full", input="".join(lines[:5]))
    assert first.exit_code == ExitCode.FAILURE
    assert "Input ended" in first.stderr and "5 answers are saved" in first.stderr
    assert "Traceback" not in first.output
    resumed = invoke("quiz", "--full", input="y\n" + "".join(lines[5:]))
    assert resumed.exit_code == 0, resumed.output
    assert f"Question 6 of {QUESTIONS}" in resumed.stdout
    assert f"Question 5 of {QUESTIONS}" not in resumed.stdout
    data = json.loads(invoke("results", "--json").stdout)
    assert data["answers"] == {k: list(v) if isinstance(v, tuple) else v
                               for k, v in STUDENT.answers.items()}  # fmt: skip


def test_quit_saves_and_declining_resume_starts_afresh(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    quit_ = invoke("quiz", "--full", input="".join(lines[:3]) + "q\n")
    assert quit_.exit_code == 0 and f"Saved: 3 of {QUESTIONS} answered" in quit_.stdout
    fresh = invoke("quiz", "--full", input="n\n" + "".join(lines))
    assert fresh.exit_code == 0
    assert f"Question 1 of {QUESTIONS}" in fresh.stdout
    statuses = invoke("history", "--json").stdout
    assert "abandoned" in statuses and "complete" in statuses


def test_resume_after_the_questions_changed_keeps_what_still_applies(invoke, kb_copy):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    invoke("--data", str(kb_copy), "quiz", "--full", input="".join(lines[:4]))
    path = kb_copy / "questions.yaml"
    path.write_text(path.read_text().replace("sort-paperwork", "likes-paperwork"))
    resumed = invoke("--data", str(kb_copy), "quiz", "--full", input="y\n" + "".join(lines[1:]))
    assert resumed.exit_code == 0, resumed.output
    notice = "The questions have changed since; kept 3 answers, dropped sort-paperwork."
    assert notice in resumed.stdout
    assert f"Question 2 of {QUESTIONS}" in resumed.stdout  # the renamed question is asked again


def test_end_of_input_at_the_resume_question_changes_nothing(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    invoke("quiz", "--full", input="".join(lines[:3]))  # three answers, then input ends
    again = invoke("quiz", "--full", input="")  # input ends at "Resume it?"
    assert again.exit_code == ExitCode.FAILURE and "Traceback" not in again.output
    assert "Input ended" in again.stderr
    history = json.loads(invoke("history", "--json").stdout)
    assert [s["status"] for s in history] == ["in-progress"] and history[0]["answered"] == 3


def test_a_typo_at_the_resume_question_does_not_set_the_quiz_aside(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    invoke("quiz", "--full", input="".join(lines[:3]))
    resumed = invoke("quiz", "--full", input="yy\n1\ny\n" + "".join(lines[3:]))
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stdout.count("y for yes or n for no") == 2
    assert f"Question 4 of {QUESTIONS}" in resumed.stdout
    assert [s["status"] for s in json.loads(invoke("history", "--json").stdout)] == ["complete"]


def test_quitting_before_the_first_answer_stores_no_quiz(invoke):
    quit_ = invoke("quiz", "--full", input="q\n")
    assert quit_.exit_code == 0 and "nothing was saved" in quit_.stdout
    assert "No quizzes yet" in invoke("history").stdout
    results = invoke("results")
    assert results.exit_code == ExitCode.USAGE and "Run 'careerfit quiz' first" in results.stderr


def test_quiz_json_writes_only_json_and_asks_on_stderr(invoke):
    result = invoke("quiz", "--full", "--json", input=typed_replies(STUDENT.answers))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # nothing but the JSON on standard output
    assert data["ranked"][0]["role"] == _first(STUDENT.answers)[0]
    assert f"Question 1 of {QUESTIONS}" in result.stderr


def test_history_ranks_an_unfinished_quiz_as_it_stands_and_names_roles_by_title(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    invoke("quiz", "--full", input="".join(lines[:20]))  # input ends after 20 answers
    history = " ".join(invoke("history").stdout.split())
    answered = dict(list(STUDENT.answers.items())[:20])
    title = rank(bundled_kb(), answered).ranked[0].role.title
    assert "unfinished" in history and f"{title} (" in history and "so far" in history


def test_a_quiz_set_aside_can_be_taken_up_again(invoke):
    lines = typed_replies(STUDENT.answers).splitlines(keepends=True)
    invoke("quiz", "--full", input="".join(lines[:4]))  # quiz 1: four answers, then input ends
    declined = invoke("quiz", "--full", input="n\n" + "".join(lines[:2]))  # start quiz 2 instead
    assert "'careerfit quiz --resume 1' takes it up again" in declined.stdout
    restarted = invoke("quiz", "--full", "--restart", input="".join(lines[:1]))  # quiz 3
    assert "Quiz 2 is set aside" in restarted.stdout
    statuses = {s["id"]: s["status"] for s in json.loads(invoke("history", "--json").stdout)}
    assert statuses == {1: "abandoned", 2: "abandoned", 3: "in-progress"}
    resumed = invoke("quiz", "--full", "--resume", "1", input="".join(lines[4:]))
    assert resumed.exit_code == 0, resumed.output
    assert f"Question 5 of {QUESTIONS}" in resumed.stdout
    again = json.loads(invoke("results", "1", "--json").stdout)
    assert again["answers"] == {k: list(v) if isinstance(v, tuple) else v
                                for k, v in STUDENT.answers.items()}  # fmt: skip
    finished = invoke("quiz", "--resume", "1")
    assert finished.exit_code == ExitCode.USAGE and "finished" in finished.stderr


def test_deleting_several_quizzes_says_so_in_words(invoke):
    for _ in range(2):
        invoke("quiz", "--full", "--restart", input=typed_replies(STUDENT.answers))
    deleted = invoke("history", "--delete", "1", "--delete", "2")
    assert "Deleted quizzes 1 and 2 and their answers." in deleted.stdout


def test_results_say_which_shown_roles_fit_no_better_than_chance(invoke, tmp_path):
    """Roles whose fit is 0 are marked as such, and a note says how many fit better."""
    answers = persona("p23").answers  # a home transcriptionist: few roles suit her
    result = invoke("quiz", "--answers", answers_file(tmp_path, answers))
    assert result.exit_code == 0, result.output
    shown = rank(bundled_kb(), answers).ranked[:10]
    better = sum(1 for r in shown if round(r.fit) > 0)
    assert 0 < better < 10
    rows = [line for line in result.stdout.splitlines() if re.match(r"\s+\d+\s+\S", line)]
    marked = [line for line in rows if "no better than chance" in line]
    assert len(marked) == 10 - better
    out = " ".join(result.stdout.split())
    assert f"Only {better} roles fit you better than random answers would" in out
    data = json.loads(invoke("quiz", "--answers", answers_file(tmp_path, answers), "--json").stdout)
    assert sum(r["better_than_chance"] for r in data["ranked"][:10]) == better
