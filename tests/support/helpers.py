"""Helpers shared by the CLI tests: answers as a file, and answers as typed replies."""

from __future__ import annotations

from pathlib import Path

import yaml

from support.bundled import bundled_kb


def answers_file(folder: Path, answers: dict) -> str:
    """Write answers as an answers file (lists for multi-choice) and return its path."""
    path = folder / "answers.yaml"
    plain = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    path.write_text(yaml.safe_dump(plain))
    return str(path)


def typed_replies(answers: dict, order: list[str] | None = None) -> str:
    """What a person would type to give these answers: option numbers, s to skip.

    ``order``: the questions in the order they are asked (the adaptive quiz's); by default
    every question in the bank's order (``--full``).
    """
    bank = {q.id: q for q in bundled_kb().questions_file.questions}
    lines = []
    for q in [bank[qid] for qid in order] if order is not None else bank.values():
        value = answers.get(q.id)
        if value is None:
            lines.append("s")
            continue
        values = value if isinstance(value, tuple) else (value,)
        lines.append(" ".join(str(i + 1) for i, o in enumerate(q.options) if o.value in values))
    return "\n".join(lines) + "\n"
