"""Text from a knowledge base is shown literally: no Rich markup, no terminal escapes."""

from __future__ import annotations

import json

HOSTILE = "Manages [bold red]files[/bold red] | *fast* _now_ \\e[31mRED\\e[0m \\e]0;pwned\\a"


def _inject(kb_copy) -> None:
    path = kb_copy / "roles.yaml"
    text = path.read_text()
    start = text.index("  - id: legal-clerk\n")
    summary = text.index("      text: ", text.index("    summary:", start))
    end = text.index("\n      cite:", summary)
    path.write_text(text[:summary] + f'      text: "{HOSTILE}"' + text[end:])


def test_markup_and_escapes_in_role_text_are_shown_literally(invoke, kb_copy):
    _inject(kb_copy)
    for args in (("profile", "legal-clerk"), ("roles",), ("compare", "legal-clerk", "paralegal")):
        result = invoke("--data", str(kb_copy), *args, env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert "[bold red]files[/bold red]" in out
        assert "| *fast* _now_" in out
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b[31mRED" in out


def test_json_keeps_the_exact_text(invoke, kb_copy):
    _inject(kb_copy)
    data = json.loads(invoke("--data", str(kb_copy), "profile", "legal-clerk", "--json").stdout)
    assert data["summary"]["text"].startswith("Manages [bold red]files[/bold red]")
    assert "\x1b[31m" in data["summary"]["text"]


def test_hostile_role_name_in_an_error_is_literal(invoke):
    result = invoke("profile", "[bold]x\x1b[2J")
    assert result.exit_code == 2
    assert "[bold]x" in result.stderr
    assert "\x1b" not in result.stderr
