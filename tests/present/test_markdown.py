"""Markdown reports, profiles and comparisons: valid, well-formed, and safe from data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from careerfit.errors import ExitCode
from careerfit.fit.assess import assess
from careerfit.kb.load import load
from careerfit.present import markdown, report, views
from careerfit.quiz.sessions import Answered
from support.helpers import answers_file, typed_replies
from support.personas import PERSONAS


def _report(kb, answers, label, top=3):
    """A report of these answers, as from an answers file named ``label``."""
    answered = Answered(dict(answers), "file", file_name=label)
    return report.build(kb, answered, assess(kb, answers), top)


REPO = Path(__file__).resolve().parents[2]
HOSTILE = "Pipe | star *x* under _y_ hash # <script>alert(1)</script> `tick` [link](http://x)"


def _markdownlint() -> str | None:
    found = os.environ.get("MARKDOWNLINT_CLI2") or shutil.which("markdownlint-cli2")
    if found is None and os.environ.get("CI"):
        pytest.fail("CI must install markdownlint-cli2 (see .ci/run)")
    return found


def _documents(kb) -> dict[str, str]:
    docs = {}
    for persona in PERSONAS:
        built = _report(kb, persona.answers, persona.name)
        docs[f"report-{persona.name.split(',')[0].lower()}.md"] = markdown.report(built)
    for role in kb.roles:
        docs[f"profile-{role.id}.md"] = markdown.profile(views.profile(kb, role))
    pairs = [
        ("legal-secretary", "legal-clerk"),
        ("paralegal", "legal-assistant"),
        ("paralegal-secretary", "paralegal", "legal-secretary"),
        ("law-clerk", "legal-intake-specialist"),
    ]
    for ids in pairs:
        docs["compare-" + "-".join(ids) + ".md"] = markdown.comparison(
            views.compare(kb, [kb.by_id[i] for i in ids])
        )
    return docs


def _lint(tmp_path: Path, docs: dict[str, str]) -> None:
    tool = _markdownlint()
    if tool is None:
        pytest.skip("markdownlint-cli2 is not installed (.ci/run installs it)")
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = REPO / ".markdownlint-cli2.jsonc"
    done = subprocess.run(
        [tool, "--config", str(config), *sorted(docs)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_every_document_passes_markdownlint(kb, tmp_path):
    _lint(tmp_path, _documents(kb))


@pytest.mark.slow
def test_hostile_knowledge_base_text_still_passes_markdownlint(tmp_path, kb_copy):
    _lint(tmp_path, _documents(_hostile_kb(kb_copy)))


def _tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, as a Markdown renderer with tables sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables, rows, row = [], None, None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("td_open", "th_open"):
            inline = tokens[i + 1].children or []
            row.append("".join(c.content for c in inline if c.type in ("text", "html_inline")))
        elif tok.type == "tr_close":
            rows.append(row)
        elif tok.type == "table_close":
            tables.append(rows)
    return tables


def test_report_ranked_table_is_a_real_table_with_a_row_per_role(kb):
    built = _report(kb, PERSONAS[0].answers, "test")
    ranked = _tables(markdown.report(built))[0]
    assert ranked[0] == ["Rank", "Role", "Fit", "Status", "Main reason"]
    assert len(ranked) - 1 == len(kb.roles)
    assert [row[1] for row in ranked[1:]] == [r.role.title for r in built.ranked]


def test_report_has_every_part_a_counsellor_needs(kb):
    text = markdown.report(_report(kb, PERSONAS[1].answers, "quiz 1", top=3))
    for heading in ("# careerfit report", "## How to read this", "## Ranked matches",
                    "### Why Paralegal fits you", "### What to watch out for as Paralegal",
                    "### Gaps and next steps for Paralegal", "### Where Paralegal can lead",
                    "## Appendix: your answers", "## Sources cited"):  # fmt: skip
        assert heading in text
    assert text.count("### Why ") == 3
    assert "careerfit version:" in text and "Knowledge base version:" in text
    appendix = _tables(text)[-1]
    assert len(appendix) - 1 == len(kb.questions_file.questions)


def _hostile_kb(kb_copy: Path):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    start = text.index("  - id: paralegal\n")
    summary = text.index("      text: ", text.index("    summary:", start))
    end = text.index("\n      cite:", summary)
    title = text.index("    title: Paralegal\n", start)
    text = text[:summary] + f'      text: "{HOSTILE}\\nsecond line"' + text[end:]
    text = text.replace("    title: Paralegal\n", '    title: "Para|legal *Pro* <b>"\n', 1)
    assert title
    path.write_text(text)
    return load(kb_copy)


def test_hostile_text_cannot_break_a_table_or_inject_html(kb_copy):
    kb = _hostile_kb(kb_copy)
    built = _report(kb, PERSONAS[1].answers, "test", top=16)
    text = markdown.report(built)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    for table in _tables(text):
        assert len({len(row) for row in table}) == 1  # every row has the header's cells
    ranked = _tables(text)[0]
    assert "Para|legal *Pro* <b>" in [row[1] for row in ranked]
    profile = markdown.profile(views.profile(kb, kb.by_id["paralegal"]))
    first_lines = profile.splitlines()[:3]
    assert first_lines[0].startswith("# Para\\|legal")
    assert "second line" in first_lines[2]  # the newline in the data did not start a block
    comparison = markdown.comparison(
        views.compare(kb, [kb.by_id["paralegal"], kb.by_id["legal-clerk"]])
    )
    table = _tables(comparison)[0]
    assert len({len(row) for row in table}) == 1 and HOSTILE.split(" #")[0] in table[1][1]


def test_profile_and_compare_markdown_match_the_terminal(kb, invoke):
    md = invoke("profile", "legal-clerk", "--markdown").stdout
    term = invoke("profile", "legal-clerk").stdout
    for section in views.profile(kb, kb.by_id["legal-clerk"]).sections:
        assert section.title in term and f"## {section.title}" in md
    cmp_md = invoke("compare", "legal-secretary", "legal-clerk", "--markdown").stdout
    for row in views.compare(kb, [kb.by_id["legal-secretary"], kb.by_id["legal-clerk"]]).rows:
        assert f"**{row.label}**" in cmp_md


def _quiz(invoke, data: Path | None = None) -> None:
    args = ["--data", str(data)] if data else []
    result = invoke(*args, "quiz", "--full", input=typed_replies(PERSONAS[1].answers))
    assert result.exit_code == 0, result.output


def test_export_latest_session_to_file_and_stdout_and_json(invoke, tmp_path, kb):
    _quiz(invoke)
    target = tmp_path / "report.md"
    result = invoke("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("# careerfit report")
    assert invoke("export", "-o", "-").stdout == target.read_text().replace(
        target.read_text().splitlines()[2], invoke("export").stdout.splitlines()[2]
    )
    data = json.loads(invoke("export", "1", "--format", "json").stdout)
    shown = json.loads(invoke("results", "1", "--json").stdout)
    assert data["format"] == "careerfit-report/2"
    assert [r["role"] for r in data["ranked"]] == [r["role"] for r in shown["ranked"]]
    assert len(data["top"]) == 3 and len(data["answers"]) == len(kb.questions)


def test_quiz_export_writes_the_report_at_the_end(invoke, tmp_path):
    path = answers_file(tmp_path, PERSONAS[2].answers)
    out = tmp_path / "report.json"
    result = invoke("quiz", "--answers", path, "--export", str(out))
    assert result.exit_code == 0, result.output
    shown = json.loads(invoke("quiz", "--answers", path, "--json").stdout)
    assert json.loads(out.read_text())["top"][0]["role"] == shown["ranked"][0]["role"]


def test_export_never_overwrites_without_force_and_explains_bad_paths(invoke, tmp_path):
    _quiz(invoke)
    target = tmp_path / "r.md"
    target.write_text("keep me")
    refused = invoke("export", "-o", str(target))
    assert refused.exit_code == ExitCode.USAGE and "--force" in refused.stderr
    assert target.read_text() == "keep me"
    assert invoke("export", "-o", str(target), "--force").exit_code == 0
    missing = invoke("export", "-o", str(tmp_path / "nope" / "r.md"))
    assert missing.exit_code == ExitCode.USAGE and "does not exist" in missing.stderr
    not_a_folder = invoke("export", "-o", str(target / "r.md"))
    assert not_a_folder.exit_code == ExitCode.USAGE and "not a folder" in not_a_folder.stderr
    # A folder nobody can create files in, even root: /proc on Linux.
    if Path("/proc/self").is_dir():
        denied = invoke("export", "-o", "/proc/report.md")
        assert denied.exit_code == ExitCode.USAGE and "Cannot write in /proc" in denied.stderr
    assert "Traceback" not in refused.output + missing.output + not_a_folder.output


def test_export_of_a_quiz_answered_against_an_older_knowledge_base(invoke, kb_copy, tmp_path):
    _quiz(invoke, kb_copy)
    path = kb_copy / "questions.yaml"
    path.write_text(path.read_text().replace("research-law", "likes-research"))
    result = invoke("--data", str(kb_copy), "export")
    assert result.exit_code == 0, result.output
    assert "answers were given against an older knowledge base" in result.stdout
    assert "left out: research-law" in result.stdout


def test_report_does_not_give_reasons_for_roles_no_better_than_chance(kb):
    """A role with a fit of 0 is listed for comparison, never with a reason it suits you."""
    person = next(p for p in PERSONAS if p.id.startswith("p23"))  # a home transcriptionist
    built = _report(kb, person.answers, "test")
    ranked = _tables(markdown.report(built))[0][1:]
    chance = [row for row in ranked if row[2] == "0"]
    better = [row for row in ranked if row[2] != "0"]
    assert chance and better
    assert all(row[4] == "no better than chance" for row in chance)
    assert all(row[4] != "no better than chance" for row in better)
    text = " ".join(markdown.report(built).split())
    assert f"Only {len(better)} roles fit you better than random answers would" in text
