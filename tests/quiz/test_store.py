"""The answers store: nothing acknowledged is lost, and bad stores give clear messages."""

from __future__ import annotations

import sqlite3

import pytest

from careerfit.errors import ExitCode, UnknownSession
from careerfit.quiz.store import SCHEMA_VERSION, StorageError, Store
from support.figures import FIGURES
from support.processes import start_python


def test_latest_answer_wins_and_skip_clears(tmp_path):
    store = Store(tmp_path)
    sid = store.start("v1")
    store.record(sid, "a", "x", 1)
    store.record(sid, "b", ("p", "q"), 2)
    store.record(sid, "a", "y", 1)
    store.record(sid, "b", None, 2)
    assert store.answers(sid) == {"a": "y"}
    session = store.session(sid)
    assert (session.position, session.answered, session.status) == (2, 1, "in-progress")


def test_a_new_connection_sees_every_acknowledged_answer(tmp_path):
    sid = Store(tmp_path).start("v1")
    Store(tmp_path).record(sid, "a", "x", 1)
    assert Store(tmp_path).answers(sid) == {"a": "x"}
    assert Store(tmp_path).unfinished().id == sid


def test_finish_and_abandon(tmp_path):
    store = Store(tmp_path)
    done, dropped = store.start("v1"), store.start("v1")
    store.finish(done, "paralegal", 81.5)
    store.abandon(dropped)
    assert store.unfinished() is None
    assert [s.status for s in store.sessions()] == ["abandoned", "complete"]
    assert store.session().id == dropped


def test_no_session_is_a_usage_error(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(UnknownSession, match="No quiz has been taken") as none:
        store.session()
    assert none.value.numbers is None and none.value.exit_code == ExitCode.USAGE
    store.start("v")
    with pytest.raises(UnknownSession, match="no quiz 99") as missing:
        store.session(99)
    assert missing.value.numbers == [99]


def test_the_command_line_says_how_to_find_a_quiz(invoke):
    first = invoke("results")
    assert first.exit_code == ExitCode.USAGE and "Run 'careerfit quiz' first" in first.stderr
    with Store() as store:  # a quiz with no answers yet: quitting it now leaves none behind
        store.start("v1")
    missing = invoke("export", "99")
    assert missing.exit_code == ExitCode.USAGE
    assert "no quiz 99" in missing.stderr and "'careerfit history' lists" in missing.stderr


def test_store_from_a_newer_careerfit_is_refused(tmp_path):
    Store(tmp_path)
    db = sqlite3.connect(tmp_path / "careerfit.sqlite3")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StorageError, match="newer careerfit"):
        Store(tmp_path)


def test_unwritable_folder_says_how_to_fix(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="CAREERFIT_HOME"):
        Store(blocker / "sub")


WRITER = """
import sys
from careerfit.quiz.store import Store
home, n = sys.argv[1], int(sys.argv[2])
with Store(__import__("pathlib").Path(home)) as store:
    sid = store.start("v")
    for i in range(n):
        store.record(sid, f"q{i}", str(i), i + 1)
    print(sid)
"""


@pytest.mark.slow
def test_concurrent_writers_lose_nothing_and_never_see_database_locked(tmp_path):
    home = tmp_path / "home"
    Store(home).close()
    n = 300
    procs = [start_python(WRITER, str(home), str(n), home=home) for _ in range(4)]
    sessions = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "locked" not in err, err
        sessions.append(int(out))
    with Store(home) as store:
        for sid in sessions:
            assert len(store.answers(sid)) == n
            FIGURES["concurrent answers checked"] += n
