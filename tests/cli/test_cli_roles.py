"""The read-only commands as a user runs them: roles, profile, compare, paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REQUIRED_ROLES = [
    "paralegal", "legal-secretary", "legal-assistant", "paralegal-secretary", "legal-clerk",
    "law-clerk", "legal-researcher", "compliance-officer", "legal-case-manager",
    "virtual-legal-assistant", "legal-administrative-assistant", "legal-transcriptionist",
    "litigation-assistant", "legal-intake-specialist", "executive-legal-assistant",
    "law-office-manager",
]  # fmt: skip


def test_roles_lists_every_required_role(kb, invoke):
    result = invoke("roles", env={"COLUMNS": "250"})  # wide enough that no title wraps
    assert result.exit_code == 0, result.output
    for rid in REQUIRED_ROLES:
        assert kb.by_id[rid].title in result.stdout


def test_roles_json_gives_ids_and_derived_share(kb, invoke):
    result = invoke("roles", "--json")
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == [r.id for r in kb.roles]
    assert set(REQUIRED_ROLES) <= {r["id"] for r in data}
    by_id = {r["id"]: r for r in data}
    # The paralegal does substantive work, the legal secretary does not (s001:17).
    assert by_id["paralegal"]["substantive_share"] > by_id["legal-secretary"]["substantive_share"]


@pytest.mark.parametrize("name", ["legal-clerk", "Legal Clerk", "LEGAL CLERK", "  legal   clerk "])
def test_profile_accepts_id_title_any_case(invoke, name):
    result = invoke("profile", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("╭─ Legal Clerk ─")
    assert "legal-clerk" not in result.stdout  # the id is for typing, not for reading


def test_profile_accepts_alias(kb, invoke):
    role = next(r for r in kb.roles if r.aliases)
    result = invoke("profile", role.aliases[0].upper())
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"╭─ {role.title} ─")


def test_profile_reads_summary_first_sources_last(invoke):
    out = invoke("profile", "paralegal").stdout
    order = [
        out.index(t)
        for t in (
            "╭─ Paralegal ─",
            "Duties",
            "Education",
            "Pay",
            "Where it can lead",
            "Interview questions",
            "Sources",
        )
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("role", REQUIRED_ROLES)
def test_every_role_renders_every_section(kb, invoke, role):
    result = invoke("profile", role)
    assert result.exit_code == 0, result.output
    for title in (
        "What the work is like",
        "Duties",
        "Skills",
        "Education",
        "Credentials",
        "Pay",
        "Outlook",
        "Where people work",
        "Things that vary",
        "How success is measured",
        "Challenges and trade-offs",
        "Where it can lead",
        "Interview questions",
    ):
        assert title in result.stdout
    # What no source covers is said once, in one panel, with each reason.
    flat = " ".join(result.stdout.replace("│", " ").split())
    unknown = kb.by_id[role].not_known
    assert ("╭─ Not known ─" in result.stdout) == bool(unknown)
    for reason in unknown.values():
        assert " ".join(reason.split()) in flat
    assert "Not given by any source" not in result.stdout


def test_profile_unknown_role_suggests_and_exits_2(invoke):
    result = invoke("profile", "paralegl")
    assert result.exit_code == 2
    assert "No role called 'paralegl'" in result.stderr
    assert "'paralegal'" in result.stderr
    assert "Traceback" not in result.output


def test_profile_json_has_derived_sources(kb, invoke):
    data = json.loads(invoke("profile", "law-clerk", "--json").stdout)
    assert data["id"] == "law-clerk"
    titles = {s["title"] for s in data["derived"]["sources"]}
    assert titles == {kb.source(sid).title for sid in kb.by_id["law-clerk"].sources}
    assert [s["number"] for s in data["derived"]["sources"]] == list(range(1, len(titles) + 1))


def test_compare_reproduces_seed_003_table(invoke):
    result = invoke("compare", "legal-secretary", "legal-clerk")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # undo table wrapping for phrase checks
    for row in (
        "Primary role",
        "Key responsibilities",
        "Required skills",
        "Education",
        "Work environment",
        "Career progression",
        "Pay",
        "Credentials",
        "Substantive / procedural",
    ):
        assert row in result.stdout
    data = json.loads(invoke("compare", "legal-secretary", "legal-clerk", "--json").stdout)
    cells = {row["label"]: row["cells"] for row in data["rows"]}

    def text(label, rid):
        return " ".join(i["text"] for i in cells[label][rid]).lower()

    # The substance of seed 003's table, row by row (s003:11-16).
    assert "schedul" in text("Primary role", "legal-secretary")
    assert "research" in text("Primary role", "legal-clerk")
    assert "filing" in text("Key responsibilities", "legal-secretary")
    assert "trial" in text("Key responsibilities", "legal-clerk")
    assert "typing" in text("Required skills", "legal-secretary")
    assert "research" in text("Required skills", "legal-clerk")
    assert "certificate" in text("Education", "legal-secretary")
    assert "high school" in text("Education", "legal-clerk")
    assert "court" in text("Work environment", "legal-secretary")
    assert "legal aid" in text("Work environment", "legal-clerk")
    for target in ("legal assistant", "paralegal", "office manager"):
        assert target in text("Career progression", "legal-secretary")
    for target in ("legal secretary", "paralegal"):
        assert target in text("Career progression", "legal-clerk")
    assert "$45,000 to $60,000" in text("Pay", "legal-secretary")
    assert "$35,000 to $45,000" in text("Pay", "legal-clerk")
    assert "What a source says sets" in out


def test_compare_needs_two_different_roles(invoke):
    one = invoke("compare", "paralegal")
    assert one.exit_code == 2
    same = invoke("compare", "paralegal", "PARALEGAL")
    assert same.exit_code == 2
    assert "at least two different roles" in same.stderr


def test_compare_unknown_role_exit_2(invoke):
    result = invoke("compare", "paralegal", "astronaut")
    assert result.exit_code == 2
    assert "astronaut" in result.stderr


def test_paths_shows_tree_with_what_each_step_takes(kb, invoke):
    result = invoke("paths", "legal-secretary")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Legal Secretary\n")
    for move in kb.by_id["legal-secretary"].moves:
        assert kb.by_id[move.to].title in result.stdout
    assert "takes:" in result.stdout


def test_paths_json_nests_and_never_revisits(invoke):
    data = json.loads(invoke("paths", "legal-secretary", "--depth", "3", "--json").stdout)
    assert data["from"] == "legal-secretary"

    def walk(steps, seen):
        for step in steps:
            assert step["to"] not in seen
            walk(step["next"], seen | {step["to"]})

    walk(data["steps"], {"legal-secretary"})
    assert any(step["next"] for step in data["steps"])


def test_paths_role_without_moves_says_so(kb, invoke):
    role = next(r for r in kb.roles if not r.moves)
    result = invoke("paths", role.id)
    assert result.exit_code == 0
    assert "No source names a move" in result.stdout


COMMANDS = [["roles"], ["profile"], ["compare"], ["paths"], ["validate"], ["quiz"], ["results"],
            ["history"], ["export"], ["score"], ["answers", "template"]]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_teaches_with_an_example(invoke, command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example: careerfit" in result.stdout


def test_every_command_is_covered_by_the_help_test_and_the_readme():
    from typer.main import get_command

    from careerfit.cli import app

    group = get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    assert names == {c[0] for c in COMMANDS}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for command in COMMANDS:
        assert f"careerfit {' '.join(command)}" in readme, command


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("careerfit ")
