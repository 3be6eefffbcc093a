"""careerfit as a real process: the one way tests start it, in an isolated environment.

Every test that runs ``python -m careerfit`` (or a Python probe that imports careerfit)
goes through here, so each child gets the same environment: its own CAREERFIT_HOME and
CAREERFIT_CACHE, a known TERM and COLUMNS, and nothing of the developer's CAREERFIT_DATA,
CAREERFIT_DEBUG or NO_COLOR. Tests that use these are marked ``slow``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import pexpect

TIMEOUT = 20  # seconds a pseudo-terminal child may take to show what a test expects
UNSET = ("CAREERFIT_DATA", "CAREERFIT_DEBUG", "NO_COLOR")


def careerfit_env(
    home: Path,
    *,
    cache: Path | None = None,
    columns: int = 100,
    term: str = "dumb",
    env: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a child: this process's, isolated, then ``env`` on top.

    The knowledge-base cache goes to ``cache``, by default beside ``home`` (``<home>.cache``):
    never inside it, so a test can check that nothing was written to the data folder.
    """
    merged = {k: v for k, v in os.environ.items() if k not in UNSET}
    merged.update(
        CAREERFIT_HOME=str(home),
        CAREERFIT_CACHE=str(cache if cache is not None else home.with_name(f"{home.name}.cache")),
        COLUMNS=str(columns),
        TERM=term,
    )
    merged.update(env or {})
    return merged


def careerfit_command(*args: str) -> list[str]:
    """The command line that starts careerfit with ``args``, in this interpreter."""
    return [sys.executable, "-m", "careerfit", *args]


def python_command(code: str, *args: str) -> list[str]:
    """The command line that runs ``code`` with ``args`` in this interpreter."""
    return [sys.executable, "-c", code, *args]


def run_careerfit(
    *args: str,
    home: Path,
    cache: Path | None = None,
    columns: int = 100,
    term: str = "dumb",
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    cwd: Path | None = None,
    stdout: int | IO[Any] = subprocess.PIPE,
    check: bool = False,
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run careerfit to its end; its standard input is ``input``, or nothing at all."""
    return subprocess.run(
        careerfit_command(*args),
        env=careerfit_env(home, cache=cache, columns=columns, term=term, env=env),
        cwd=cwd,
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=check,
        preexec_fn=preexec_fn,
    )


def run_python(
    code: str,
    *args: str,
    home: Path,
    cache: Path | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run a Python probe that imports careerfit, in the environment careerfit would get."""
    return subprocess.run(
        python_command(code, *args),
        env=careerfit_env(home, cache=cache, env=env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=check,
    )


def start_careerfit(
    *args: str,
    home: Path,
    cache: Path | None = None,
    env: Mapping[str, str] | None = None,
    text: bool = True,
) -> subprocess.Popen[Any]:
    """Start careerfit and return at once; its standard output and error are pipes."""
    return subprocess.Popen(
        careerfit_command(*args),
        env=careerfit_env(home, cache=cache, env=env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=text,
    )


def start_python(
    code: str,
    *args: str,
    home: Path,
    cache: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen[str]:
    """Start a Python probe that imports careerfit and return at once (text pipes)."""
    return subprocess.Popen(
        python_command(code, *args),
        env=careerfit_env(home, cache=cache, env=env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def spawn_careerfit(
    *args: str,
    home: Path,
    cache: Path | None = None,
    columns: int = 80,
    rows: int = 50,
    term: str = "xterm",
    env: Mapping[str, str] | None = None,
) -> pexpect.spawn:
    """Start careerfit in a pseudo-terminal of ``rows`` by ``columns``, for pexpect to drive."""
    command = careerfit_command(*args)
    return pexpect.spawn(
        command[0],
        command[1:],
        env=careerfit_env(home, cache=cache, columns=columns, term=term, env=env),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(rows, columns),
    )
