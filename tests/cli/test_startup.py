"""Start-up: a command imports only what it needs (how fast is measured in benchmarks/)."""

from __future__ import annotations

import pytest

from support.bundled import bundled_kb
from support.helpers import typed_replies
from support.personas import persona
from support.processes import run_python
from support.simulate import adaptive_walk

pytestmark = pytest.mark.slow

PROBE = """
import sys
sys.argv = ["careerfit", *sys.argv[1:]]
from careerfit.cli import app
try:
    app()
except SystemExit:
    pass
heavy = ("pydantic", "sqlite3", "yaml", "rich", "numpy", "msgspec", "careerfit.kb.roles",
         "careerfit.kb.load", "careerfit.present.markdown", "careerfit.quiz.store")
print(" ".join(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _imported(tmp_path, *args: str) -> set[str]:
    done = run_python(PROBE, *args, home=tmp_path, cache=tmp_path, check=True)
    return set(done.stderr.split())


def test_help_loads_no_knowledge_base_store_or_validation(tmp_path):
    assert _imported(tmp_path, "--help") == set()


def test_a_cached_roles_reads_neither_yaml_nor_the_store(tmp_path):
    _imported(tmp_path, "roles")  # fills the cache
    loaded = _imported(tmp_path, "roles")
    assert not loaded & {"yaml", "careerfit.kb.load", "sqlite3", "careerfit.quiz.store", "numpy"}
    assert "careerfit.kb.roles" in loaded  # the probe does see what a command imports


def test_reading_back_an_adaptive_quiz_does_not_load_numpy(tmp_path, invoke):
    """Saying again why a stored quiz stopped reruns the stop rule, one scoring at a time:
    only a quiz in progress, asking question after question, pays for numpy."""
    student = persona("p11")
    asked, _, _ = adaptive_walk(bundled_kb(), student.answers)
    taken = invoke("quiz", input=typed_replies(student.answers, asked) + "n\n")
    assert taken.exit_code == 0, taken.output
    loaded = _imported(tmp_path / "home", "results")
    assert "numpy" not in loaded and "rich" in loaded  # the results were shown
