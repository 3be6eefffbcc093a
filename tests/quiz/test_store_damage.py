"""A damaged answers store: every damaged page is either read or kept aside, never a crash.

The family is "the bytes of the file are not what careerfit wrote". Whatever the damage, a
person either gets their answers back, or is told the store was kept under a new name and
a new one started; the kept file holds exactly the damaged bytes, and nothing else
(another store, another process's answers) is ever overwritten.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.errors import ExitCode, StorageError
from careerfit.quiz import storefiles
from careerfit.quiz.store import FILENAME, Store
from support.figures import FIGURES
from support.processes import careerfit_env, python_command

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fill(folder: Path, sessions: int = 30, questions: int = 40) -> dict[int, dict[str, object]]:
    """A real store with finished, abandoned and deleted quizzes; what it should read back."""
    with Store(folder) as store:
        ids = [store.start(f"kb-{k}") for k in range(sessions)]
        for k, sid in enumerate(ids):
            for q in range(questions):
                value: object = [f"option-{k}", "x" * 20] if q % 3 else f"value {k}.{q}"
                store.record(sid, f"question-{q}", value, q + 1)
            if k % 3 == 1:
                store.finish(sid, "paralegal", 70.5 + k)
            elif k % 3 == 2:
                store.abandon(sid)
        store.delete(ids[3:8:4] or ids[:1])  # then VACUUM: every page of the file is in use
        return {s.id: store.answers(s.id) for s in store.sessions()}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int, dict]:
    """The bytes of a closed real store, its page size, and the answers it holds."""
    folder = tmp_path_factory.mktemp("pristine")
    expected = _fill(folder)
    path = folder / FILENAME
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    return path.read_bytes(), page_size, expected


def _kept(home: Path) -> list[Path]:
    """The damaged stores kept in ``home`` (not their side files)."""
    found = home.glob(f"{FILENAME}.damaged-*")
    return sorted(p for p in found if not p.name.endswith(storefiles.SIDES))


def _outcome(home: Path, damaged: bytes, expected: dict | None) -> str:
    """Open a damaged store as a command would and read everything; how it went.

    Fails the test on any unhandled exception, on a kept file that is not exactly the
    damaged one, and on answers read other than ``expected`` without a word (None: damage
    inside a stored text, a letter changed, cannot be told from an edit).
    """
    try:
        with Store(home) as store:
            found = {s.id: store.answers(s.id) for s in store.sessions()}
            recovered = store.recovered
    except StorageError as err:  # found while reading: kept aside, and the person is told
        assert "turned out to be damaged" in str(err) and "nothing was deleted" in str(err)
        outcome = "kept aside while reading"
    else:
        if recovered is None:
            assert expected is None or found == expected  # read: what was stored
            return "read in full"
        assert found == {}
        outcome = "kept aside on opening"
    kept = _kept(home)
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    with Store(home) as fresh:  # and the new store works
        sid = fresh.start("v")
        fresh.record(sid, "q", "a", 1)
        assert fresh.answers(sid) == {"q": "a"} and fresh.recovered is None
    return outcome


@pytest.mark.parametrize("fill", ["garbage", "zeroes"])
def test_every_page_damaged_in_turn_is_read_or_kept_aside(tmp_path, pristine, fill):
    data, page_size, expected = pristine
    pages = len(data) // page_size
    assert pages >= 30 and sum(map(len, expected.values())) == 28 * 40
    rng = random.Random(f"{fill}-{len(data)}")
    outcomes: dict[str, int] = {}
    for page in range(pages):
        junk = rng.randbytes(page_size) if fill == "garbage" else bytes(page_size)
        damaged = data[: page * page_size] + junk + data[(page + 1) * page_size :]
        home = tmp_path / f"page-{page}"
        home.mkdir()
        (home / FILENAME).write_bytes(damaged)
        outcome = _outcome(home, damaged, expected)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert sum(outcomes.values()) == pages
    FIGURES[f"store pages damaged ({fill})"] += pages
    for outcome, n in outcomes.items():
        FIGURES[f"store pages damaged ({fill}): {outcome}"] += n


@SETTINGS
@given(
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    junk=st.binary(min_size=1, max_size=64),
)
def test_any_small_damage_is_read_or_kept_aside(pristine, where, junk):
    data, _, _ = pristine
    at = int(where * len(data))
    damaged = (data[:at] + junk + data[at + len(junk) :])[: len(data)]
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / FILENAME).write_bytes(damaged)
        outcome = _outcome(home, damaged, None)
    FIGURES[f"store files damaged at random: {outcome}"] += 1


@pytest.mark.parametrize(
    "value",
    ["CAST(x'ff00fe' AS TEXT)", "'not json'", "x'00ff'"],
    ids=["not-utf8", "not-json", "blob"],
)
def test_damage_found_while_reading_keeps_the_store_and_says_so(tmp_path, invoke, value):
    home = tmp_path / "home"  # CAREERFIT_HOME, for invoke
    with Store(home) as store:
        sid = store.start("v")
        store.record(sid, "q", "a", 1)
        store.record(sid, "r", "b", 2)
    db = sqlite3.connect(home / FILENAME)
    db.execute(f"UPDATE answers SET value = {value} WHERE question_id = 'r'")
    db.commit()
    db.close()
    Store(home).close()  # checkpoint, so the damaged bytes are in the file itself
    damaged = (home / FILENAME).read_bytes()
    result = invoke("results")
    assert result.exit_code == ExitCode.STORAGE, result.stderr
    assert "turned out to be damaged" in result.stderr and "kept as" in result.stderr
    kept = _kept(home)
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert invoke("history").exit_code == 0  # the new store works


def _damage(path: Path) -> bytes:
    """Overwrite the start of a page in the middle of the file with garbage; the new bytes."""
    data = bytearray(path.read_bytes())
    at = len(data) // 4096 // 2 * 4096
    data[at : at + 512] = random.Random(len(data)).randbytes(512)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_stores_damaged_within_one_second_are_all_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(storefiles, "stamp", lambda: "20260101-000000")
    home = tmp_path / "home"
    home.mkdir()
    (home / f"{FILENAME}.damaged-20260101-000000-2-wal").write_bytes(b"a stray file")
    damaged = []
    for round_ in range(4):
        _fill(home, sessions=3, questions=30)
        path = home / FILENAME
        damaged.append(_damage(path))
        Path(f"{path}-wal").write_bytes(f"wal {round_}".encode())  # side files go with it
        with Store(home) as store:
            assert store.recovered is not None
            assert store.recovered.read_bytes() == damaged[-1]
            assert Path(f"{store.recovered}-wal").read_bytes() == f"wal {round_}".encode()
    names = [p.name for p in _kept(home)]
    base = f"{FILENAME}.damaged-20260101-000000"
    assert names == [base, f"{base}-3", f"{base}-4", f"{base}-5"]  # -2 has a stray side file
    assert sorted(p.read_bytes() for p in _kept(home)) == sorted(damaged)


def test_damage_found_just_after_another_process_moved_it_moves_nothing(tmp_path):
    home = tmp_path / "home"
    _fill(home, sessions=2, questions=30)
    _damage(home / FILENAME)
    seen_by_late = (home / FILENAME).stat()  # a process that read the damaged file, then...
    first = Store(home)  # ...another one kept it aside and put a new store in place
    sid = first.start("v")
    first.record(sid, "q", "a", 1)
    with Store(home) as late:  # the late process, finding the damage it saw already gone...
        assert late._move_aside(seen_by_late) is None  # ...must not move the new store
        assert late.recovered is None and late.answers(sid) == {"q": "a"}
    first.close()
    assert len(_kept(home)) == 1


RACER = """
import json, sys
from pathlib import Path
from careerfit.quiz.store import Store
print("ready", flush=True)
sys.stdin.readline()
with Store(Path(sys.argv[1])) as store:
    sid = store.start("v")
    for i in range(5):
        store.record(sid, f"q{i}", sys.argv[2], i + 1)
    print(json.dumps([sid, str(store.recovered or ""), store.answers(sid)]))
