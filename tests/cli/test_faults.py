"""Interruptions, damaged stores, concurrent runs, and no network: nothing lost, no crash."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
from pathlib import Path

import pexpect
import pytest

from careerfit.errors import ExitCode
from careerfit.quiz.store import FILENAME, SCHEMA_VERSION, Store
from support.bundled import bundled_kb
from support.figures import FIGURES
from support.helpers import typed_replies
from support.personas import PERSONAS
from support.processes import run_careerfit, spawn_careerfit, start_careerfit

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and terminals")
N = len(bundled_kb().questions)


def spawn(home: Path, *args: str) -> pexpect.spawn:
    return spawn_careerfit(*args, home=home, columns=100, term="dumb")


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_careerfit(*args, home=home)


def _reply(questions, rng: random.Random, number: int) -> tuple[str, object]:
    """A random valid reply to question `number` (1-based) and the value it stores."""
    q = questions[number - 1]
    if q.kind.value == "multi":
        plain = [i for i, o in enumerate(q.options) if not o.exclusive]
        chosen = sorted(rng.sample(plain, rng.randint(1, 2)))
        return " ".join(str(i + 1) for i in chosen), [q.options[i].value for i in chosen]
    i = rng.randrange(len(q.options))
    return str(i + 1), q.options[i].value


@pytest.mark.slow
@POSIX
def test_sigkill_at_random_points_loses_no_acknowledged_answer(kb, tmp_path):
    questions = kb.questions_file.questions
    rng = random.Random(20261125)
    home = tmp_path / "home"
    acknowledged: dict[str, object] = {}
    position = 1
    kills = 12
    for _ in range(kills):
        child = spawn(home, "quiz", "--full")
        if child.expect([r"Resume it\?", rf"Question (\d+) of {N}"]) == 0:
            child.sendline("y")
            child.expect(rf"Question (\d+) of {N}")
        assert int(child.match.group(1)) == position  # resumes exactly where it stopped
        child.expect("> ")
        pending: tuple[str, object] | None = None
        for _ in range(rng.randint(0, 5)):
            if position > N - 1:
                break
            if position > 1 and rng.random() < 0.2:
                child.sendline("b")
                position -= 1
                child.expect(f"Question {position} of {N}")
                child.expect("> ")
                continue
            reply, value = _reply(questions, rng, position)
            child.sendline(reply)
            child.expect(f"Question {position + 1} of {N}")  # shown only once it is stored
            child.expect("> ")
            acknowledged[questions[position - 1].id] = value
            position += 1
        if position <= N - 1 and rng.random() < 0.5:  # kill right after typing, unacknowledged
            reply, value = _reply(questions, rng, position)
            child.sendline(reply)
            pending = (questions[position - 1].id, value)
        child.kill(signal.SIGKILL)
        child.close(force=True)
        FIGURES["kills injected"] += 1

        db = sqlite3.connect(home / FILENAME)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        with Store(home) as store:
            stored = store.answers(store.session().id)
            position = store.session().position + 1
        for qid, value in acknowledged.items():
            if pending and qid == pending[0]:
                continue
            assert stored.get(qid) == value, (qid, stored.get(qid), value)
            FIGURES["acknowledged answers checked"] += 1
        if pending:  # typed but not acknowledged: either stored in full, or not at all
            qid, value = pending
            assert stored.get(qid) in (value, acknowledged.get(qid))
            if qid in stored:
                acknowledged[qid] = stored[qid]
        assert set(stored) == set(acknowledged)


@pytest.mark.slow
def test_a_missing_data_folder_is_created(tmp_path):
    home = tmp_path / "a" / "b" / "c"
    result = cli(home, "history")
    assert result.returncode == 0 and "No quizzes yet" in result.stdout
    assert (home / FILENAME).is_file()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["file", "proc"])
def test_an_unusable_data_folder_is_explained(tmp_path, where):
    if where == "file":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        home = blocker / "careerfit"
    else:
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc")
        home = Path("/proc/careerfit-test")
    result = cli(home, "history")
    assert result.returncode == ExitCode.STORAGE
    assert "CAREERFIT_HOME" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_data_folder_is_explained(tmp_path):
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o500)
    try:
        result = cli(home, "history")
    finally:
        home.chmod(0o700)
    assert result.returncode == ExitCode.STORAGE and "CAREERFIT_HOME" in result.stderr


def _quiz_answers(home: Path) -> None:
    replies = typed_replies(PERSONAS[0].answers)
    run_careerfit("quiz", "--full", home=home, input=replies, check=True)


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_store_is_moved_aside_never_deleted(tmp_path, damage):
    home = tmp_path / "home"
    _quiz_answers(home)
    path = home / FILENAME
    Store(home).close()  # checkpoint the WAL into the file
    if damage == "garbage":
        path.write_bytes(b"this is not a database " * 100)
    else:
        data = path.read_bytes()
        path.write_bytes(data[:100] + b"\x00" * (len(data) - 100))
    original = path.read_bytes()
    result = cli(home, "history")
    assert result.returncode == 0, result.stderr
    assert "was damaged" in result.stderr and "nothing was deleted" in result.stderr
    kept = [p for p in home.iterdir() if p.name.startswith(f"{FILENAME}.damaged-") and
            not p.name.endswith(("-wal", "-shm"))]  # fmt: skip
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert "No quizzes yet" in result.stdout
    FIGURES["damaged stores recovered"] += 1


@pytest.mark.slow
def test_a_store_from_a_newer_careerfit_is_refused(tmp_path):
    home = tmp_path / "home"
    Store(home).close()
    db = sqlite3.connect(home / FILENAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    result = cli(home, "history")
    assert result.returncode == ExitCode.STORAGE
    assert "newer careerfit" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@POSIX
def test_two_quizzes_at_once_and_an_export_while_one_writes(tmp_path):
    home = tmp_path / "home"
    first, second = spawn(home, "quiz", "--full"), None
    first.expect(f"Question 1 of {N}")
    first.expect("> ")
    first.sendline("1")
    first.expect(f"Question 2 of {N}")
    second = spawn(home, "quiz", "--full")  # must not take over the first window's quiz
    second.expect(f"Question 1 of {N}")
    assert "Resume" not in second.before
    for number in range(1, N + 1):
        for child, skip_first in ((first, True), (second, False)):
            if skip_first and number == 1:
                continue
            child.expect("> ")
            child.sendline(typed_replies(PERSONAS[number % 6].answers).splitlines()[number - 1])
        if number == 10:
            exported = cli(home, "export", "--format", "json")
            assert exported.returncode == 0, exported.stderr
    for child in (first, second):
        # Answers mixed from several people may look careless; the quiz offers a revisit.
        if child.expect([r"Revisit those \d+ questions now\?", "Why .* fits you"]) == 0:
            child.sendline("n")
            child.expect("Why .* fits you")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    with Store(home) as store:
        done = [s for s in store.sessions() if s.status == "complete"]
        assert len(done) == 2 and all(s.answered >= N - 5 for s in done)


def test_no_command_opens_a_socket(invoke, tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("careerfit tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "bind", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        invoke("answers", "template").stdout.replace("\neducation:\n", "\neducation: jd\n")
    )
    commands = [("roles",), ("profile", "paralegal"), ("compare", "paralegal", "legal-clerk"),
                ("paths", "legal-clerk"), ("validate",), ("answers", "template"),
                ("quiz", "--answers", str(answers)), ("history",)]  # fmt: skip
    for args in commands:
        assert invoke(*args).exit_code == 0, args
    assert invoke("quiz", "--full", input=typed_replies(PERSONAS[3].answers)).exit_code == 0
    for args in (("results",), ("export",), ("history", "--delete", "1")):
        assert invoke(*args).exit_code == 0, args
    assert attempts == []


def test_history_delete_removes_answers_from_the_file(invoke, tmp_path):
    assert invoke("quiz", "--full", input=typed_replies(PERSONAS[1].answers)).exit_code == 0
    assert invoke("quiz", "--full", input=typed_replies(PERSONAS[2].answers)).exit_code == 0
    assert "Deleted quiz 1 and its answers" in invoke("history", "--delete", "1").stdout
    assert invoke("history", "--delete", "7").exit_code == ExitCode.USAGE
    refused = invoke("history", "--delete", "all")
    assert refused.exit_code == ExitCode.USAGE and "--yes" in refused.stderr
    assert "Deleted the only quiz" in invoke("history", "--delete", "all", "--yes").stdout
    assert "No quizzes yet" in invoke("history").stdout
    raw = (Path(os.environ["CAREERFIT_HOME"]) / FILENAME).read_bytes()
    assert b"immigration" not in raw and b"strongly-agree" not in raw


@pytest.mark.slow
def test_the_process_ends_with_all_output_written_and_the_right_code(kb, tmp_path):
    """careerfit skips Python's teardown; output must still be complete and codes right."""
    ids = [r.id for r in kb.roles]
    big = cli(tmp_path, "compare", *ids, "--json")  # larger than a pipe's buffer
    assert big.returncode == 0 and len(big.stdout) > 65536
    assert json.loads(big.stdout)["roles"] == ids
    unknown = cli(tmp_path, "profile", "no-such-role")
    assert unknown.returncode == ExitCode.USAGE and "No role called" in unknown.stderr
    assert cli(tmp_path, "--version").returncode == 0
    assert cli(tmp_path).returncode == ExitCode.USAGE  # no command: help, as click does


