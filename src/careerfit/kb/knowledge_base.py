"""The knowledge base as the rest of careerfit sees it: validated roles and questions.

Kept apart from :mod:`careerfit.kb.load`, which reads and validates the YAML, so that a
command served from the cache (:mod:`careerfit.kb.cache`) never imports the YAML reader or
the validation code: that import alone costs more than the rest of a cached load.

Every look-up derived from the knowledge base (a role by id, a question by id, the scoring
tables) is worked out on first use and kept on the object, in one way: :meth:`derived`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from careerfit.errors import UnknownRole
from careerfit.kb.questions import Dimension, Question, QuestionsFile
from careerfit.kb.roles import Credential, Role, RolesFile, Source

ROLES_FILE = "roles.yaml"
QUESTIONS_FILE = "questions.yaml"

T = TypeVar("T")


class KnowledgeBase:
    """A validated knowledge base: roles, questions and the version they were read at."""

    def __init__(
        self, directory: Path, roles_file: RolesFile, questions_file: QuestionsFile, version: str
    ) -> None:
        self.directory = directory
        self.roles_file = roles_file
        self.questions_file = questions_file
        self.version = version
        self._derived: dict[Callable[[Any], Any], Any] = {}

    def derived(self, make: Callable[[KnowledgeBase], T]) -> T:
        """``make(self)``, worked out once for this knowledge base and kept.

        Other layers use this for what they derive from a knowledge base (the fit's tables,
        say), so that every such look-up is cached the same way and lives as long as the
        knowledge base does.
        """
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    @property
    def roles(self) -> list[Role]:
        """All roles, in file order."""
        return self.roles_file.roles

    @property
    def questions(self) -> list[Question]:
        """All questions, in the order they are asked."""
        return self.questions_file.questions

    @property
    def dimensions(self) -> list[Dimension]:
        """The quiz dimensions, in file order."""
        return self.questions_file.dimensions

    @property
    def by_id(self) -> dict[str, Role]:
        """Roles keyed by id."""
        return self.derived(_roles_by_id)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if any."""
        return self.derived(_questions_by_id).get(question_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        """The dimension with this id, if any."""
        return self.derived(_dimensions_by_id).get(dimension_id)

    def find_role(self, name: str) -> Role:
        """The role named by id, title or alias (any case); UnknownRole with suggestions if none."""
        names = self.derived(_role_names)
        key = " ".join(name.split()).casefold()
        role = names.get(key) or names.get(key.replace(" ", "-"))
        if role is not None:
            return role
        import difflib

        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
        raise UnknownRole(name, list(dict.fromkeys(names[c].id for c in close)))

    def credential(self, credential_id: str) -> Credential:
        """A credential of the catalogue by id (ids were checked at load time)."""
        return self.derived(_credentials_by_id)[credential_id]

    def credential_name(self, credential_id: str) -> str:
        """``Certified Paralegal (CP)``: the name people search for."""
        cred = self.credential(credential_id)
        return f"{cred.name} ({cred.abbreviation})" if cred.abbreviation else cred.name

    def source(self, source_id: str) -> Source:
        """A cited source by id (ids were checked at load time)."""
        return self.derived(_sources_by_id)[source_id]


def _roles_by_id(kb: KnowledgeBase) -> dict[str, Role]:
    return {r.id: r for r in kb.roles}


def _questions_by_id(kb: KnowledgeBase) -> dict[str, Question]:
    return {q.id: q for q in kb.questions}


def _dimensions_by_id(kb: KnowledgeBase) -> dict[str, Dimension]:
    return {d.id: d for d in kb.dimensions}


def _credentials_by_id(kb: KnowledgeBase) -> dict[str, Credential]:
    return {c.id: c for c in kb.roles_file.credentials}


def _sources_by_id(kb: KnowledgeBase) -> dict[str, Source]:
    return {s.id: s for s in kb.roles_file.sources}


def _role_names(kb: KnowledgeBase) -> dict[str, Role]:
    """Every id, title and alias, lower-cased, to the role it names."""
    names: dict[str, Role] = {}
    for role in kb.roles:
        for name in (role.id, role.title, *role.aliases):
            names.setdefault(name.casefold(), role)
    return names
