"""Load a knowledge-base directory into typed objects, or report every problem in it.

Validation happens once, here; after loading, the rest of careerfit works with frozen,
cross-checked objects and never looks a key up in a dict. Problems are collected rather
than raised one at a time, because someone maintaining a knowledge base wants the whole
list in one run of ``careerfit validate``.
"""

from __future__ import annotations

from pathlib import Path

from careerfit.errors import DataError, Problem
from careerfit.files import MAX_BYTES, read_limited
from careerfit.kb.checks import check_questions, check_roles
from careerfit.kb.knowledge_base import QUESTIONS_FILE, ROLES_FILE, KnowledgeBase
from careerfit.kb.parse import parse
from careerfit.kb.questions import QuestionsFile
from careerfit.kb.roles import RolesFile


def load(directory: Path) -> KnowledgeBase:
    """Load and validate ``directory``; raise DataError listing every problem found."""
    kb, problems = _load(directory)
    if problems or kb is None:
        raise DataError(problems)
    return kb


def validate(directory: Path) -> list[Problem]:
    """Every problem in the knowledge base at ``directory`` (empty when it is valid)."""
    return _load(directory)[1]


def _load(directory: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    if not directory.is_dir():
        return None, [
            Problem(
                str(directory),
                None,
                "",
                "is not a directory; a knowledge base is a folder holding "
                f"{ROLES_FILE} and {QUESTIONS_FILE}",
            )
        ]
    roles_path, questions_path = directory / ROLES_FILE, directory / QUESTIONS_FILE
    problems: list[Problem] = []
    roles = parse(roles_path, RolesFile, problems)
    questions = parse(questions_path, QuestionsFile, problems)
    if roles is not None:
        problems.extend(check_roles(roles, str(roles_path), questions))
    if questions is not None:
        problems.extend(check_questions(questions, str(questions_path), roles))
    if problems or roles is None or questions is None:
        return None, problems
    import hashlib

    digest = hashlib.sha256(
        read_limited(roles_path, MAX_BYTES) + b"\0" + read_limited(questions_path, MAX_BYTES)
    )
    # The declared version says which edition; the digest tells two copies of it apart once
    # anyone edits either file, which is what resuming a quiz needs to know.
    version = f"{roles.model.version}+{digest.hexdigest()[:12]}"
    return KnowledgeBase(directory, roles.model, questions.model, version), []


# The list sections of each file, validated item by item when the whole file is not valid,
# so that one typo does not hide every cross-reference problem elsewhere in the file.