@pytest.mark.slow
@POSIX
def test_a_reader_that_stops_early_ends_the_run_quietly(kb, tmp_path):
    """'careerfit score big.jsonl | head -c 10': no traceback, no 'internal error'."""
    rng = random.Random(3)
    responses = tmp_path / "many.jsonl"
    questions = kb.questions_file.questions
    with responses.open("w") as handle:
        for _ in range(30_000):  # about 7 MB of results: far more than a pipe holds
            answers = {q.id: _reply(questions, rng, n)[1] for n, q in enumerate(questions, 1)}
            handle.write(json.dumps(answers) + "\n")
    proc = start_careerfit("score", str(responses), home=tmp_path, text=False)
    assert proc.stdout.read(10) == b'{"responde'
    proc.stdout.close()
    with proc.stderr:
        stderr = proc.stderr.read().decode()
    assert (proc.wait(timeout=60), stderr) == (ExitCode.FAILURE, "")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["roles"], ["roles", "--json"]])
def test_a_full_disk_is_explained_not_called_a_bug(tmp_path, args):
    with open("/dev/full", "w") as full:  # every write fails: no space left on device
        done = run_careerfit(*args, home=tmp_path, stdout=full)
    assert done.returncode == ExitCode.FAILURE
    assert "could not write its output (No space left on device)" in done.stderr
    assert "bug" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_a_closed_standard_output_is_no_crash(tmp_path):
    """Output that cannot be written is a failure to report, not a crash or a silent 0."""
    done = run_careerfit("roles", home=tmp_path, stdout=subprocess.DEVNULL,
                         preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == ExitCode.FAILURE and "Traceback" not in done.stderr
    assert "standard output is closed" in done.stderr


@pytest.mark.slow
def test_messages_name_the_command_the_way_it_was_started(tmp_path):
    """Started as 'python -m careerfit', the fix says so: 'careerfit' may not be on PATH."""
    result = run_careerfit("results", home=tmp_path / "home")
    assert result.returncode == ExitCode.USAGE
    assert "Run 'python -m careerfit quiz' first" in result.stderr
