"""Shared fixtures: the bundled knowledge base, a CLI runner and throwaway copies of the data.

A test that takes a ``role`` argument runs once per bundled role (see pytest_generate_tests).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from careerfit.cli import app
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.location import bundled_data_dir
from support.bundled import bundled_kb

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may read the developer's own answers, knowledge base or colour settings."""
    monkeypatch.setenv("CAREERFIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CAREERFIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CAREERFIT_DATA", raising=False)
    monkeypatch.delenv("CAREERFIT_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once for the whole run; tests must not change it."""
    return bundled_kb()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test that takes ``role`` once per bundled role, named by the role's id.

    A test that parametrizes ``role`` itself (with role ids, say) is left as it is.
    """
    if "role" in metafunc.fixturenames and not _parametrizes(metafunc, "role"):
        metafunc.parametrize("role", bundled_kb().roles, ids=lambda role: role.id)


def _parametrizes(metafunc: pytest.Metafunc, name: str) -> bool:
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else marker.kwargs["argnames"]
        if isinstance(names, str):
            names = names.split(",")
        if name in (n.strip() for n in names):
            return True
    return False


@pytest.fixture
def invoke() -> Invoke:
    """Run careerfit with arguments; stdout and stderr are kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return run


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge base, for tests that break it."""
    target = tmp_path / "kb"
    shutil.copytree(bundled_data_dir(), target)
    return target


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the hardening figures (cases tried, kills injected, answers checked)."""
    from support.figures import FIGURES

    if FIGURES:
        terminalreporter.section("hardening figures")
        for name, count in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {count}")
