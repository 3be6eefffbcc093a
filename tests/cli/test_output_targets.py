"""Every kind of place a report can be asked to go: each is written, or refused with a reason.

The family: a new file, an existing one (with and without --force), a folder, an empty name,
a missing folder, a symbolic link (and a dangling one), a device, a named pipe, a full
device, a file-size limit, a closed standard output, and a file that appears while the
report is being written. None may end in an internal error, replace a device or a link,
or leave a temporary file behind.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from careerfit.errors import ExitCode, OutputExists
from careerfit.files import atomic_writer
from support.helpers import typed_replies
from support.personas import persona
from support.processes import run_careerfit, start_python

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX devices, pipes and limits")


@pytest.fixture
def quiz(invoke):
    """One finished quiz in the store, to export."""
    assert invoke("quiz", "--full", input=typed_replies(persona("p23").answers)).exit_code == 0
    return invoke


def _no_temp_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_new_file_is_written_and_an_existing_one_kept_without_force(quiz, tmp_path):
    target = tmp_path / "r.md"
    assert quiz("export", "-o", str(target)).exit_code == 0
    first = target.read_text()
    assert first.startswith("# careerfit report")
    again = quiz("export", "-o", str(target))
    assert again.exit_code == ExitCode.USAGE and "--force" in again.stderr
    assert quiz("export", "-o", str(target), "--force").exit_code == 0
    _no_temp_files(tmp_path)


@pytest.mark.parametrize(
    ("target", "words"),
    [("", "No file name was given"), (".", "No file name was given"),
     ("{tmp}", "is a folder"), ("{tmp}/missing/r.md", "does not exist")],
)  # fmt: skip
def test_a_place_that_is_not_a_file_name_says_so_once(quiz, tmp_path, target, words):
    result = quiz("export", "-o", target.format(tmp=tmp_path))
    assert result.exit_code == ExitCode.USAGE
    assert words in result.stderr and "already exists" not in result.stderr
    assert "Traceback" not in result.output


def test_a_json_name_gets_json_unless_a_format_is_given(quiz, tmp_path):
    assert quiz("export", "-o", str(tmp_path / "r.json")).exit_code == 0
    assert (tmp_path / "r.json").read_text().lstrip().startswith("{")
    assert quiz("export", "-o", str(tmp_path / "m.json"), "--format", "markdown").exit_code == 0
    assert (tmp_path / "m.json").read_text().startswith("# careerfit report")


@POSIX
def test_a_symbolic_link_is_kept_and_its_target_replaced(quiz, tmp_path):
    real, link = tmp_path / "real.md", tmp_path / "link.md"
    real.write_text("old")
    link.symlink_to(real)
    assert quiz("export", "-o", str(link)).exit_code == ExitCode.USAGE  # exists: needs --force
    assert quiz("export", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("# careerfit report")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    assert quiz("export", "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "nowhere.md").exists()
    _no_temp_files(tmp_path)


@POSIX
def test_a_device_is_written_into_never_replaced(quiz):
    for force in ((), ("--force",)):
        result = quiz("export", "-o", "/dev/null", *force)
        assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@POSIX
def test_a_named_pipe_receives_the_report(quiz, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = quiz("export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received and received[0].startswith("# careerfit report")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.slow
@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("export", "-o", "-"), ("--help",), ("--version",), ("roles",)])
def test_a_full_device_gives_a_message_not_a_crash(tmp_path, args):
    home = tmp_path / "home"
    if args[0] == "export":
        run_careerfit("quiz", "--full", home=home, input=typed_replies(persona("p23").answers))
    with open("/dev/full", "w") as full:
        result = run_careerfit(*args, home=home, stdout=full)
    assert result.returncode == ExitCode.FAILURE
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("args", [("export", "-o", "-"), ("roles",), ("roles", "--json")])
def test_a_closed_standard_output_gives_a_message_not_a_crash(tmp_path, args):
    home = tmp_path / "home"
    run_careerfit("quiz", "--full", home=home, input=typed_replies(persona("p23").answers))
    code = (
        "import os, subprocess, sys; os.close(1); "
        "sys.exit(subprocess.call(sys.argv[1:], stdout=None, close_fds=False))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "careerfit", *args],
        env={**os.environ, "CAREERFIT_HOME": str(home), "CAREERFIT_CACHE": str(tmp_path / "c")},
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert result.returncode == ExitCode.FAILURE
    assert "closed" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@POSIX
def test_a_file_size_limit_leaves_no_half_report(tmp_path):
    answers = next(Path(__file__).parents[2].glob("benchmarks/personas/answers/p23-*.yaml"))
    target = tmp_path / "r.md"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = run_careerfit(
        "quiz", "--answers", str(answers), "--export", str(target),
        home=tmp_path / "home", env={"CAREERFIT_CACHE": "off"}, preexec_fn=limit,
    )  # fmt: skip
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert "nothing was left half-written" in result.stderr and not target.exists()
    _no_temp_files(tmp_path)


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path):
    target = tmp_path / "r.md"
    with pytest.raises(OutputExists), atomic_writer(target) as handle:
        handle.write("mine")
        target.write_text("another window's report")  # appears meanwhile
    assert target.read_text() == "another window's report"
    _no_temp_files(tmp_path)


@pytest.mark.slow
@POSIX
def test_sigterm_while_writing_removes_the_temporary_file(tmp_path):
    target = tmp_path / "big.md"
    code = (
        "import signal, sys\n"
        "from pathlib import Path\n"
        "import careerfit.cli.process as process\n"
        "signal.signal(signal.SIGTERM, process._terminated)\n"
        "from careerfit.files import atomic_writer\n"
        "with atomic_writer(Path(sys.argv[1])) as handle:\n"
        "    while True:\n"
        "        handle.write('x' * 65536)\n"
    )
    child = start_python(code, str(target), home=tmp_path / "home")
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGTERM)
    child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM
    assert not target.exists()
    _no_temp_files(tmp_path)
