"""Quiz sessions and answers on disk, in one SQLite file that nothing else touches.

Every answer is an appended row, committed before the next question is shown, so an
interruption of any kind (Ctrl-C, a closed terminal, ``kill -9``) loses nothing that was
acknowledged. The effective answers are the latest row per question; ``value`` NULL means
the question was skipped. Keeping the log rather than a running total is what makes going
back exact.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from careerfit.errors import StorageError, UnknownSession
from careerfit.fit.answers import Value, to_json
from careerfit.records import record

HOME_VAR = "CAREERFIT_HOME"
FILENAME = "careerfit.sqlite3"
SCHEMA_VERSION = 1
_LOCKING = os.name == "posix"  # session claims use flock; elsewhere they are skipped

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in-progress', 'complete', 'abandoned')),
    kb_version TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    top_role TEXT,
    top_fit REAL
);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_session ON answers(session_id, id);
"""


@record
class Session:
    """One quiz: when, against which knowledge base, how far, and its top match."""

    id: int
    started_at: str
    updated_at: str
    status: str
    kb_version: str
    position: int
    top_role: str | None
    top_fit: float | None
    answered: int


def home() -> Path:
    """The folder holding the store: ``CAREERFIT_HOME``, else the user's data directory."""
    env = os.environ.get(HOME_VAR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("careerfit", appauthor=False))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The sessions and answers of this user.

    Several careerfit processes may use one store at once (two quiz windows, an export while
    a quiz runs): SQLite's WAL mode lets readers and one writer work together, every write
    is a short transaction, and waits for a lock instead of failing with "database is
    locked". A session being answered is claimed with an OS file lock, which the OS
    releases when the process ends, however it ends.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or home()
        self.path = self.folder / FILENAME
        self.recovered: Path | None = None  # where a damaged store was moved, if it was
        self._claims: dict[int, IO[str]] = {}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(
                f"Cannot create the folder {self.folder} for your answers ({err.strerror}). "
                f"Set {HOME_VAR} to a folder you can write to."
            ) from None
        try:
            self.db = self._open()
        except sqlite3.OperationalError as err:
            raise StorageError(
                f"Cannot open the answers store {self.path} ({err}). Check that the folder "
                f"is writable, or set {HOME_VAR} to a folder that is."
            ) from None
        except sqlite3.DatabaseError:
            self.recovered = self._move_aside()
            self.db = self._open()

    def close(self) -> None:
        """Release session claims and the database connection."""
        for handle in self._claims.values():
            handle.close()
        self._claims.clear()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"The answers store {self.path} was written by a newer careerfit "
                    f"(format {version}; this one reads {SCHEMA_VERSION}). Upgrade careerfit, "
                    f"or point {HOME_VAR} at another folder."
                )
            if version < SCHEMA_VERSION:
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("SELECT COUNT(*) FROM sessions").fetchone()
            db.execute("SELECT COUNT(*) FROM answers").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        """Keep a damaged store under another name (never delete it) and start afresh."""
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{FILENAME}.damaged-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = Path(str(self.path) + suffix)
                if part.exists():
                    part.rename(Path(str(kept) + suffix))
        except OSError as err:
            raise StorageError(
                f"The answers store {self.path} is damaged and could not be moved aside "
                f"({err.strerror}). Move it away yourself, or set {HOME_VAR} to another folder."
            ) from None
        return kept

    def claim(self, session: int) -> bool:
        """Mark a session as being answered by this process; False if another one has it."""
        if not _LOCKING or session in self._claims:
            return True
        handle = self._lock_file(session)
        if handle is None:
            return False
        self._claims[session] = handle
        return True

    def in_use(self, session: int) -> bool:
        """Whether another running careerfit is answering this session right now."""
        if not _LOCKING or session in self._claims:
            return False
        handle = self._lock_file(session)
        if handle is None:
            return True
        handle.close()  # closing releases the lock we just took to test it
        return False

    def _lock_file(self, session: int) -> IO[str] | None:
        """The session's lock file, locked by us; None if another process holds it."""
        import fcntl

        folder = self.folder / "locks"
        folder.mkdir(exist_ok=True)
        handle = (folder / f"session-{session}.lock").open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return None
        return handle

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        try:
            cursor = self.db.execute(sql, params)
        except sqlite3.Error as err:
            raise StorageError(
                f"Could not save to {self.path} ({err}). Your earlier answers are kept; free "
                f"some disk space or fix the folder's permissions, then run the quiz again."
            ) from None
        return cursor.lastrowid or 0

    def start(self, kb_version: str) -> int:
        """Open a new session and return its id."""
        now = _now()
        return self._write(
            "INSERT INTO sessions (started_at, updated_at, status, kb_version) VALUES (?, ?, ?, ?)",
            (now, now, "in-progress", kb_version),
        )

    def record(self, session: int, question_id: str, value: Value | None, position: int) -> None:
        """Store one answer (``None``: skipped) and where the quiz now stands, atomically."""
        stored = None if value is None else json.dumps(to_json(value))
        now = _now()
        self._write("BEGIN IMMEDIATE", ())
        try:
            self._write(
                "INSERT INTO answers (session_id, question_id, value, answered_at) "
                "VALUES (?, ?, ?, ?)",
                (session, question_id, stored, now),
            )
            self._write(
                "UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?",
                (position, now, session),
            )
            self._write("COMMIT", ())
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def move(self, session: int, position: int) -> None:
        """Remember where the quiz stands (after going back)."""
        self._write(
            "UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?",
            (position, _now(), session),
        )

    def rebase(self, session: int, kb_version: str) -> None:
        """Record that a resumed session now continues against another knowledge base."""
        self._write("UPDATE sessions SET kb_version = ? WHERE id = ?", (kb_version, session))

    def finish(self, session: int, top_role: str, top_fit: float) -> None:
        """Mark a session complete with its top match, for ``history``."""
        self._write(
            "UPDATE sessions SET status = 'complete', top_role = ?, top_fit = ?, updated_at = ? "
            "WHERE id = ?",
            (top_role, top_fit, _now(), session),
        )

    def abandon(self, session: int) -> None:
        """Mark an unfinished session as not to be resumed (its answers stay)."""
        self._write(
            "UPDATE sessions SET status = 'abandoned', updated_at = ? WHERE id = ?",
            (_now(), session),
        )

    def answers(self, session: int) -> dict[str, object]:
        """The latest answer to each question in a session (skipped ones left out)."""
        rows = self.db.execute(
            "SELECT question_id, value FROM answers WHERE session_id = ? ORDER BY id", (session,)
        ).fetchall()
        latest: dict[str, str | None] = {}
        for qid, value in rows:
            latest[qid] = value
        return {qid: json.loads(v) for qid, v in latest.items() if v is not None}

    def sessions(self) -> list[Session]:
        """Every session, newest first."""
        rows = self.db.execute(
            "SELECT s.id, s.started_at, s.updated_at, s.status, s.kb_version, s.position, "
            "s.top_role, s.top_fit, "
            "(SELECT COUNT(DISTINCT question_id) FROM answers a WHERE a.session_id = s.id "
            " AND a.value IS NOT NULL AND a.id = (SELECT MAX(b.id) FROM answers b "
            " WHERE b.session_id = s.id AND b.question_id = a.question_id)) "
            "FROM sessions s ORDER BY s.id DESC"
        ).fetchall()
        return [Session(*row) for row in rows]

    def session(self, session_id: int | None = None) -> Session:
        """One session by id, or the latest; UnknownSession if there is no such session."""
        sessions = self.sessions()
        if not sessions:
            raise UnknownSession(None)
        if session_id is None:
            return sessions[0]
        for s in sessions:
            if s.id == session_id:
                return s
        raise UnknownSession([session_id])

    def unfinished(self) -> Session | None:
        """The latest session still in progress that no other running quiz is answering."""
        return next(
            (s for s in self.sessions() if s.status == "in-progress" and not self.in_use(s.id)),
            None,
        )

    def delete(self, sessions: list[int] | None) -> int:
        """Delete some sessions (None: all) with their answers, and scrub them from the file."""
        known = {s.id for s in self.sessions()}
        targets = sorted(known) if sessions is None else sessions
        missing = [n for n in targets if n not in known]
        if missing:
            raise UnknownSession(missing)
        self._write("BEGIN IMMEDIATE", ())
        try:
            for n in targets:
                self._write("DELETE FROM answers WHERE session_id = ?", (n,))
                self._write("DELETE FROM sessions WHERE id = ?", (n,))
            self._write("COMMIT", ())
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        # Rewrite the file so deleted answers do not linger in free pages or the WAL.
        self._write("VACUUM", ())
        self._write("PRAGMA wal_checkpoint(TRUNCATE)", ())
        return len(targets)
