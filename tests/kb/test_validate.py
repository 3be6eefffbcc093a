"""`careerfit validate` and the loader's every rejection, on broken copies of the real data.

Each case injects one fault at a known line and checks that the report names the file and
that line, that the exit code is non-zero, and that no traceback reaches the user.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from careerfit.errors import DataError, ExitCode
from careerfit.kb.load import load, validate
from careerfit.kb.yamlread import YamlProblem, parse_yaml


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; return the 1-based line where the change is."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return _line_of(text, old)


def _assert_reported(invoke, kb: Path, file: str, line: int, *words: str) -> str:
    result = invoke("validate", str(kb))
    assert result.exit_code == ExitCode.DATA, result.output
    assert "Traceback" not in result.output
    assert f"{file}:{line}:" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


def test_bundled_knowledge_base_is_valid(invoke):
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "valid. 16 roles" in result.stdout


def test_broken_indentation(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(
        path, "  - id: legal-secretary\n    title:", "  - id: legal-secretary\n      title:"
    )
    _assert_reported(invoke, kb_copy, "roles.yaml", line + 1, "not valid YAML", "indentation")


def test_tab_indentation_is_explained(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "  - id: legal-secretary\n    title:", "  - id: legal-secretary\n\ttitle:")
    _assert_reported(invoke, kb_copy, "roles.yaml", line + 1, "tab")


def test_unknown_key(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "  - id: legal-clerk\n", "  - id: legal-clerk\n    titel: Clerk\n") + 1
    err = _assert_reported(invoke, kb_copy, "roles.yaml", line, "titel", "not a known field")
    assert "(legal-clerk)" in err


def test_duplicate_role_id(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "  - id: legal-clerk\n", "  - id: paralegal\n")
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "duplicate role id 'paralegal'")


def test_move_to_missing_role(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    first_move = re.search(r"\n      - to: ([a-z-]+)\n", text)
    assert first_move
    old = first_move.group(0)
    line = _edit(path, old, old.replace(first_move.group(1), "astronaut")) + 1
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "role 'astronaut'", "does not exist")


def test_comparison_naming_missing_role(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    start = text.index("comparisons:")
    anchor = text.index("legal-clerk]", start)
    line = text[:anchor].count("\n") + 1
    path.write_text(text[:anchor] + "legal-clark]" + text[anchor + len("legal-clerk]") :])
    _assert_reported(
        invoke, kb_copy, "roles.yaml", line, "legal-clark", "did you mean 'legal-clerk'"
    )


def test_figure_without_source(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    pay = re.search(
        r"\n(      - label: [^\n]*\n(?:        [^\n]*\n)*?)        cite: [^\n]*\n", text
    )
    assert pay
    line = _line_of(text, pay.group(1))
    path.write_text(text.replace(pay.group(0), "\n" + pay.group(1), 1))
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "cite", "required")


def test_value_outside_allowed_set(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "kind: substantive\n", "kind: substantve\n")
    _assert_reported(
        invoke, kb_copy, "roles.yaml", line, "'substantve'", "'substantive' or 'procedural'"
    )


def test_citation_to_unknown_source_and_line_past_end(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    first = _edit(path, "'s003:11'", "'s009:11'")
    second = _edit(path, "'s000:2'", "'s000:999'")
    err = _assert_reported(invoke, kb_copy, "roles.yaml", first, "source 's009'")
    assert f"roles.yaml:{second}:" in err and "has 13 lines" in err


def test_duplicate_yaml_key(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "  - id: legal-clerk\n", "  - id: legal-clerk\n    id: legal-clerk\n") + 1
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "written twice")


def test_python_tag_is_refused(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(
        path, "  - id: legal-clerk\n", "  - id: !!python/object/apply:os.system [echo pwned]\n"
    )
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "never allows", "remove the tag")


def test_section_neither_filled_nor_marked_not_known(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    line = _line_of(text, "  - id: legal-clerk\n")
    # Drop legal-clerk's skills list (every item) without declaring it not known.
    start = text.index("  - id: legal-clerk\n")
    skills = re.compile(r"    skills:\n(?:      [^\n]*\n)+").search(text, start)
    assert skills
    path.write_text(text[: skills.start()] + text[skills.end() :])
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "'skills' is empty", "not_known")


def test_disagreement_must_cite_two_sources(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    m = re.search(
        r"\n(      - topic: [^\n]*\n        kind: disagreement\n(?:        [^\n]*\n)*?)"
        r"        cite: \[('[^']*')[^\n]*\n",
        text,
    )
    assert m
    line = _line_of(text, m.group(1))
    path.write_text(text.replace(m.group(0), f"\n{m.group(1)}        cite: [{m.group(2)}]\n", 1))
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "two different sources")


def test_source_date_must_be_an_iso_date(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(path, "    date: '2025-03-05'\n", "    date: Mar 5, 2025\n")
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "not an ISO date", "YYYY-MM-DD")


def test_source_url_must_be_a_web_address(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    line = _edit(
        path,
        "    url: https://www.bls.gov/ooh/legal/paralegals-and-legal-assistants.htm\n",
        "    url: www.bls.gov/ooh/legal/paralegals-and-legal-assistants.htm\n",
    )
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "not a web address", "https://")


def test_sources_sharing_a_file_must_agree_on_its_lines(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("    file: reference/occupation-evidence.md\n    lines: 576\n")
    second = text.index("    file: reference/occupation-evidence.md\n    lines: 576\n", first + 1)
    line = _line_of(text, text[second:]) + 1
    path.write_text(
        text[:second] + text[second:].replace("lines: 576", "lines: 575", 1), encoding="utf-8"
    )
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "sources sharing a file must agree")


def test_credential_status_needs_its_reason(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - credential: nala-cp\n")
    end = text.index("        why:", start)
    stop = text.index("        cite:", end)
    path.write_text(text[:end] + text[stop:], encoding="utf-8")
    line = _line_of(text, "      - credential: nala-cp\n")
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "why", "required but missing")


def test_every_problem_reported_not_just_the_first(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    _edit(path, "  - id: legal-clerk\n", "  - id: paralegal\n")
    _edit(path, "kind: substantive\n", "kind: substantve\n")
    _edit(kb_copy / "questions.yaml", "weight: 2\n", "weight: -2\n")
    result = invoke("validate", str(kb_copy))
    err = result.stderr
    assert "duplicate role id 'paralegal'" in err
    assert "'substantve'" in err
    assert "questions.yaml:" in err and "weight" in err
    # and the consequences of the renamed id are reported too, in the same run
    assert "names role 'legal-clerk', which does not exist" in err


def test_missing_file_and_empty_file(invoke, kb_copy):
    (kb_copy / "questions.yaml").unlink()
    (kb_copy / "roles.yaml").write_text("")
    result = invoke("validate", str(kb_copy))
    assert result.exit_code == ExitCode.DATA
    assert "questions.yaml: file not found" in result.stderr
    assert "roles.yaml:1: is empty" in result.stderr


def test_non_utf8_file(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    data = path.read_bytes()
    pos = data.index(b"  - id: legal-clerk")
    path.write_bytes(data[:pos] + b"  # caf\xe9\n" + data[pos:])
    line = data[:pos].count(b"\n") + 1
    _assert_reported(invoke, kb_copy, "roles.yaml", line, "UTF-8")


def test_alias_bomb_is_refused(invoke, kb_copy):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    (kb_copy / "roles.yaml").write_text("\n".join(bomb) + "\n")
    result = invoke("validate", str(kb_copy))
    assert result.exit_code == ExitCode.DATA
    assert "anchors and aliases" in result.stderr


def test_data_option_runs_commands_on_another_knowledge_base(invoke, kb_copy):
    _edit(kb_copy / "roles.yaml", "title: Legal Clerk\n", "title: Court Records Clerk\n")
    assert "Court Records Clerk" in invoke("--data", str(kb_copy), "profile", "legal-clerk").stdout
    env = {"CAREERFIT_DATA": str(kb_copy)}
    assert "Court Records Clerk" in invoke("profile", "legal-clerk", env=env).stdout


def test_commands_refuse_a_broken_knowledge_base_cleanly(invoke, kb_copy):
    _edit(kb_copy / "roles.yaml", "  - id: legal-clerk\n", "  - id: paralegal\n")
    result = invoke("--data", str(kb_copy), "roles")
    assert result.exit_code == ExitCode.DATA
    assert "duplicate role id" in result.stderr
    assert "Traceback" not in result.output


def test_data_option_pointing_nowhere(invoke, tmp_path):
    result = invoke("--data", str(tmp_path / "nope"), "roles")
    assert result.exit_code == ExitCode.DATA
    assert "is not a directory" in result.stderr


def test_loader_api_raises_its_own_error(kb_copy):
    _edit(kb_copy / "roles.yaml", "kind: substantive\n", "kind: 12\n")
    assert validate(kb_copy)
    with pytest.raises(DataError) as info:
        load(kb_copy)
    assert info.value.problems[0].file.endswith("roles.yaml")


def test_yes_and_no_are_words_not_booleans():
    from careerfit.kb.yamlread import parse_yaml

    data = parse_yaml(b"a: No\nb: yes\nc: On\nd: true\ne: False\n").data
    assert data == {"a": "No", "b": "yes", "c": "On", "d": True, "e": False}


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['touch CANARY']", "!!python/object/new:os.system [x]",
     "!!python/name:os.system", "!!python/module:os", "!!binary aGk=", "!!set {a: null}",
     "!!omap [a: 1]", "!!timestamp 2024-01-01", "!foo bar", "!<tag:evil.example,2024:x> y"],
)  # fmt: skip
def test_no_yaml_tag_can_construct_anything(tag, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(YamlProblem, match=r"never allows|does not allow"):
        parse_yaml(f"a: {tag}\n".encode())
    assert not (tmp_path / "CANARY").exists()


@pytest.mark.skipif(os.name != "posix", reason="needs devices and named pipes")
@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge-sparse"])
def test_a_knowledge_base_file_that_is_not_a_regular_file_is_refused_at_once(invoke, kb_copy, kind):
    """A pipe would wait for a writer for ever and /dev/zero would fill memory: neither
    may be read. The size limit holds before reading, even for a sparse file."""
    roles = kb_copy / "roles.yaml"
    roles.unlink()
    if kind == "fifo":
        os.mkfifo(roles)
    elif kind == "zero":
        roles.symlink_to("/dev/zero")
    elif kind == "folder":
        roles.mkdir()
    else:
        with roles.open("wb") as handle:
            handle.truncate(10 * 1024 * 1024 * 1024)  # 10 GB of nothing, allocated lazily
    for args in (("--data", str(kb_copy), "roles"), ("validate", str(kb_copy))):
        result = invoke(*args)
        assert result.exit_code == ExitCode.DATA, result.output
        assert "roles.yaml" in result.stderr and "Traceback" not in result.output
