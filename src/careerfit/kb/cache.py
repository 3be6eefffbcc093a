"""A cache of validated knowledge bases, so commands do not re-parse YAML on every run.

Validating the bundled knowledge base (YAML parsing, pydantic, cross-checks) takes longer
than everything else a command does. Once a knowledge base has validated, the resulting
objects are pickled under a name derived from the SHA-256 of:

* both YAML files' exact bytes (any edit, by anyone, makes a new key: the cache can never
  be trusted over the source, because the source is hashed on every run);
* the source of the modules that define the records, and the Python version (a cache
  written for other classes is never read).

Like Python's own ``__pycache__``, the cache holds data only this user's careerfit wrote: a
file is read only if it is owned by the current user and not writable by anyone else, and
any error reading it just means validating from the source again. ``careerfit validate``
never uses it. ``CAREERFIT_CACHE`` moves it; ``CAREERFIT_CACHE=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from careerfit.errors import YamlProblem
from careerfit.files import MAX_BYTES, read_limited
from careerfit.gcpause import paused
from careerfit.kb.knowledge_base import QUESTIONS_FILE, ROLES_FILE, KnowledgeBase

ENV_VAR = "CAREERFIT_CACHE"
KEEP = 8  # cached knowledge bases kept; older ones are removed


def cache_dir() -> Path | None:
    """Where cached knowledge bases live, or None when caching is off."""
    env = os.environ.get(ENV_VAR)
    if env == "off":
        return None
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("careerfit", appauthor=False))


# The modules whose classes a cached knowledge base is made of: a change to any of them
# makes a new key, so a cache written for other classes is never read.
_MODEL_MODULES = ("facts.py", "roles.py", "questions.py", "citations.py", "validation.py")


def _key(roles: bytes, questions: bytes) -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _MODEL_MODULES:
        digest.update((here / name).read_bytes())
    digest.update((here.parent / "records.py").read_bytes())
    digest.update(f"{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for part in (roles, b"\0", questions):
        digest.update(part)
    return digest.hexdigest()[:40]


def load_cached(directory: Path) -> KnowledgeBase:
    """The knowledge base at ``directory``, from the cache when its files are unchanged."""
    folder = cache_dir()
    try:
        roles = read_limited(directory / ROLES_FILE, MAX_BYTES)
        questions = read_limited(directory / QUESTIONS_FILE, MAX_BYTES)
    except YamlProblem:
        return _validated(directory)  # reports the problem properly
    if folder is None:
        return _validated(directory)
    path = folder / f"kb-{_key(roles, questions)}.pickle"
    cached = _read(path)
    if cached is not None:
        roles_file, questions_file, version = cached
        return KnowledgeBase(directory, roles_file, questions_file, version)
    kb = _validated(directory)
    _write(folder, path, (kb.roles_file, kb.questions_file, kb.version))
    return kb


def _validated(directory: Path) -> KnowledgeBase:
    """Read and validate the YAML: imported only when the cache cannot serve."""
    from careerfit.kb.load import load

    return load(directory)


def _read(path: Path) -> tuple | None:
    try:
        info = path.stat()
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            return None
        with path.open("rb") as handle, paused():  # thousands of objects, no cycles
            value = pickle.load(handle)
    except Exception:
        return None
    return value if isinstance(value, tuple) and len(value) == 3 else None


def _write(folder: Path, path: Path, value: tuple) -> None:
    """Write atomically with owner-only permissions; a cache that cannot be written is skipped."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        old = sorted(folder.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
