"""Quiz sessions and answers on disk, in one SQLite file that nothing else touches.

Every answer is an appended row, committed before the next question is shown, so an
interruption of any kind (Ctrl-C, a closed terminal, ``kill -9``) loses nothing that was
acknowledged. The effective answers are the latest row per question (NULL: skipped), in the
order first asked; a log, not a running total, makes going back exact. The file only ever
appears complete, and a damaged one is kept, never lost (:mod:`careerfit.quiz.storefiles`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from careerfit.errors import SessionDeleted, StorageError, UnknownSession
from careerfit.fit.answers import Value, to_json
from careerfit.quiz import storefiles
from careerfit.quiz.storefiles import HOME_VAR, Locks, home
from careerfit.records import record

FILENAME = "careerfit.sqlite3"
SCHEMA_VERSION = 1
_TABLES = {"sessions", "answers"}  # a store has both; a newer one may have more
_OBJECTS = "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^'"
_DAMAGE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: the file itself is damaged

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in-progress', 'complete', 'abandoned')),
    kb_version TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    top_role TEXT,
    top_fit REAL
)""",
    """CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT,
    answered_at TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS answers_by_session ON answers(session_id, id)",
)


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Damaged(Exception):
    """The file at the store's path is not a readable SQLite database."""


def _is_damage(err: BaseException) -> bool:
    """Whether an error says the file itself is damaged (not locked, full or unwritable)."""
    # Also text that is not UTF-8 (careerfit writes only UTF-8), and SQLite's message about
    # a damaged schema, itself garbled so that Python cannot decode it.
    if isinstance(err, UnicodeDecodeError) or str(err).startswith("Could not decode to UTF-8"):
        return True
    code = getattr(err, "sqlite_errorcode", None)
    return type(err) is sqlite3.DatabaseError if code is None else (code & 0xFF) in _DAMAGE


@cache
def _schema() -> dict[str, str]:
    """Each table and index careerfit makes, with its SQL as SQLite keeps it in a file."""
    db = sqlite3.connect(":memory:")
    db.executescript(";".join(_SCHEMA))
    return dict(db.execute(_OBJECTS))


