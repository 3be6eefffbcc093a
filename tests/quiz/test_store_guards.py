"""The answers store's guards: failed writes, lock files, private modes, files it must refuse.

Each test is a family: every statement of a save failing, every way the lock folder can be
wrong, every kind of database that is not careerfit's. A person always gets a message that
names the problem and the fix (a StorageError, exit code 4), never a traceback, and keeps
every answer already saved.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from careerfit.errors import ExitCode, SessionDeleted, SessionInUse, StorageError
from careerfit.quiz.store import FILENAME, SCHEMA_VERSION, Store
from support.figures import FIGURES
from support.processes import careerfit_env, python_command, run_python

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX modes and flock")
AS_ROOT = os.name == "posix" and os.geteuid() == 0


def _store_with_answers(home: Path, answers: int = 3) -> tuple[Store, int]:
    store = Store(home)
    sid = store.start("v1")
    for i in range(answers):
        store.record(sid, f"early-{i}", f"answer {i}", i + 1)
    return store, sid


class _FailingAt:
    """A connection whose statements starting with ``keyword`` fail with ``error``."""

    def __init__(self, db: sqlite3.Connection, keyword: str, error: sqlite3.Error) -> None:
        self.db, self.keyword, self.error = db, keyword, error

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(self.keyword):
            raise self.error
        return self.db.execute(sql, params)

    def __getattr__(self, name: str) -> object:
        return getattr(self.db, name)


WRITE_ERRORS = {
    "full": sqlite3.OperationalError("database or disk is full"),
    "io": sqlite3.OperationalError("disk I/O error"),
    "read-only": sqlite3.OperationalError("attempt to write a readonly database"),
    "locked": sqlite3.OperationalError("database is locked"),
}


@pytest.mark.parametrize("keyword", ["BEGIN", "UPDATE", "INSERT", "COMMIT"])
@pytest.mark.parametrize("kind", sorted(WRITE_ERRORS))
def test_a_save_failing_at_any_statement_is_explained_and_keeps_earlier_answers(
    tmp_path, keyword, kind
):
    store, sid = _store_with_answers(tmp_path)
    real = store.db
    store.db = _FailingAt(real, keyword, WRITE_ERRORS[kind])  # type: ignore[assignment]
    with pytest.raises(StorageError, match="Could not save") as failed:
        store.record(sid, "late", "lost", 9)
    assert not isinstance(failed.value, SessionDeleted)
    assert "earlier answers are kept" in str(failed.value) and str(store.path) in str(failed.value)
    assert not real.in_transaction  # rolled back, not left holding the write lock
    store.db = real
    store.record(sid, "after", "kept", 10)  # the store carries on once the fault is gone
    store.close()
    with Store(tmp_path) as again:
        assert set(again.answers(sid)) == {"early-0", "early-1", "early-2", "after"}
    FIGURES["failed saves injected"] += 1


def test_a_full_disk_while_saving_is_explained_and_keeps_earlier_answers(tmp_path):
    store, sid = _store_with_answers(tmp_path)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    saved = {}
    with pytest.raises(StorageError, match=r"disk is full\). Your earlier answers are kept"):
        for i in range(10_000):
            store.record(sid, f"late-{i}", "x" * 300, 10 + i)
            saved[f"late-{i}"] = "x" * 300
    assert saved and not store.db.in_transaction
    store.close()
    with Store(tmp_path) as again:
        assert again.answers(sid) == {f"early-{i}": f"answer {i}" for i in range(3)} | saved


FILE_SIZE_LIMIT = """
import json, resource, signal, sys
from pathlib import Path
from careerfit.errors import StorageError
from careerfit.quiz.store import Store
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
store = Store(Path(sys.argv[1]))
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), resource.RLIM_INFINITY))
saved = 0
try:
    for i in range(100_000):
        store.record(int(sys.argv[2]), f"late-{i}", "x" * 500, 10 + i)
        saved += 1
