"""The knowledge base as the rest of careerfit sees it: validated roles and questions.

Kept apart from :mod:`careerfit.knowledge`, which reads and validates the YAML, so that a
command served from the cache (:mod:`careerfit.kbcache`) never imports the YAML reader or
the validation code: that import alone costs more than the rest of a cached load.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from careerfit.errors import UsageError
from careerfit.kb.questions import QuestionsFile
from careerfit.kb.roles import Credential, Role, RolesFile

ROLES_FILE = "roles.yaml"
QUESTIONS_FILE = "questions.yaml"


class KnowledgeBase:
    """A validated knowledge base: roles, questions and the version they were read at.

    A plain class, not a record: its look-up tables are worked out on first use and kept
    (``cached_property`` needs an instance dictionary).
    """

    def __init__(
        self, directory: Path, roles_file: RolesFile, questions_file: QuestionsFile, version: str
    ) -> None:
        self.directory = directory
        self.roles_file = roles_file
        self.questions_file = questions_file
        self.version = version

    @property
    def roles(self) -> list[Role]:
        """All roles, in file order."""
        return self.roles_file.roles

    @cached_property
    def by_id(self) -> dict[str, Role]:
        """Roles keyed by id."""
        return {r.id: r for r in self.roles}

    @cached_property
    def _names(self) -> dict[str, Role]:
        """Every id, title and alias, lower-cased, to the role it names."""
        names: dict[str, Role] = {}
        for role in self.roles:
            for name in (role.id, role.title, *role.aliases):
                names.setdefault(name.casefold(), role)
        return names

    def find_role(self, name: str) -> Role:
        """The role named by id, title or alias (any case); UsageError with suggestions if none."""
        key = " ".join(name.split()).casefold()
        role = self._names.get(key) or self._names.get(key.replace(" ", "-"))
        if role is not None:
            return role
        import difflib

        close = difflib.get_close_matches(key, list(self._names), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(self._names[c].id for c in close))
        hint = f"Did you mean {' or '.join(repr(s) for s in suggestions)}? " if suggestions else ""
        raise UsageError(
            f"No role called {name!r}. {hint}Run 'careerfit roles' to list every role with its id."
        )

    @cached_property
    def _credentials(self) -> dict[str, Credential]:
        return {c.id: c for c in self.roles_file.credentials}

    def credential(self, credential_id: str) -> Credential:
        """A credential of the catalogue by id (ids were checked at load time)."""
        return self._credentials[credential_id]

    def credential_name(self, credential_id: str) -> str:
        """``Certified Paralegal (CP)``: the name people search for."""
        cred = self._credentials[credential_id]
        return f"{cred.name} ({cred.abbreviation})" if cred.abbreviation else cred.name

    def source_title(self, source_id: str) -> str:
        """The title of a cited source."""
        return next(s.title for s in self.roles_file.sources if s.id == source_id)