"""


def _race(home: Path, children: int) -> list[list]:
    """Start ``children`` processes, let them open the store at the same moment, and report.

    Each says "ready" and waits for a line on its input, so all are started (Python loaded,
    careerfit imported) before any of them opens the store.
    """
    procs = [
        subprocess.Popen(
            python_command(RACER, str(home), f"child {n}"),
            env=careerfit_env(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(children)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "Traceback" not in err, err
        reports.append(json.loads(out))
    return reports


@pytest.mark.slow
def test_processes_finding_one_damaged_store_keep_it_once_and_lose_nothing(tmp_path):
    for round_ in range(4):
        home = tmp_path / f"round-{round_}"
        _fill(home, sessions=2, questions=30)
        damaged = _damage(home / FILENAME)
        reports = _race(home, children=6)
        assert [p.read_bytes() for p in _kept(home)] == [damaged]
        assert len([r for r in reports if r[1]]) == 1  # exactly one of them moved it
        with Store(home) as store:
            for sid, _, answers in reports:
                assert store.answers(sid) == answers and len(answers) == 5
        FIGURES["processes racing over a damaged store"] += len(reports)


@pytest.mark.slow
def test_processes_creating_the_store_at_once_all_use_one(tmp_path):
    for round_ in range(4):
        home = tmp_path / f"round-{round_}"
        reports = _race(home, children=6)
        assert len({sid for sid, _, _ in reports}) == 6
        assert not _kept(home) and all(not r[1] for r in reports)
        assert [p.name for p in home.iterdir()] == [FILENAME]  # no temporary file left over
        shutil.rmtree(home)
        FIGURES["processes racing to create a store"] += len(reports)


def test_a_disk_that_damages_every_new_store_is_reported_not_looped_on(tmp_path, monkeypatch):
    home = tmp_path / "home"
    _fill(home, sessions=2, questions=30)
    damaged = _damage(home / FILENAME)
    build = Store._build

    def failing_disk(store: Store) -> Path:
        fresh = build(store)
        fresh.write_bytes(b"garbage" * 1000)
        return fresh

    monkeypatch.setattr(Store, "_build", failing_disk)
    with pytest.raises(StorageError, match="damaged too, so the disk may be failing") as failed:
        Store(home)
    kept = _kept(home)
    assert [p.read_bytes() for p in kept] == [damaged] and str(kept[0]) in str(failed.value)
