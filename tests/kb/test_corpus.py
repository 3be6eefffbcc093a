"""Every file of the bad-input corpus through the real CLI: a clear message, never a crash.

Each case in tests/corpus/cases.yaml names a file, the exit code careerfit must give, the
line the message must point at and words it must contain (the problem and the fix). The
knowledge-base cases replace one file of tests/corpus/base; the answers cases are scored
against the bundled knowledge base.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from careerfit.kb.yamlread import MAX_BYTES
from support.figures import FIGURES
from support.processes import run_careerfit

CORPUS = Path(__file__).parents[1] / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text())["cases"]


def run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return run_careerfit(*args, home=home, cwd=cwd, columns=120, term="xterm-256color")


def _prepare(case: dict, tmp_path: Path) -> tuple[list[str], str]:
    if case["kind"] == "answers":
        target = tmp_path / Path(case["file"]).name
        shutil.copyfile(CORPUS / case["file"], target)
        return ["quiz", "--answers", str(target)], target.name
    kb = tmp_path / "kb"
    shutil.copytree(CORPUS / "base", kb)
    target = kb / case["replaces"]
    if case.get("generate") == "big":
        with target.open("w") as handle:  # 50 MB of otherwise valid-looking YAML
            handle.write("roles:\n")
            chunk = "  - {id: x, title: x}\n" * 50_000
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(chunk)
        assert target.stat().st_size > MAX_BYTES
    else:
        shutil.copyfile(CORPUS / case["file"], target)
    return ["--data", str(kb), "validate"], target.name


def test_the_corpus_is_large_enough_and_its_files_exist():
    assert len(CASES) >= 40
    assert len({(c["kind"], c["id"]) for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.get("generate") or (CORPUS / case["file"]).is_file(), case["id"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['kind']}-{c['id']}")
def test_bad_input(case, tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    args, name = _prepare(case, tmp_path)
    before = sorted(p.name for p in work.iterdir())
    result = run(args, work, home)
    FIGURES["corpus cases tried"] += 1
    output = result.stdout + result.stderr
    assert result.returncode == case["exit"], output
    assert "Traceback" not in output and "\x1b" not in output, output
    if "line" in case:
        assert f"{name}:{case['line']}:" in result.stderr, result.stderr
    else:
        assert name in result.stderr, result.stderr
    for word in case["words"]:
        assert word in result.stderr, (word, result.stderr)
    assert sorted(p.name for p in work.iterdir()) == before  # nothing written, no CANARY
    assert not home.exists() or not any(home.iterdir())
    FIGURES["corpus cases passed"] += 1
