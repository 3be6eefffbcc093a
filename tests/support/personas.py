"""The validity people (benchmarks/personas/): real-sounding answer sets for the tests to use.

Their answers were written blind, from each person's story and the answers template alone,
so tests can drive the quiz with answers a person would really give. The benchmark
(benchmarks/quality.py) judges the quiz on them; tests only use them as realistic input,
and to check what must never happen (a clearly wrong role in someone's top three).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from careerfit.quiz.answers_file import load as load_answers
from careerfit.records import record
from support.bundled import bundled_kb

FOLDER = Path(__file__).resolve().parents[2] / "benchmarks" / "personas"


@record
class Persona:
    """One person: who they are, what they should get first, and their answers."""

    id: str
    story: str
    expected: tuple[str, ...]
    must_not: tuple[str, ...]
    answers: dict[str, Any]

    @property
    def name(self) -> str:
        """A short name for test ids: ``p11-law-clerk``."""
        return "-".join(self.id.split("-")[:3])


def _answers(path: Path) -> dict[str, Any]:
    """The answers as the quiz reads an answers file (checked, in canonical form)."""
    return load_answers(bundled_kb(), path)


@cache
def personas() -> tuple[Persona, ...]:
    """Every validity person with their blind answers, in file order."""
    people = yaml.safe_load((FOLDER / "people.yaml").read_text())
    return tuple(
        Persona(
            p["id"],
            p["story"],
            tuple(p["expected"]),
            tuple(p["must_not"]),
            _answers(FOLDER / "answers" / f"{p['id']}.yaml"),
        )
        for p in people
    )


def persona(prefix: str) -> Persona:
    """The person whose id starts with ``prefix`` (``p11``)."""
    return next(p for p in personas() if p.id.startswith(prefix))


PERSONAS = personas()
