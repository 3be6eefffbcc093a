"""careerfit score's output: what the results hold, where they go, and what a run says.

The families: text from the responses reaching a results file or the screen (control
characters, escape sequences, spreadsheet formulas), a results file that appears while the
run writes its own, standard streams that are closed, SIGTERM in the middle of writing,
and every count the run reports.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import random
import re
import signal
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.errors import ExitCode
from careerfit.safetext import CONTROL, clean
from support.processes import careerfit_command, careerfit_env, run_careerfit
from support.simulate import random_answers

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and descriptors")
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Every C0 and C1 control character and DEL, what starts a spreadsheet formula, what CSV
# quotes, and ordinary letters: names made of these, and names that open with an escape
# sequence or a formula.
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
PIECES = CONTROLS + list("=+-@,\"' \\;aZé日") + ["\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.builds(
    str.__add__,
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\x1b]0;", "=HYPERLINK("]),
    st.text(max_size=8),
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # any but the line feed


def _rows(kb, count: int, seed: int = 1) -> list[dict]:
    return [random_answers(kb, random.Random(seed * 1000 + i)) for i in range(count)]


def _json_line(answers: dict, **extra) -> str:
    row = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    return json.dumps({**row, **extra}) + "\n"


def _csv_text(kb, rows: list[dict], names: list[str], extra: str = "") -> str:
    ids = [q.id for q in kb.questions_file.questions]
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # lines end in CRLF, as spreadsheets write: CR is quoted too
    writer.writerow(["respondent", *ids, *([extra] if extra else [])])
    for name, answers in zip(names, rows, strict=True):
        cells = [";".join(v) if isinstance(v, tuple) else (v or "") for v in map(answers.get, ids)]
        writer.writerow([name, *cells, *(["x"] if extra else [])])
    return buffer.getvalue()


def _no_crash(result) -> None:
    assert result.exit_code != ExitCode.INTERNAL, result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr


def _expected_cell(name: str, line: int) -> str:
    """What the README promises for a respondent in CSV: visible controls, inert formulas."""
    shown = clean(name.strip())
    if not shown:
        return str(line)
    return "'" + shown if shown.startswith(FORMULA) else shown


@SETTINGS
@given(names=st.lists(HOSTILE, min_size=1, max_size=4), to_file=st.booleans())
def test_no_control_character_or_formula_from_a_respondent_reaches_the_output(
    kb, invoke, tmp_path, names, to_file
):
    rows = _rows(kb, len(names))
    bad_key = names[0] or "\x1b[2J"  # an unknown question named like a respondent
    inputs = {
        "jsonl": "".join(_json_line(a, respondent=n) for a, n in zip(rows, names, strict=True))
        + _json_line(rows[0], **{bad_key: "x"}),
        "csv": _csv_text(kb, rows, names),
    }
    for kind, text in inputs.items():
        (tmp_path / f"in.{kind}").write_text(text, encoding="utf-8", newline="")
        target = tmp_path / f"out.{kind}"
        args = ["-o", str(target), "--force"] if to_file else []
        result = invoke("score", str(tmp_path / f"in.{kind}"), "--top", "1", *args)
        _no_crash(result)
        out = target.read_bytes().decode("utf-8") if to_file else result.stdout
        assert not CONTROL.search(result.stderr)  # the screen shows every control visibly
        if kind == "jsonl":
            assert result.exit_code == ExitCode.FAILURE  # the row with the unknown question
            assert out.isascii() and not RAW_CONTROL.search(out)
            got = [json.loads(line)["respondent"] for line in out.splitlines()]
            assert got == names  # JSON keeps a name exactly, escaped
        else:
            assert result.exit_code == 0, result.stderr
            assert not CONTROL.search(out)
            cells = [r["respondent"] for r in csv.DictReader(io.StringIO(out))]
            assert not [c for c in cells if c.startswith(FORMULA)]
            breaks = [len(re.findall(r"\r\n|\r|\n", n)) for n in names]  # as editors count
            lines = [2 + i + sum(breaks[:i]) for i in range(len(names))]
            assert cells == [_expected_cell(n, at) for n, at in zip(names, lines, strict=True)]


def test_csv_results_show_escapes_and_neutralise_formulas_as_documented(kb, invoke, tmp_path):
    names = ["\x1b]0;pwned\x07", '=HYPERLINK("http://x")', "+1", "-2", "@sum", "\t=x ", "Zoë"]
    (tmp_path / "in.csv").write_text(_csv_text(kb, _rows(kb, len(names)), names))
    result = invoke("score", str(tmp_path / "in.csv"), "--top", "1")
    assert result.exit_code == 0, result.stderr
    assert [r["respondent"] for r in csv.DictReader(io.StringIO(result.stdout))] == [
        "\\x1b]0;pwned\\x07", "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@sum", "'=x", "Zoë"
    ]  # fmt: skip


@SETTINGS
@given(
    valid=st.integers(0, 3),
    problems=st.lists(st.integers(1, 9), max_size=4),
    one_cell=st.booleans(),
)
def test_every_count_agrees_with_its_noun(kb, invoke, tmp_path, valid, problems, one_cell):
    """'1 invalid row', '2 invalid rows', 'Wrote 1 result', 'has 1 cell', '1 more problem'."""
    if not valid and not problems and not one_cell:
        return  # no respondents: a test of its own
    questions = [q.id for q in kb.questions_file.questions]
    rows = _rows(kb, valid + len(problems))
    for i, count in enumerate(problems):
        rows[valid + i] = {**rows[valid + i], **dict.fromkeys(questions[:count], "nonsense")}
    text = _csv_text(kb, rows, [f"r{i}" for i in range(len(rows))])
    (tmp_path / "in.csv").write_text(text + ("lonely\n" if one_cell else ""))
    result = invoke("score", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--force")
    _no_crash(result)
    phrases = re.findall(
        r"(?<![\w.])(\d[\d,]*) ((?:more |invalid )?(?:result|row|cell|problem))(s?)\b",
        result.stderr,
    )
    assert phrases
    for number, noun, plural in phrases:
        assert (number == "1") == (plural == ""), f"{number} {noun}{plural}"
    invalid = len(problems) + one_cell
    assert f"{valid:,} scored, {invalid} invalid row{'s' if invalid != 1 else ''} skipped" in (
        result.stderr
    )


@pytest.mark.slow
@pytest.mark.parametrize("force", [False, True])
def test_a_results_file_that_appears_meanwhile_is_replaced_only_with_force(kb, tmp_path, force):
    """Another program writes the results file after careerfit checked that it was free."""
    target = tmp_path / "results.jsonl"
    child = subprocess.Popen(
        careerfit_command("score", "-", "-o", str(target), *(["--force"] if force else [])),
        env=careerfit_env(tmp_path / "home"),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdin is not None
    child.stdin.write("".join(_json_line(a) for a in _rows(kb, 5)))
    child.stdin.flush()  # the input is not over: careerfit is writing, and waits for more
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]:
        assert child.poll() is None, child.communicate()
    target.write_text("another program's results\n")
    _, err = child.communicate(timeout=60)  # the end of the input: the results are put in place
    assert "Traceback" not in err and "internal error" not in err
    if force:
        assert child.returncode == 0, err
        assert len(target.read_text().splitlines()) == 5
    else:
        assert child.returncode == ExitCode.USAGE, err
        assert "already exists" in err and "--force" in err
        assert target.read_text() == "another program's results\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _responses(kb, folder: Path, count: int = 3) -> Path:
    path = folder / "class.jsonl"
    path.write_text("".join(_json_line(a) for a in _rows(kb, count)))
    return path


@pytest.mark.slow
@POSIX
def test_a_closed_standard_output_is_explained_before_any_work(kb, tmp_path):
    done = run_careerfit(
        "score", str(_responses(kb, tmp_path)), home=tmp_path / "home",
        stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == ExitCode.FAILURE
    assert "standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.slow
@POSIX
def test_a_closed_standard_error_still_writes_the_results_and_fails(kb, tmp_path):
    target = tmp_path / "results.jsonl"
    done = subprocess.run(
        careerfit_command("score", str(_responses(kb, tmp_path)), "-o", str(target)),
        env=careerfit_env(tmp_path / "home"), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        preexec_fn=lambda: os.close(2),
    )  # fmt: skip
    assert done.returncode == ExitCode.FAILURE  # the report could not be given
    assert len(target.read_text().splitlines()) == 3 and done.stdout == ""


@pytest.mark.slow
@POSIX
def test_a_closed_standard_input_is_explained(tmp_path):
    done = run_careerfit("score", "-", home=tmp_path / "home", preexec_fn=lambda: os.close(0))
    assert done.returncode == ExitCode.DATA
    assert "stdin: cannot be read (standard input is closed" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.slow
def test_results_on_standard_output_are_utf8_whatever_its_encoding(kb, tmp_path):
    (tmp_path / "in.csv").write_text(_csv_text(kb, _rows(kb, 2), ["Zoë", "日本"]), "utf-8")
    done = subprocess.run(
        careerfit_command("score", str(tmp_path / "in.csv")),
        env=careerfit_env(tmp_path / "home", env={"PYTHONIOENCODING": "ascii"}),
        stdin=subprocess.DEVNULL, capture_output=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8")))
    assert [r["respondent"] for r in rows] == ["Zoë", "日本"]


@pytest.mark.slow
@POSIX
def test_sigterm_while_writing_results_removes_the_temporary_file(kb, tmp_path):
    target = tmp_path / "results.jsonl"
    block = "".join(_json_line(a) for a in _rows(kb, 512)).encode()
    child = subprocess.Popen(
        careerfit_command("score", "-", "-o", str(target)),
        env=careerfit_env(tmp_path / "home"),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdin is not None
    writing: list[Path] = []
    for _ in range(200):  # each write returns only once the child has read most of the last
        child.stdin.write(block)
        child.stdin.flush()
        writing = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p.stat().st_size]
        if writing:
            break
    assert writing, "careerfit never started writing its results"
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err and b"internal error" not in err
    assert not target.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_bom_in_a_csv_header_is_not_part_of_the_first_column(kb, invoke):
    text = _csv_text(kb, _rows(kb, 1), ["Sam"])
    result = invoke("score", "-", input=codecs.BOM_UTF8 + text.encode())
    assert result.exit_code == 0, result.stderr
    assert next(csv.DictReader(io.StringIO(result.stdout)))["respondent"] == "Sam"
