"""Text from a knowledge base is shown literally: no Rich markup, no terminal escapes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from careerfit.errors import ExitCode
from careerfit.present.markdown import inline
from careerfit.present.widgets import plain
from careerfit.safetext import clean

MARKUP = "Manages [bold red]files[/bold red] | *fast* _now_ [link](http://x) :smile:"


def _inject(kb_copy, text: str) -> int:
    path = kb_copy / "roles.yaml"
    source = path.read_text()
    start = source.index("  - id: legal-clerk\n")
    summary = source.index("      text: ", source.index("    summary:", start))
    end = source.index("\n      cite:", summary)
    path.write_text(source[:summary] + f'      text: "{text}"' + source[end:])
    return source[:summary].count("\n") + 1


def test_markup_in_a_role_title_is_shown_literally_in_the_roles_table(invoke, kb_copy):
    path = kb_copy / "roles.yaml"
    path.write_text(
        path.read_text().replace("title: Legal Clerk\n", 'title: "[red]Legal[/red] *Clerk*"\n')
    )
    result = invoke("--data", str(kb_copy), "roles", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "[red]Legal[/red] *Clerk*" in result.stdout


def test_markup_in_role_text_is_shown_literally(invoke, kb_copy):
    _inject(kb_copy, MARKUP)
    for args in (("profile", "legal-clerk"), ("compare", "legal-clerk", "paralegal")):
        result = invoke("--data", str(kb_copy), *args, env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        assert "[bold red]files[/bold red]" in result.stdout
        assert "| *fast* _now_ [link](http://x) :smile:" in result.stdout


def test_json_keeps_the_exact_text(invoke, kb_copy):
    _inject(kb_copy, MARKUP)
    data = json.loads(invoke("--data", str(kb_copy), "profile", "legal-clerk", "--json").stdout)
    assert data["summary"]["text"] == MARKUP


def test_terminal_escapes_in_a_knowledge_base_are_refused_with_their_line(invoke, kb_copy):
    line = _inject(kb_copy, "Red \\e[31malert\\e[0m and a bell \\a")
    result = invoke("validate", str(kb_copy))
    assert result.exit_code == ExitCode.DATA
    assert f"roles.yaml:{line}:" in result.stderr
    assert "control character \\x1b" in result.stderr and "remove it" in result.stderr
    assert "\x1b" not in result.output


def test_anything_reaching_the_terminal_has_control_characters_made_visible():
    # Defence in depth for text that is not from a validated knowledge base (typed input,
    # file names in messages): the renderers neutralise escapes themselves.
    hostile = "a\x1b[2Jb\x07c\x9bd"
    assert clean(hostile) == "a\\x1b[2Jb\\x07c\\x9bd"
    assert "\x1b" not in plain(hostile).plain
    assert "\x1b" not in inline(hostile)


def test_hostile_role_name_in_an_error_is_literal(invoke):
    result = invoke("profile", "[bold]x\x1b[2J")
    assert result.exit_code == 2
    assert "[bold]x" in result.stderr
    assert "\x1b" not in result.stderr


_LINK_PIECES = st.sampled_from(
    ["https://evil.example/x", "http://a.b", "www.evil.example", "me@evil.example",
     "ftp://files.example", "HTTPS://LOUD.EXAMPLE", "www2.x.org/a", "a.b@c.d.e", "[x](y)",
     "<https://z.example>", "|", "`", "*", " ", "text", ".", ")", "(", "\\", "_"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINK_PIECES, max_size=8).map("".join))
def test_text_from_a_knowledge_base_never_becomes_a_link_in_markdown(text):
    """What a renderer with GFM-style linkify would make a link must stay literal text."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    for line in (inline(text), f"| {inline(text)} | x |\n| --- | --- |\n| {inline(text)} | y |"):
        tokens = renderer.parse(line)
        kinds = {c.type for t in tokens for c in (t.children or [])} | {t.type for t in tokens}
        assert "link_open" not in kinds and "html_inline" not in kinds, (text, line)
