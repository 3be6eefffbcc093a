"""Shared fixtures: a CLI runner and throwaway copies of the bundled knowledge base."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from careerfit.cli import app
from careerfit.kb.location import bundled_data_dir

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
