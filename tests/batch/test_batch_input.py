"""careerfit score on whatever comes in: any encoding, any bytes, any nesting, any format.

Each family is tried with generated input through the command line: every row that can be
read is scored, every one that cannot is reported on the line it starts on with every
problem in it, and nothing ends in a traceback or an internal error.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.errors import ExitCode
from support.simulate import random_answers

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Names in any script, with emoji (outside the BMP: surrogate pairs in UTF-16).
NAMES = st.text(st.characters(whitelist_categories=("L", "N", "So")), min_size=1, max_size=12)


def _rows(kb, count: int, seed: int) -> list[dict]:
    return [random_answers(kb, random.Random(seed * 1000 + i)) for i in range(count)]


def _json_line(answers: dict, **extra) -> str:
    row = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    return json.dumps({**row, **extra}) + "\n"


def _csv_lines(kb, rows: list[dict], names: list[str] | None = None) -> list[str]:
    """The header and one line per row; names are written as the csv module quotes them."""
    ids = [q.id for q in kb.questions_file.questions]
    lines = [",".join(["respondent", *ids]) + "\n"]
    for i, answers in enumerate(rows):
        cells = [";".join(v) if isinstance(v, tuple) else (v or "") for v in map(answers.get, ids)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([names[i] if names else f"r{i}", *cells])
        lines.append(buffer.getvalue())
    return lines


def _no_crash(result) -> None:
    assert result.exit_code != ExitCode.INTERNAL, result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr


def _results(result, kind: str) -> list[dict]:
    if kind == "jsonl":
        return [json.loads(line) for line in result.stdout.splitlines()]
    return list(csv.DictReader(io.StringIO(result.stdout)))


# Every way the bytes of a responses file are written in practice, and how to write them.
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "utf-16-le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le, no BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be, no BOM": lambda text: text.encode("utf-16-be"),
    "utf-32 with BOM": lambda text: text.encode("utf-32"),
}


@SETTINGS
@given(
    encoding=st.sampled_from(sorted(ENCODINGS)),
    kind=st.sampled_from(["jsonl", "csv"]),
    names=st.lists(NAMES, min_size=1, max_size=4),
    seed=st.integers(0, 10_000),
    blank_lines=st.integers(0, 2),
    where=st.sampled_from(["-", "responses.txt"]),
)
def test_every_encoding_is_read_and_the_format_found_from_the_content(
    kb, invoke, tmp_path, encoding, kind, names, seed, blank_lines, where
):
    rows = _rows(kb, len(names), seed)
    if kind == "jsonl":
        text = "".join(_json_line(a, respondent=n) for a, n in zip(rows, names, strict=True))
    else:
        text = "".join(_csv_lines(kb, rows, names))
    raw = ENCODINGS[encoding]("\n" * blank_lines + text)
    if where == "-":
        result = invoke("score", "-", "--top", "1", input=raw)
    else:
        (tmp_path / where).write_bytes(raw)  # a name that says nothing of the format
        result = invoke("score", str(tmp_path / where), "--top", "1")
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    assert "encod" not in result.stderr.lower()  # decoded without a word
    got = _results(result, kind)
    assert [r["respondent"] for r in got] == names
    firsts = [blank_lines + 1 + i + (kind == "csv") for i in range(len(names))]
    assert [int(r["line"]) for r in got] == firsts


@SETTINGS
@given(
    kind=st.sampled_from(["jsonl", "csv"]),
    count=st.integers(2, 6),
    data=st.data(),
    via_stdin=st.booleans(),
)
def test_bytes_that_are_not_utf8_are_reported_on_their_line_and_the_rest_scored(
    kb, invoke, tmp_path, kind, count, data, via_stdin
):
    rows = _rows(kb, count, data.draw(st.integers(0, 10_000)))
    lines = [_json_line(a) for a in rows] if kind == "jsonl" else _csv_lines(kb, rows)
    encoded = [line.encode() for line in lines]
    first_row = 0 if kind == "jsonl" else 1  # a CSV header cannot be spared: tested below
    bad = data.draw(st.integers(first_row, len(lines) - 1))
    at = data.draw(st.integers(0, len(encoded[bad]) - 1))  # the line break included
    byte = data.draw(st.sampled_from([0x80, 0xA9, 0xBF, 0xC0, 0xC3, 0xE9, 0xF5, 0xFE, 0xFF]))
    encoded[bad] = encoded[bad][:at] + bytes([byte]) + encoded[bad][at:]
    raw = b"".join(encoded)
    if via_stdin:
        result, name = invoke("score", "-", input=raw), "stdin"
    else:
        (tmp_path / f"r.{kind}").write_bytes(raw)
        result, name = invoke("score", str(tmp_path / f"r.{kind}")), f"r.{kind}"
    _no_crash(result)
    assert result.exit_code == ExitCode.FAILURE
    assert f"{name}:{bad + 1}: is not UTF-8 text (byte 0x{byte:02x}" in result.stderr
    assert "save them as UTF-8" in result.stderr
    got = _results(result, kind)
    assert len(got) == count - 1 and str(bad + 1) not in [r["line"] for r in got]
    assert "1 invalid row skipped" in result.stderr


def test_a_csv_header_that_is_not_utf8_stops_the_run_with_its_line(kb, invoke):
    lines = _csv_lines(kb, _rows(kb, 2, 1))
    raw = b"\n" + lines[0].replace("respondent", "r\xe9spondent").encode("latin-1")
    result = invoke("score", "-", input=raw + "".join(lines[1:]).encode())
    _no_crash(result)
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert "stdin:2: the header of question ids is not UTF-8 text (byte 0xe9" in result.stderr


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
@pytest.mark.parametrize("how", ["stdin", "file named .txt", "file named for its format"])
def test_the_format_comes_from_the_name_else_from_the_content(kb, invoke, tmp_path, kind, how):
    rows = _rows(kb, 3, 5)
    text = (
        "".join(_json_line(a) for a in rows) if kind == "jsonl" else "".join(_csv_lines(kb, rows))
    )
    if how == "stdin":
        result = invoke("score", "-", input=text)
    else:
        path = tmp_path / ("r.txt" if how == "file named .txt" else f"r.{kind}")
        path.write_text(text)
        result = invoke("score", str(path))
    assert result.exit_code == 0, result.stderr
    assert len(_results(result, kind)) == 3


def test_a_file_name_or_format_given_wins_over_the_content(kb, invoke, tmp_path):
    text = "".join(_csv_lines(kb, _rows(kb, 2, 6)))
    (tmp_path / "r.jsonl").write_text(text)
    named = invoke("score", str(tmp_path / "r.jsonl"))
    assert named.exit_code == ExitCode.FAILURE and "r.jsonl:1: is not valid JSON" in named.stderr
    given_ = invoke("score", str(tmp_path / "r.jsonl"), "--format", "csv")
    assert given_.exit_code == 0 and len(_results(given_, "csv")) == 2


def _nested(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "list" else '{"a": ' * depth + "1" + "}" * depth


@SETTINGS
@given(
    depth=st.integers(2, 5000) | st.sampled_from([900, 990, 1000, 1001, 2000]),
    kind=st.sampled_from(["list", "object"]),
    where=st.sampled_from(["row", "answer", "respondent", "unknown key"]),
    position=st.integers(0, 3),
)
def test_a_row_nested_at_any_depth_is_one_invalid_row(kb, invoke, depth, kind, where, position):
    rows = [_json_line(a) for a in _rows(kb, 3, depth)]
    if where == "row":
        line = _nested(depth, kind) + "\n"
    else:
        key = {"answer": "education", "respondent": "respondent", "unknown key": "extra"}[where]
        line = rows[0][:-2] + f', "{key}": {_nested(depth, kind)}}}\n'
    rows.insert(position, line)
    result = invoke("score", "-", input="".join(rows))
    _no_crash(result)
    assert result.exit_code == ExitCode.FAILURE
    assert re.search(rf"^stdin:{position + 1}: ", result.stderr, re.MULTILINE)
    if depth > sys.getrecursionlimit():
        assert f"stdin:{position + 1}: is nested too deeply to be read" in result.stderr
    got = _results(result, "jsonl")
    assert [r["line"] for r in got] == [n for n in range(1, 5) if n != position + 1]
    assert "3 scored, 1 invalid row skipped." in result.stderr


@pytest.mark.parametrize(
    "raw",
    [b"", b"\n\n", b"  \n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, "\n".encode("utf-16")],
    ids=["empty", "blank lines", "spaces", "utf-8 BOM only", "utf-16 BOM only", "utf-16 blank"],
)
@pytest.mark.parametrize("named", ["r.jsonl", "r.csv", "-"])
def test_no_respondents_is_an_error_and_writes_nothing(invoke, tmp_path, raw, named):
    output = tmp_path / "out"
    if named == "-":
        result = invoke("score", "-", "-o", str(output), input=raw)
    else:
        (tmp_path / named).write_bytes(raw)
        result = invoke("score", str(tmp_path / named), "-o", str(output))
    _no_crash(result)
    assert result.exit_code == ExitCode.DATA
    assert "has no respondents to score" in result.stderr
    assert not output.exists() and not list(tmp_path.glob(".out.*"))


def test_a_csv_header_without_rows_has_no_respondents(kb, invoke):
    result = invoke("score", "-", input=_csv_lines(kb, [])[0] + "\n\n")
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert "stdin: has no respondents to score" in result.stderr


@SETTINGS
@given(data=st.data(), kind=st.sampled_from(["jsonl", "csv"]))
def test_every_problem_of_an_invalid_row_is_reported_on_its_line(kb, invoke, data, kind):
    questions = kb.questions_file.questions
    rows = _rows(kb, 3, data.draw(st.integers(0, 10_000)))
    wrong = data.draw(st.sets(st.sampled_from([q.id for q in questions]), min_size=1, max_size=6))
    unknown = [f"unknown-{i}" for i in range(data.draw(st.integers(0, 3)))]
    bad = data.draw(st.integers(0, 2))
    rows[bad] = {**rows[bad], **dict.fromkeys(wrong, "no-such-answer")}
    if kind == "jsonl":
        text = "".join(
            _json_line(a, **(dict.fromkeys(unknown, "x") if i == bad else {}))
            for i, a in enumerate(rows)
        )
        line = bad + 1
    else:
        lines = _csv_lines(kb, rows)
        lines[0] = lines[0][:-1] + "".join("," + u for u in unknown) + "\n"
        lines[1:] = [
            row[:-1] + ("," + "x" if i == bad else ",") * len(unknown) + "\n"
            for i, row in enumerate(lines[1:])
        ]
        text, line = "".join(lines), bad + 2
    result = invoke("score", "-", input=text)
    _no_crash(result)
    assert result.exit_code == ExitCode.FAILURE
    reported = re.findall(rf"^stdin:{line}: (.*)$", result.stderr, re.MULTILINE)
    assert len(reported) == len(wrong) + len(unknown)
    for qid in wrong:
        assert any(f"'{qid}' has no answer 'no-such-answer'" in r for r in reported)
    for key in unknown:
        assert any(r.startswith(f"{key}: is not a question") for r in reported)
    assert "2 scored, 1 invalid row skipped." in result.stderr


@SETTINGS
@given(
    breaks=st.lists(st.integers(0, 3), min_size=2, max_size=8),
    invalid=st.sets(st.integers(0, 7), max_size=3),
)
def test_csv_rows_are_numbered_by_the_line_they_start_on(kb, invoke, breaks, invalid):
    """A quoted cell may span lines; every later row keeps its own line, as an editor shows."""
    rows = _rows(kb, len(breaks), len(breaks))
    invalid = {i for i in invalid if i < len(breaks)}
    for i in invalid:
        rows[i] = {**rows[i], "education": "phd"}
    names = ["name" + "\nmore" * k for k in breaks]
    lines = _csv_lines(kb, rows, names)
    starts = []
    number = 2
    for line in lines[1:]:
        starts.append(number)
        number += line.count("\n")
    result = invoke("score", "-", input="".join(lines))
    _no_crash(result)
    got = _results(result, "csv")
    assert [int(r["line"]) for r in got] == [s for i, s in enumerate(starts) if i not in invalid]
    assert [r["respondent"] for r in got] == [n for i, n in enumerate(names) if i not in invalid]
    reported = [int(n) for n in re.findall(r"^stdin:(\d+): ", result.stderr, re.MULTILINE)]
    assert reported == [s for i, s in enumerate(starts) if i in invalid]
