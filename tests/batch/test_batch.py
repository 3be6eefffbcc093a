"""careerfit score: many respondents at once, with fits identical to one quiz each."""

from __future__ import annotations

import csv
import io
import json
import random
import tempfile
from pathlib import Path

import pytest
import yaml

from careerfit.batch import pipeline as batch
from careerfit.batch import read as batchread
from careerfit.batch import score as batchscore
from careerfit.errors import ExitCode
from careerfit.fit.ranking import rank
from careerfit.kb.load import load
from support import synthetic
from support.helpers import answers_file
from support.simulate import random_answers


def _jsonl(answer_sets, respondent=True) -> str:
    lines = []
    for i, answers in enumerate(answer_sets):
        row = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
        if respondent:
            row["respondent"] = f"r{i}"
        lines.append(json.dumps(row))
    return "\n".join(lines) + "\n"


def _csv(kb, answer_sets) -> str:
    ids = [q.id for q in kb.questions_file.questions]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent", *ids])
    for i, answers in enumerate(answer_sets):
        cells = [";".join(v) if isinstance(v := answers.get(q), tuple) else (v or "") for q in ids]
        writer.writerow([f"r{i}", *cells])
    return buffer.getvalue()


def _expected(kb, answers, top=3):
    return [(r.role.id, round(r.fit, 2), r.ready) for r in rank(kb, answers).ranked[:top]]


def _run(kb, text, kind, top=3):
    sink = io.StringIO()
    summary = batch.run(kb, io.StringIO(text), kind, sink, top)
    return summary, sink.getvalue()


def test_fits_are_identical_to_single_scoring_jsonl_and_csv(kb):
    sets = [random_answers(kb, random.Random(i), skip=i % 3 * 0.3) for i in range(3000)]
    summary, out = _run(kb, _jsonl(sets), "jsonl")
    assert summary.scored == 3000 and not summary.invalid
    for answers, line in zip(sets, out.splitlines(), strict=True):
        got = [(m["role"], m["fit"], m["ready"]) for m in json.loads(line)["top"]]
        assert got == _expected(kb, answers)
    summary, out = _run(kb, _csv(kb, sets[:500]), "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    for answers, row in zip(sets[:500], rows, strict=True):
        got = [(row[f"match_{k}"], float(row[f"fit_{k}"]), row[f"ready_{k}"] == "yes")
               for k in (1, 2, 3)]  # fmt: skip
        assert got == _expected(kb, answers)


@pytest.mark.parametrize("seed", [1, 2])
def test_identical_on_a_synthetic_knowledge_base_with_gaps_and_requirements(seed):
    kb = load(synthetic.write(Path(tempfile.mkdtemp()), 40, 20, seed))
    rng = random.Random(seed)
    sets = []
    for _ in range(400):
        answers = {}
        for q in kb.questions_file.questions:
            if q.skippable and rng.random() < 0.3:
                continue
            if q.kind.value == "multi":
                plain = [o.value for o in q.options if not o.exclusive]
                answers[q.id] = tuple(v for v in plain if v in rng.sample(plain, 2))
            else:
                answers[q.id] = rng.choice(q.options).value
        sets.append(answers)
    summary, out = _run(kb, _jsonl(sets, respondent=False), "jsonl", top=5)
    assert summary.scored == 400
    for answers, line in zip(sets, out.splitlines(), strict=True):
        got = [(m["role"], m["fit"], m["ready"]) for m in json.loads(line)["top"]]
        assert got == _expected(kb, answers, top=5)
    assert any(not m["ready"] for line in out.splitlines() for m in json.loads(line)["top"])


def test_the_cli_matches_quiz_answers_for_each_respondent(kb, invoke, tmp_path):
    sets = [random_answers(kb, random.Random(100 + i)) for i in range(25)]
    responses = tmp_path / "class.jsonl"
    responses.write_text(_jsonl(sets))
    result = invoke("score", str(responses), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0, result.output
    assert "Wrote 25 results" in result.stderr and "First matches" in result.stderr
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    for i, (answers, line) in enumerate(zip(sets, lines, strict=True)):
        folder = tmp_path / f"a{i}"
        folder.mkdir()
        single = json.loads(
            invoke("quiz", "--answers", answers_file(folder, answers), "--json").stdout
        )
        expected = [(r["role"], r["fit"]) for r in single["ranked"][:3]]
        assert [(m["role"], m["fit"]) for m in json.loads(line)["top"]] == expected
        assert json.loads(line)["respondent"] == f"r{i}"


def test_invalid_rows_are_reported_with_their_lines_and_skipped(kb, invoke, tmp_path):
    good = random_answers(kb, random.Random(7))
    text = _jsonl([good]) + '{"education": "phd"}\n' + "not json\n\n" + _jsonl([good])
    text += '{"enjoy-reserch": "agree", "education": "jd"}\n[1, 2]\n{"study": "none"}\n'
    responses = tmp_path / "r.jsonl"
    responses.write_text(text)
    result = invoke("score", str(responses))
    assert result.exit_code == ExitCode.FAILURE
    assert len(result.stdout.splitlines()) == 2  # the two good rows, still scored
    err = result.stderr
    assert "r.jsonl:2: 'education' has no answer 'phd'" in err
    assert "r.jsonl:3: is not valid JSON" in err
    assert "r.jsonl:6: enjoy-reserch: is not a question" in err
    assert "r.jsonl:7: is not a JSON object" in err
    assert "r.jsonl:8: education: is required" in err
    assert "2 scored, 5 invalid rows skipped" in err
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("kind", "text"),
    [("jsonl", "not json\n\n[1]\n"), ("csv", "education,study\njust,three,cells\n")],
)
def test_a_file_with_no_readable_row_is_reported_not_a_crash(kb, kind, text, monkeypatch):
    monkeypatch.setattr(batchread, "READ", 2)  # a whole block of unreadable lines, then more
    summary, out = _run(kb, text, kind)
    assert summary.scored == 0 and [line for line, _ in summary.invalid] == (
        [1, 3] if kind == "jsonl" else [2]
    )
    assert out.count("\n") == (0 if kind == "jsonl" else 1)  # no result rows (CSV: a header)


def test_csv_in_csv_out_with_a_bad_cell_count(kb, invoke, tmp_path):
    sets = [random_answers(kb, random.Random(i)) for i in range(5)]
    text = _csv(kb, sets) + "just,three,cells\n"
    responses = tmp_path / "c.csv"
    responses.write_text(text)
    result = invoke("score", str(responses), "--top", "2")
    assert result.exit_code == ExitCode.FAILURE
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["respondent"] for r in rows] == [f"r{i}" for i in range(5)]
    assert set(rows[0]) == {"respondent", "line", "match_1", "fit_1", "ready_1", "match_2",
                            "fit_2", "ready_2"}  # fmt: skip
    assert "c.csv:7: has 3 cells" in result.stderr


