"""Answers files: a commented template to fill in, and reading one back with every problem.

The file is YAML mapping question ids to answers (a list for multi-choice questions), so it
can be filled in by hand or written by a form. Reading reports every unknown question,
invalid answer and missing required answer at once, each with its line.
"""

from __future__ import annotations

from pathlib import Path

from careerfit.errors import DataError, Problem, YamlProblem
from careerfit.fit.answers import Value, check_all
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import QuestionKind
from careerfit.kb.yamlread import read_yaml


def template(kb: KnowledgeBase) -> str:
    """A YAML answers file listing every question and its allowed answers, all blank."""
    lines = [
        "# careerfit answers file. Fill in each answer with one of the values listed above it,",
        "# then run:  careerfit quiz --answers THIS_FILE",
        *_multi_example(kb),
        "# Leave an answer blank to skip the question (where it says it can be skipped).",
        f"# Knowledge base version: {kb.version}",
        "",
    ]
    for q in kb.questions:
        lines.append(f"# {q.text}")
        kind = "choose one or more" if q.kind is QuestionKind.multi else "choose one"
        note = "" if q.skippable else "; required"
        lines.append(f"#   ({kind}{note})")
        for o in q.options:
            lines.append(f"#   {o.value:<18} {o.label}")
        lines.append(f"{q.id}:")
        lines.append("")
    return "\n".join(lines)


def _multi_example(kb: KnowledgeBase) -> list[str]:
    """How to answer a multi-choice question, shown with one from this bank (none: no line).

    Taken from the bank in use, so that a career centre's own bank never shows an example
    question it does not have.
    """
    for q in kb.questions:
        plain = [o.value for o in q.options if not o.exclusive]
        if q.kind is QuestionKind.multi and len(plain) >= 2:
            return [f"# Multi-choice questions take a list, e.g. {q.id}: [{plain[0]}, {plain[1]}]."]
    return []


def load(kb: KnowledgeBase, path: Path) -> dict[str, Value]:
    """Read and check an answers file; DataError lists every problem with its line."""
    file = str(path)
    try:
        doc = read_yaml(path)
    except YamlProblem as err:
        raise DataError([Problem(file, err.line, "", err.message)], "answers file") from None
    problems = [
        Problem(file, line, str(key[-1]), "is answered twice; keep one answer")
        for key, line in doc.duplicates
    ]
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                file,
                1,
                "",
                "must map question ids to answers",
            )
        )
        raise DataError(problems, "answers file")
    answers, found = check_all(kb.questions_file, doc.data)
    problems += [Problem(file, doc.lines.get((p.key,)), p.key, p.message) for p in found]
    problems.sort(key=lambda p: p.line if p.line is not None else float("inf"))
    if problems:
        raise DataError(problems, "answers file")
    return answers
