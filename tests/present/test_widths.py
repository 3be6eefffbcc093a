"""roles, profile, compare and paths read well in any terminal from 60 to 160 columns.

Nothing is cut: every word of the knowledge base's text that a screen shows comes out
whole (a web address may be folded, since it cannot be wrapped), no line is wider than the
terminal, and no cell ends in an ellipsis.
"""

from __future__ import annotations

import re

import pytest

from careerfit.present import views, wording

WIDTHS = [60, 80, 100, 160]
BOX = re.compile(r"[│┃║╭╮╰╯─━═┏┓┗┛┡┩┠┨╇╈┼├┤└┌┐┘┬┴]")


def _words(text: str) -> list[str]:
    """The tokens a reader sees, with box drawing removed; web addresses left out."""
    return [w for w in BOX.sub(" ", text).split() if not w.startswith(("http", "<http"))]


def _shown(invoke, width: int, *args: str) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    assert "…" not in result.stdout  # nothing cut short with an ellipsis
    return result.stdout


def _assert_whole(expected: list[str], shown: str) -> None:
    """Every expected word appears as a whole token of the output (none split by wrapping)."""
    tokens = set(_words(shown))
    missing = [w for w in expected if w not in tokens]
    assert not missing, missing[:10]


@pytest.mark.parametrize("width", WIDTHS)
def test_roles_is_one_line_a_role_from_80_columns_and_never_cut(kb, invoke, width):
    out = _shown(invoke, width, "roles")
    _assert_whole([w for r in kb.roles for w in r.title.split()], out)
    if width >= 80:
        for role in kb.roles:
            rows = [line for line in out.splitlines() if line.strip().startswith(role.title + "  ")]
            assert len(rows) == 1, role.title
            pay = role.scoring_pay
            shown = wording.figure(pay) if pay else "see profile" if role.pay else "not known"
            assert shown in rows[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_profile_shows_every_word_whole(kb, invoke, width):
    role = kb.by_id["paralegal-secretary"]
    view = views.profile(kb, role)
    out = _shown(invoke, width, "profile", role.title)
    expected = [w for s in view.sections for i in s.items for w in i.text.split()]
    expected += [w for u in view.unknown for w in u.reason.split()]
    expected += [w for n in view.sources for w in n.text.split()]
    _assert_whole(expected, out)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_of_four_roles_shows_every_word_whole(kb, invoke, width):
    ids = ["legal-secretary", "legal-clerk", "paralegal", "legal-assistant"]
    view = views.compare(kb, [kb.by_id[i] for i in ids])
    out = _shown(invoke, width, "compare", *ids)
    expected = [w for row in view.rows for cell in row.cells for i in cell for w in i.text.split()]
    _assert_whole(expected, out)
    # Narrow terminals get one topic after another instead of four thin columns.
    stacked = "Side by side" not in out
    assert stacked == (width < 160)


@pytest.mark.parametrize("width", WIDTHS)
def test_two_roles_sit_side_by_side_from_100_columns(kb, invoke, width):
    out = _shown(invoke, width, "compare", "paralegal", "legal-assistant")
    assert ("Side by side" in out) == (width >= 100)


@pytest.mark.parametrize("width", WIDTHS)
def test_paths_show_every_step_whole(kb, invoke, width):
    view = views.paths(kb, kb.by_id["legal-secretary"], 2)
    out = _shown(invoke, width, "paths", "legal-secretary")
    expected = []
    pending = list(view.steps)
    while pending:
        step = pending.pop()
        expected += step.role.title.split() + [w for t in step.takes for w in t.text.split()]
        pending += step.children
    _assert_whole(expected, out)


@pytest.mark.parametrize("args", [("roles",), ("profile", "law-clerk"), ("paths", "law-clerk")])
def test_no_internal_ids_file_names_or_codes_reach_the_screen(kb, invoke, args):
    out = invoke(*args).stdout
    for source in kb.roles_file.sources:
        assert f"{source.id}:" not in out and source.file not in out
    for code in ("high-school", "small-firm", "large-firm", "legal-aid", " jd", "s00", "facts:"):
        assert code not in out, code