except StorageError as err:
    print(json.dumps([saved, str(err)]))
"""


@pytest.mark.slow
@POSIX
def test_a_file_size_limit_while_saving_is_explained_and_keeps_earlier_answers(tmp_path):
    home = tmp_path / "home"
    store, sid = _store_with_answers(home)
    store.close()
    limit = (home / FILENAME).stat().st_size + 64 * 1024
    child = run_python(FILE_SIZE_LIMIT, str(home), str(sid), str(limit), home=home)
    assert child.returncode == 0 and "Traceback" not in child.stderr, child.stderr
    saved, message = json.loads(child.stdout)
    assert saved > 0 and "Could not save" in message and "earlier answers are kept" in message
    with Store(home) as again:
        assert len(again.answers(sid)) == 3 + saved


def _break_locks(home: Path, problem: str) -> Path:
    """Make the lock folder wrong in one way; the path a message should name."""
    locks = home / "locks"
    if problem == "folder is a file":
        locks.write_text("")
        return locks
    locks.mkdir(exist_ok=True)
    lock = locks / "session-1.lock"
    if problem == "lock is a folder":
        lock.mkdir()
        return lock
    if problem == "lock is read-only":
        lock.write_text("")
        lock.chmod(0o400)
        return lock
    locks.chmod(0o500)  # "folder is read-only"
    return lock


LOCK_PROBLEMS = [
    "folder is a file",
    "lock is a folder",
    pytest.param("lock is read-only", marks=pytest.mark.skipif(AS_ROOT, reason="root")),
    pytest.param("folder is read-only", marks=pytest.mark.skipif(AS_ROOT, reason="root")),
]


@POSIX
@pytest.mark.parametrize("problem", LOCK_PROBLEMS)
@pytest.mark.parametrize("use", ["claim", "in_use", "delete", "unfinished"])
def test_an_unusable_lock_is_explained_with_its_path(tmp_path, problem, use):
    store, sid = _store_with_answers(tmp_path)
    named = _break_locks(tmp_path, problem)
    call = {
        "claim": lambda: store.claim(sid),
        "in_use": lambda: store.in_use(sid),
        "delete": lambda: store.delete([sid]),
        "unfinished": store.unfinished,
    }[use]
    try:
        with pytest.raises(StorageError) as failed:
            call()
    finally:
        if (tmp_path / "locks").is_dir():
            (tmp_path / "locks").chmod(0o700)
    assert str(named) in str(failed.value) and "CAREERFIT_HOME" in str(failed.value)
    assert store.answers(sid)  # nothing deleted
    store.close()


@POSIX
@pytest.mark.parametrize("problem", ["folder is a file", "lock is a folder"])
def test_the_command_line_explains_an_unusable_lock(tmp_path, invoke, problem):
    home = tmp_path / "home"
    _store_with_answers(home)[0].close()
    named = _break_locks(home, problem)
    for args in (("history", "--delete", "1"), ("quiz",)):
        result = invoke(*args, input="")
        assert result.exit_code == ExitCode.STORAGE, result.stderr
        assert str(named) in result.stderr and "Traceback" not in result.stderr


@POSIX
@pytest.mark.parametrize(
    "code", [errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EIO, errno.EMFILE]
)
def test_any_error_opening_a_lock_is_explained(tmp_path, monkeypatch, code):
    store, sid = _store_with_answers(tmp_path)
    real_open = os.open

    def failing_open(path: object, *args: object, **kwargs: object) -> int:
        if "locks" in str(path):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)
    with pytest.raises(StorageError, match=os.strerror(code)) as failed:
        store.claim(sid)
    assert str(tmp_path / "locks" / f"session-{sid}.lock") in str(failed.value)
    FIGURES["lock errors injected"] += 1


@POSIX
def test_a_file_system_without_locks_is_explained(tmp_path, monkeypatch):
    store, sid = _store_with_answers(tmp_path)

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(StorageError, match="may not support locks"):
        store.claim(sid)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@POSIX
def test_the_store_and_everything_beside_it_are_private(tmp_path):
    old = os.umask(0o022)  # the usual umask, under which files are readable by everyone
    try:
        home = tmp_path / "new" / "careerfit"
        store, sid = _store_with_answers(home)
        assert store.claim(sid)
        path = home / FILENAME
        parts = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        parts += [home / "locks" / f"session-{sid}.lock"]
        assert {p.name: _mode(p) for p in parts} == {p.name: 0o600 for p in parts}
        assert _mode(home) == _mode(home / "locks") == 0o700
        store.close()
    finally:
        os.umask(old)


@POSIX
def test_an_older_shared_store_becomes_private_but_a_folder_of_yours_is_left_alone(tmp_path):
    home = tmp_path / "mine"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    _store_with_answers(home)[0].close()
    (home / FILENAME).chmod(0o644)  # as careerfit made it before
    with Store(home) as store:
        store.record(1, "later", "x", 5)
        path = home / FILENAME
        assert [_mode(Path(f"{path}{s}")) for s in ("", "-wal", "-shm")] == [0o600] * 3
    assert _mode(home) == 0o755


def _header(path: Path) -> tuple[bytes, int]:
    data = path.read_bytes()
    return data, data[18]  # file format write version: 1 rollback journal, 2 WAL


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_store_from_a_newer_careerfit_is_refused_and_left_unchanged(tmp_path, journal):
    _store_with_answers(tmp_path)[0].close()
    path = tmp_path / FILENAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode = {journal}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE added_later (x)")
    db.commit()
    db.close()
    before, mode = _header(path)
    with pytest.raises(StorageError, match="newer careerfit"):
        Store(tmp_path)
    assert _header(path) == (before, mode) and mode == (2 if journal == "wal" else 1)


FOREIGN = {
    "other tables": (0, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')"),
    "same names, other columns": (0, "CREATE TABLE sessions (id INTEGER, who TEXT)"),
    "one of ours and more": (0, "CREATE TABLE answers (x); CREATE TABLE notes (y)"),
    "only a view": (0, "CREATE VIEW v AS SELECT 1"),
    "a version of its own": (7, "CREATE TABLE t (x)"),
    "ours and an extra table": (1, "CREATE TABLE sessions (id); CREATE TABLE answers (id);"),
}


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_database_careerfit_did_not_create_is_refused_and_left_unchanged(
    tmp_path, invoke, case, journal
):
    home = tmp_path / "home"  # CAREERFIT_HOME, for invoke
    home.mkdir()
    path = home / FILENAME
    version, script = FOREIGN[case]
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode = {journal}")
    db.executescript(f"{script}; PRAGMA user_version = {version};")
    if case == "ours and an extra table":
        db.execute("CREATE TABLE extra (x)")
    db.commit()
    db.close()
    before = _header(path)
    with pytest.raises(StorageError, match="did not create") as refused:
        Store(home)
    assert "CAREERFIT_HOME" in str(refused.value)
    result = invoke("history")
    assert result.exit_code == ExitCode.STORAGE and "did not create" in result.stderr
    assert _header(path) == before and not list(home.glob(f"{FILENAME}.damaged-*"))
    FIGURES["foreign databases refused"] += 1


def test_an_empty_file_becomes_a_store(tmp_path):
    (tmp_path / FILENAME).write_bytes(b"")
    with Store(tmp_path) as store:
        store.record(store.start("v"), "q", "a", 1)
        assert store.recovered is None and store.session().answered == 1


@POSIX
def test_a_quiz_open_in_another_window_is_not_deleted(tmp_path):
    window, sid = _store_with_answers(tmp_path)
    assert window.claim(sid)
    other_sid = window.start("v1")
    with Store(tmp_path) as history:
        for which in ([sid], None, [other_sid, sid]):
            with pytest.raises(SessionInUse, match=f"Quiz {sid} is being answered") as refused:
                history.delete(which)
            assert "nothing was deleted" in str(refused.value)
            assert refused.value.exit_code == ExitCode.USAGE
        assert {s.id for s in history.sessions()} == {sid, other_sid}
    window.record(sid, "still", "saved", 4)  # the window carries on as if nothing happened
    window.close()
    with Store(tmp_path) as history:
        assert history.delete([sid]) == 1  # once the window is closed, it can go


@pytest.mark.parametrize("step", ["record", "move", "rebase", "finish", "abandon"])
def test_saving_to_a_quiz_deleted_in_another_window_says_so(tmp_path, step):
    window, sid = _store_with_answers(tmp_path)  # a window that has not claimed the quiz
    with Store(tmp_path) as history:
        history.delete([sid])
    call = {
        "record": lambda: window.record(sid, "q", "a", 4),
        "move": lambda: window.move(sid, 2),
        "rebase": lambda: window.rebase(sid, "v2"),
        "finish": lambda: window.finish(sid, "paralegal", 80.0),
        "abandon": lambda: window.abandon(sid),
    }[step]
    with pytest.raises(SessionDeleted, match="deleted in another window") as failed:
        call()
    assert "disk space" not in str(failed.value) and failed.value.exit_code == ExitCode.STORAGE
    assert window.sessions() == [] and not window.db.in_transaction
    window.close()


@POSIX
def test_deleting_and_claiming_at_once_never_both_succeed(tmp_path):
    outcomes: dict[tuple[str, str], int] = {}
    for _ in range(25):
        with Store(tmp_path) as setup:
            sid = setup.start("v1")
        start, done = threading.Barrier(2), threading.Barrier(2)
        got: dict[str, str] = {}

        def window(sid: int = sid, start=start, done=done, got=got) -> None:
            with Store(tmp_path) as store:
                start.wait()
                if not store.claim(sid):
                    got["window"] = "busy"
                else:
                    try:
                        store.record(sid, "q", "a", 1)
                        got["window"] = "saved"
                    except SessionDeleted:
                        got["window"] = "told it was deleted"
                done.wait()  # keep the claim until the deletion has been tried

        def history(sid: int = sid, start=start, done=done, got=got) -> None:
            with Store(tmp_path) as store:
                start.wait()
                try:
                    store.delete([sid])
                    got["history"] = "deleted"
                except SessionInUse:
                    got["history"] = "refused"
                done.wait()

        threads = [threading.Thread(target=window), threading.Thread(target=history)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pair = (got["window"], got["history"])
        assert pair in {
            ("saved", "refused"),
            ("busy", "deleted"),
            ("told it was deleted", "deleted"),
        }
        outcomes[pair] = outcomes.get(pair, 0) + 1
    FIGURES["delete and claim raced"] += sum(outcomes.values())


HOLDER = """
import sys
from pathlib import Path
from careerfit.quiz.store import Store
store = Store(Path(sys.argv[1]))
assert store.claim(int(sys.argv[2]))
print("claimed", flush=True)
sys.stdin.readline()
"""


@pytest.mark.slow
@POSIX
def test_history_delete_refuses_a_quiz_being_answered_in_another_process(tmp_path, invoke):
    home = tmp_path / "home"  # CAREERFIT_HOME, for invoke
    store, sid = _store_with_answers(home)
    store.close()
    holder = subprocess.Popen(
        python_command(HOLDER, str(home), str(sid)),
        env=careerfit_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "claimed\n"
        refused = invoke("history", "--delete", str(sid))
        assert refused.exit_code == ExitCode.USAGE
        assert "being answered in another window" in refused.stderr
        assert "nothing was deleted" in refused.stderr and "Traceback" not in refused.stderr
    finally:
        holder.communicate("\n", timeout=60)
    assert invoke("history", "--delete", str(sid)).exit_code == 0