def _ensure_schema(db: sqlite3.Connection) -> None:
    """Create the tables that are missing and set the version: idempotent, one transaction."""
    db.execute("BEGIN IMMEDIATE")
    with db:  # commits, or rolls back if anything fails
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class Store:
    """The sessions and answers of this user.

    Several careerfit processes may use one store at once (two quiz windows, an export while
    a quiz runs): SQLite's WAL mode lets readers and one writer work together, every write
    is a short transaction, and waits for a lock instead of failing with "database is
    locked". A session being answered is claimed with an OS file lock (:class:`Locks`).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or home()
        self.path = self.folder / FILENAME
        self.recovered: Path | None = None  # where a damaged store was moved, if it was
        self._locks = Locks(self.folder)
        self._seen: os.stat_result | None = None  # the file this connection has open
        storefiles.make_folder(self.folder)
        self.db = self._connect()

    def close(self) -> None:
        """Release session claims and the database connection."""
        self._locks.close()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> sqlite3.Connection:
        """A connection to a usable store: made if missing, a damaged one kept aside first.

        It loops because another process may replace the file meanwhile: a connection is
        kept only if the file it opened is still the one at the path.
        """
        for _ in range(20):
            try:
                if not os.path.lexists(self.path):
                    storefiles.place_new(self.path, self._build)
                seen = os.stat(self.path)
                db = self._open()
            except FileNotFoundError:
                continue
            except _Damaged:
                self.recovered = self._move_aside(seen) or self.recovered
                continue
            except (OSError, sqlite3.Error) as err:
                raise StorageError(
                    f"Cannot open the answers store {self.path} ({storefiles.reason(err)}). "
                    f"Check that the folder is writable, or set {HOME_VAR} to a folder that is."
                ) from None
            with suppress(FileNotFoundError):
                if os.path.samestat(seen, os.stat(self.path)):
                    self._seen = seen
                    storefiles.private(self.path)
                    return db
            db.close()
        raise StorageError(
            f"The answers store {self.path} kept being replaced while careerfit opened it. "
            f"Close other careerfit windows and try again, or set {HOME_VAR} to another folder."
        )

    def _open(self) -> sqlite3.Connection:
        """Connect to the file at the path, once a read-only connection has checked it.

        Even closing a read-write connection can write (a checkpoint): a database careerfit
        refuses or finds damaged must be left exactly as it was, with its side files.
        """
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        db: sqlite3.Connection | None = None
        try:
            with closing(sqlite3.connect(uri, uri=True, timeout=30)) as check:
                complete = self._check(check)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            if not complete:
                _ensure_schema(db)
        except BaseException as err:
            if db is not None:
                db.close()
            if _is_damage(err):
                raise _Damaged from None
            raise
        return db

    def _check(self, db: sqlite3.Connection) -> bool:
        """Refuse a newer or foreign database, find damage; True if the schema is complete."""
        version = db.execute("PRAGMA user_version").fetchone()[0]
        found = dict(db.execute(_OBJECTS).fetchall())
        if version > SCHEMA_VERSION and found.keys() >= _TABLES:
            raise StorageError(
                f"The answers store {self.path} was written by a newer careerfit "
                f"(format {version}; this one reads {SCHEMA_VERSION}). Upgrade careerfit, "
                f"or point {HOME_VAR} at another folder."
            )
        ours = _schema()
        altered = any(found[name] != sql for name, sql in ours.items() if name in found)
        if found.keys() - ours.keys() or version > SCHEMA_VERSION or (altered and not version):
            raise StorageError(
                f"{self.path} is an SQLite database that careerfit did not create, so it was "
                f"left unchanged. Move it elsewhere, or set {HOME_VAR} to another folder for "
                f"careerfit's answers."
            )
        if altered or [row for (row,) in db.execute("PRAGMA quick_check")] != ["ok"]:
            raise _Damaged
        return version == SCHEMA_VERSION and found.keys() == ours.keys()

    def _build(self) -> Path:
        """A new, empty, private store under a temporary name: WAL, tables and version set."""
        with storefiles.new_file(self.folder / f".{FILENAME}.new") as fresh:
            db = sqlite3.connect(fresh, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                _ensure_schema(db)
            finally:
                db.close()
        return fresh

    def _move_aside(self, damaged: os.stat_result) -> Path | None:
        """Keep a damaged store under a free name and put a new one in place (None: done)."""
        if self.recovered:  # the new store is damaged too: stop rather than keep moving
            raise StorageError(
                f"The new answers store {self.path} is damaged too, so the disk may be failing "
                f"(the first was kept as {self.recovered}). Check the disk, or set {HOME_VAR} "
                f"to a folder on another one."
            )
        try:
            return storefiles.keep_aside(self.path, damaged, self._locks, self._build)
        except (OSError, sqlite3.Error) as err:
            raise StorageError(
                f"The answers store {self.path} is damaged and could not be moved aside "
                f"({storefiles.reason(err)}). Move it away yourself, or set {HOME_VAR} to "
                f"another folder."
            ) from None

    def _damaged(self) -> NoReturn:
        """Damage found after opening: keep the file aside, start afresh, and say so."""
        self.db.close()
        kept = self._move_aside(self._seen) if self._seen else None
        self.db = self._connect()
        where = f"kept as {kept}" if kept else f"kept beside it as {FILENAME}.damaged-..."
        raise StorageError(
            f"The answers store {self.path} turned out to be damaged. It has been {where} "
            f"(nothing was deleted) and a new, empty store was started; run the command again."
        )

    def claim(self, session: int) -> bool:
        """Mark a session as being answered by this process; False if another one has it."""
        return self._locks.claim(session)

    def in_use(self, session: int) -> bool:
        """Whether another running careerfit is answering this session right now."""
        return self._locks.in_use(session)

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as err:
            self._failed(err, "Check the disk and the folder's permissions, then try again.")

    def _write(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except (sqlite3.Error, UnicodeDecodeError) as err:
            self._failed(
                err,
                "Your earlier answers are kept; free some disk space or fix the folder's "
                "permissions, then run the quiz again.",
            )

    def _failed(self, err: sqlite3.Error | UnicodeDecodeError, fix: str) -> NoReturn:
        """A StorageError for a failed statement, after keeping the store aside if damaged."""
        if _is_damage(err):
            self._damaged()
        doing = "read" if fix.startswith("Check") else "save to"
        raise StorageError(f"Could not {doing} {self.path} ({err}). {fix}") from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, rolled back if anything fails and it is still open."""
        self._write("BEGIN IMMEDIATE")
        try:
            yield
            self._write("COMMIT")
        except BaseException:
            if self.db.in_transaction:  # SQLite may have rolled it back (a full disk)
                with suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            raise

    def _update(self, session: int, changes: str, *params: object) -> None:
        """Change one session's row; SessionDeleted if another window deleted it."""
        sql = f"UPDATE sessions SET {changes} WHERE id = ?"
        if self._write(sql, (*params, session)).rowcount == 0:
            raise SessionDeleted(session)

    def start(self, kb_version: str) -> int:
        """Open a new session and return its id."""
        now = _now()
        sql = "INSERT INTO sessions (started_at, updated_at, status, kb_version) VALUES (?,?,?,?)"
        return self._write(sql, (now, now, "in-progress", kb_version)).lastrowid or 0

    def record(self, session: int, question_id: str, value: Value | None, position: int) -> None:
        """Store one answer (``None``: skipped) and where the quiz now stands, atomically."""
        stored = None if value is None else json.dumps(to_json(value))
        now = _now()
        with self._transaction():
            self._update(session, "position = ?, updated_at = ?", position, now)
            self._write(
                "INSERT INTO answers (session_id, question_id, value, answered_at) "
                "VALUES (?, ?, ?, ?)",
                (session, question_id, stored, now),
            )

    def move(self, session: int, position: int) -> None:
        """Remember where the quiz stands (after going back)."""
        self._update(session, "position = ?, updated_at = ?", position, _now())

    def rebase(self, session: int, kb_version: str) -> None:
        """Record that a resumed session now continues against another knowledge base."""
        self._update(session, "kb_version = ?", kb_version)

    def finish(self, session: int, top_role: str, top_fit: float) -> None:
        """Mark a session complete with its top match, for ``history``."""
        changes = "status = 'complete', top_role = ?, top_fit = ?, updated_at = ?"
        self._update(session, changes, top_role, top_fit, _now())

    def abandon(self, session: int, resume: bool = False) -> None:
        """Set an unfinished session aside (its answers stay), or take it up again."""
        status = "in-progress" if resume else "abandoned"
        self._update(session, f"status = '{status}', updated_at = ?", _now())

    def answers(self, session: int, skipped: bool = False) -> dict[str, object]:
        """The latest answer to each question, in the order first asked (skips: None or out)."""
        sql = "SELECT question_id, value FROM answers WHERE session_id = ? ORDER BY id"
        latest = dict(self._read(sql, (session,)))
        try:
            return {q: v if v is None else json.loads(v) for q, v in latest.items()
                    if skipped or v is not None}  # fmt: skip
        except (TypeError, ValueError):  # only careerfit writes it, always as JSON text
            self._damaged()

    def sessions(self) -> list[Session]:
        """Every session, newest first."""
        rows = self._read(
            "SELECT s.id, s.started_at, s.updated_at, s.status, s.kb_version, s.position, "
            "s.top_role, s.top_fit, "
            "(SELECT COUNT(DISTINCT question_id) FROM answers a WHERE a.session_id = s.id "
            " AND a.value IS NOT NULL AND a.id = (SELECT MAX(b.id) FROM answers b "
            " WHERE b.session_id = s.id AND b.question_id = a.question_id)) "
            "FROM sessions s ORDER BY s.id DESC"
        )
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
        """Delete some sessions (None: all) with their answers, and scrub them from the file.

        Nothing is deleted if one of them is being answered in another window (SessionInUse).
        """
        known = {s.id for s in self.sessions()}
        targets = sorted(known) if sessions is None else sessions
        missing = [n for n in targets if n not in known]
        if missing:
            raise UnknownSession(missing)
        with self._locks.holding(targets):
            with self._transaction():
                for n in targets:
                    self._write("DELETE FROM answers WHERE session_id = ?", (n,))
                    self._write("DELETE FROM sessions WHERE id = ?", (n,))
            # Rewrite the file so deleted answers do not linger in free pages or the WAL.
            self._write("VACUUM")
            self._write("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(targets)