def test_a_csv_row_the_csv_reader_refuses_is_reported_and_the_rest_scored(kb, invoke, tmp_path):
    sets = [random_answers(kb, random.Random(i)) for i in range(4)]
    rows = _csv(kb, sets).splitlines()
    rows.insert(3, 'r-huge,"' + "x" * 200_000 + '"')  # quoted, over the csv module's limit
    responses = tmp_path / "c.csv"
    responses.write_text("\n".join(rows) + "\n")
    result = invoke("score", str(responses))
    assert result.exit_code == ExitCode.FAILURE
    assert [r["respondent"] for r in csv.DictReader(io.StringIO(result.stdout))] == [
        "r0", "r1", "r2", "r3"
    ]  # fmt: skip
    assert "c.csv:4: is not valid CSV (field larger than field limit" in result.stderr
    assert "Traceback" not in result.output


def test_quoted_cells_with_commas_quotes_and_line_breaks_are_read_as_csv(kb):
    sets = [random_answers(kb, random.Random(i)) for i in range(1500)]  # quotes from block 2 on
    text = _csv(kb, sets)
    names = ["Lee, Sam", 'Ann "Nan"', "two\nlines"]
    for i, name in zip((1100, 1200, 1300), names, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        text = text.replace(f"\nr{i},", f"\n{quoted},", 1)
    summary, out = _run(kb, text, "csv")
    assert summary.scored == 1500 and not summary.invalid
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [rows[i]["respondent"] for i in (1100, 1200, 1300)] == names
    assert rows[1299]["line"] == "1301" and rows[1300]["line"] == "1302"
    assert rows[1400]["line"] == "1403"  # the line a row starts on: row 1300's cell took two
    for answers, row in zip(sets[1290:1310], rows[1290:1310], strict=True):
        assert (row["match_1"], float(row["fit_1"])) == _expected(kb, answers)[0][:2]


def test_a_spreadsheet_csv_with_a_byte_order_mark_is_read(kb, invoke, tmp_path):
    sets = [random_answers(kb, random.Random(i)) for i in range(3)]
    responses = tmp_path / "excel.csv"
    responses.write_text(_csv(kb, sets), encoding="utf-8-sig")  # as Excel's "CSV UTF-8"
    result = invoke("score", str(responses))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["respondent"] for r in rows] == ["r0", "r1", "r2"]


def test_output_file_is_refused_without_force_and_input_must_exist(kb, invoke, tmp_path):
    responses = tmp_path / "r.jsonl"
    responses.write_text(_jsonl([random_answers(kb, random.Random(1))]))
    target = tmp_path / "out.jsonl"
    target.write_text("keep")
    refused = invoke("score", str(responses), "-o", str(target))
    assert refused.exit_code == ExitCode.USAGE and target.read_text() == "keep"
    assert invoke("score", str(responses), "-o", str(target), "--force").exit_code == 0
    missing = invoke("score", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == ExitCode.DATA and "cannot be read" in missing.stderr


def test_reads_standard_input(kb, invoke):
    text = _jsonl([random_answers(kb, random.Random(3))], respondent=False)
    result = invoke("score", "-", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondent"] == "1"


def _random_sets(kb, rng, count, skip=0.3):
    sets = []
    for _ in range(count):
        answers = {}
        for q in kb.questions_file.questions:
            if q.skippable and rng.random() < skip:
                continue
            if q.kind.value == "multi":
                plain = [o.value for o in q.options if not o.exclusive]
                picked = rng.sample(plain, rng.randint(1, min(3, len(plain))))
                answers[q.id] = tuple(v for v in plain if v in picked)
            else:
                answers[q.id] = rng.choice(q.options).value
        sets.append(answers)
    return sets


def test_identical_when_a_multi_choice_answer_is_required_and_single_ones_record_settings(
    tmp_path,
):
    roles, questions = synthetic.build(30, 15, seed=5)
    by_id = {q["id"]: q for q in questions["questions"]}
    by_id["credentials"]["skippable"] = False  # a required multi-choice question
    questions["questions"].append(
        {
            "id": "main-setting",
            "kind": "choice",
            "text": "Where most?",
            "why": "Settings again.",
            "options": [{"value": s, "label": s, "setting": s} for s in synthetic.SETTINGS[:3]],
        }
    )
    for name, data in (("roles.yaml", roles), ("questions.yaml", questions)):
        (tmp_path / name).write_text(yaml.safe_dump(data, sort_keys=False))
    kb = load(tmp_path)
    sets = _random_sets(kb, random.Random(5), 300)
    for kind, text in (("jsonl", _jsonl(sets)), ("csv", _csv(kb, sets))):
        summary, out = _run(kb, text, kind, top=4)
        assert summary.scored == 300 and not summary.invalid, summary.invalid[:3]
        rows = (
            [[(m["role"], m["fit"], m["ready"]) for m in json.loads(line)["top"]]
             for line in out.splitlines()]
            if kind == "jsonl"
            else [[(r[f"match_{k}"], float(r[f"fit_{k}"]), r[f"ready_{k}"] == "yes")
                   for k in (1, 2, 3, 4)] for r in csv.DictReader(io.StringIO(out))]
        )  # fmt: skip
        assert rows == [_expected(kb, answers, top=4) for answers in sets]


def test_answers_in_other_spellings_score_as_their_canonical_form(kb):
    """What an answers file accepts, a batch row accepts, with the same result."""
    base = random_answers(kb, random.Random(11))
    settings = next(q for q in kb.questions_file.questions if q.kind.value == "multi")
    single = next(q for q in kb.questions_file.questions if q.skippable and q.kind.value == "scale")
    chosen = [o.value for o in settings.options if not o.exclusive][:2]
    variants = [
        {**base, settings.id: " ".join(chosen)},  # a multi-choice answer as one string
        {**base, settings.id: [chosen[1], chosen[0], chosen[1]]},  # unordered, repeated
        {**base, single.id: None},  # skipped by null
        {**base, single.id: ""},  # skipped by an empty string
    ]
    text = "\n".join(json.dumps(v) for v in variants) + "\n"
    summary, out = _run(kb, text, "jsonl")
    assert summary.scored == 4 and not summary.invalid
    canonical = {**base, settings.id: tuple(chosen)}
    skipped = {k: v for k, v in base.items() if k != single.id}
    expected = [canonical, canonical, skipped, skipped]
    for answers, line in zip(expected, out.splitlines(), strict=True):
        assert [(m["role"], m["fit"], m["ready"]) for m in json.loads(line)["top"]] == (
            _expected(kb, answers)
        )


def test_csv_cells_with_spaces_as_spreadsheets_write_them(kb):
    sets = [random_answers(kb, random.Random(i)) for i in range(20)]
    spaced = _csv(kb, sets).replace("\r\n", "\n").replace(",", ", ")
    spaced = "\n".join(line + " " if line else line for line in spaced.split("\n"))
    summary, out = _run(kb, spaced, "csv")
    assert summary.scored == 20 and not summary.invalid, summary.invalid[:3]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["respondent"] for r in rows] == [f"r{i}" for i in range(20)]
    for answers, row in zip(sets, rows, strict=True):
        assert (row["match_1"], float(row["fit_1"])) == _expected(kb, answers)[0][:2]


def test_block_and_chunk_boundaries_keep_every_row_and_line_number(kb, monkeypatch):
    monkeypatch.setattr(batchread, "READ", 7)
    monkeypatch.setattr(batch, "CHUNK", 20)
    sets = [random_answers(kb, random.Random(i)) for i in range(100)]
    lines = _jsonl(sets, respondent=False).splitlines()
    for bad in (3, 50, 51, 97):  # in different blocks and chunks
        lines[bad - 1] = '{"education": "phd"}' if bad % 2 else "{oops"
    summary, out = _run(kb, "\n".join(lines) + "\n", "jsonl")
    assert [line for line, _ in summary.invalid] == [3, 50, 51, 97]
    good = [i for i in range(100) if i + 1 not in (3, 50, 51, 97)]
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == [i + 1 for i in good]
    assert [r["respondent"] for r in results] == [str(i + 1) for i in good]
    for i, result in zip(good, results, strict=True):
        assert [(m["role"], m["fit"]) for m in result["top"]] == [
            (role, fit) for role, fit, _ in _expected(kb, sets[i])
        ]
    assert summary.first.total() == len(good)


@pytest.mark.parametrize("top", [1, 3, 16, 40])
def test_every_top_size_ranks_as_a_single_quiz_does(kb, top):
    sets = [random_answers(kb, random.Random(200 + i)) for i in range(40)]
    _, out = _run(kb, _jsonl(sets), "jsonl", top)
    shown = min(top, len(kb.roles))
    for answers, line in zip(sets, out.splitlines(), strict=True):
        got = [(m["role"], m["fit"], m["ready"]) for m in json.loads(line)["top"]]
        assert got == _expected(kb, answers, top=shown)


def test_ties_keep_the_knowledge_base_order():
    import numpy as np

    fit = np.array([[5.0, 7.0, 7.0, 1.0, 7.0] * 4, [2.0] * 20, [3.0, 9.0] * 10])
    stable = np.argsort(-fit, axis=1, kind="stable")
    for top in (1, 2, 3, 5, 20):
        assert (batchscore._best(np, fit, top) == stable[:, :top]).all()


def test_respondent_names_are_quoted_as_each_format_needs(kb):
    names = ['Ann "Nan" O\'Neil', "Lee, Sam", "Zoë", "tab\there"]
    sets = [random_answers(kb, random.Random(i)) for i in range(len(names))]
    rows = [json.dumps({**{k: list(v) if isinstance(v, tuple) else v for k, v in a.items()},
                        "respondent": n}) for a, n in zip(sets, names, strict=True)]  # fmt: skip
    _, out = _run(kb, "\n".join(rows) + "\n", "jsonl")
    assert [json.loads(line)["respondent"] for line in out.splitlines()] == names
    text = _csv(kb, sets)
    for i, name in enumerate(names):
        text = text.replace(f"\nr{i},", "\n" + _csv_cell(name) + ",", 1)
    _, out = _run(kb, text, "csv")
    assert [r["respondent"] for r in csv.DictReader(io.StringIO(out))] == names


def _csv_cell(text):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([text])
    return buffer.getvalue()
