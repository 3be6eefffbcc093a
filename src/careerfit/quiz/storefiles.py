"""The answers store's files as files: its private folder, kept names and lock files.

:mod:`careerfit.quiz.store` owns what is inside the SQLite file; this module owns what the
operating system sees around it, with no SQLite at all. Three rules run through it:

- Names are taken with hard links, which fail rather than replace a file, so two processes
  can never both get one name, and nothing is overwritten.
- The store's path always holds a complete store: a new one is built under a temporary
  name and linked into place, a damaged one is replaced in one step once it has been kept
  under a name of its own. A process never opens a half-made store.
- Everything careerfit creates here is private (folders 0700, files 0600), like the
  reports it writes.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from careerfit.errors import SessionInUse, StorageError

HOME_VAR = "CAREERFIT_HOME"
LOCKING = os.name == "posix"  # locks use flock; elsewhere they are skipped
SIDES = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}  # flock: another process has it


def home() -> Path:
    """The folder holding the store: ``CAREERFIT_HOME``, else the user's data directory."""
    env = os.environ.get(HOME_VAR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("careerfit", appauthor=False))


def make_folder(folder: Path) -> None:
    """Create the store's folder, private, if it is missing; a StorageError if it cannot be."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as err:
        raise StorageError(
            f"Cannot create the folder {folder} for your answers ({err.strerror}). "
            f"Set {HOME_VAR} to a folder you can write to."
        ) from None


def reason(err: Exception) -> object:
    """What went wrong, in the system's words (an OSError's text, not its number)."""
    return err.strerror if isinstance(err, OSError) else err


def sides(path: Path | str) -> list[Path]:
    """The paths of the files SQLite may keep beside the database ``path``."""
    return [Path(f"{path}{suffix}") for suffix in SIDES]


def take_name(src: Path, dst: Path) -> bool:
    """Give ``src``'s file the name ``dst`` too, unless a file has it: False then.

    Where hard links do not exist (FAT, some network shares) it checks, then renames.
    """
    try:
        os.link(src, dst)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(dst):
            return False
        os.replace(src, dst)
    return True


def place_new(path: Path, build: Callable[[], Path]) -> None:
    """Put a complete new store at ``path`` in one step, unless another process has.

    ``build`` makes it under a temporary name; the link makes it appear whole.
    """
    fresh = build()
    try:
        take_name(fresh, path)  # False: another process was first, and its store is used
    finally:
        fresh.unlink(missing_ok=True)


@contextmanager
def new_file(prefix: Path) -> Iterator[Path]:
    """A new private file named ``prefix`` and a unique tail, removed if the block fails."""
    path = prefix.with_name(f"{prefix.name}-{os.getpid()}-{secrets.token_hex(4)}")
    os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield path
    except BaseException:
        for part in (path, *sides(path)):
            part.unlink(missing_ok=True)
        raise


def private(path: Path) -> None:
    """Make a database and its side files readable by their owner only, if they are not.

    SQLite gives side files the database's mode, so a store made by an older careerfit
    (0644) would otherwise keep sharing its answers.
    """
    for part in (path, *sides(path)):
        with suppress(OSError):  # gone meanwhile, or not ours to change
            if part.stat().st_mode & 0o077:
                part.chmod(0o600)


def stamp() -> str:
    """The date and time in a kept store's name; a counter makes names within a second unique."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def keep_aside(
    path: Path, damaged: os.stat_result, locks: Locks, build: Callable[[], Path]
) -> Path | None:
    """Keep a damaged store under a free name (never deleting it), put a new one in its place.

    ``build`` makes the new store under a temporary name. None if another process has
    already done this: processes take turns here, and only the very file found damaged is
    moved, never a new one another process has just put in place.
    """
    with locks.exclusive("store.lock"):
        try:
            if not os.path.samestat(damaged, os.stat(path)):
                return None
        except FileNotFoundError:
            return None
        kept = _keep(path)
        os.replace(build(), path)
        return kept


def _keep(path: Path) -> Path:
    """Give a damaged store and its side files a new name no other file has; return it.

    The store keeps its own name too, until it is replaced with a new one: so the path
    always holds a file. The side files are moved, so the new store never meets them.
    """
    base = f"{path.name}.damaged-{stamp()}"
    for n in count(1):
        kept = path.with_name(base if n == 1 else f"{base}-{n}")
        if not any(os.path.lexists(side) for side in sides(kept)) and take_name(path, kept):
            break
    for side, kept_side in zip(sides(path), sides(kept), strict=True):
        try:
            if not take_name(side, kept_side):
                raise FileExistsError(errno.EEXIST, "the name is taken", str(kept_side))
        except FileNotFoundError:
            continue  # SQLite had none, or a closing connection just removed it
        side.unlink(missing_ok=True)
    return kept


class Locks:
    """The ``locks/`` folder: empty files that processes lock with flock.

    A session's file is locked while a window answers it (the OS releases the lock when the
    process ends, however it ends); ``store.lock`` makes processes take turns at moving a
    damaged store aside.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "locks"
        self.claims: dict[int, int] = {}  # session -> descriptor of its locked file

    def close(self) -> None:
        """Release every session this process claimed."""
        for fd in self.claims.values():
            os.close(fd)
        self.claims.clear()

    def _open(self, name: str) -> int:
        """A descriptor on ``locks/<name>``; a StorageError naming the path and the fix."""
        path = self.folder / name
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as err:
            if self.folder.exists() and not self.folder.is_dir():
                what = f"{self.folder} should be careerfit's folder of lock files, but is a file"
            elif path.is_dir():
                what = f"{path} should be a lock file, but is a folder"
            else:
                what = f"careerfit cannot write its lock file {path} ({err.strerror})"
        raise StorageError(
            f"{what}. Lock files hold nothing you need: move it away, or make {self.folder} "
            f"and its files writable by you, or set {HOME_VAR} to another folder."
        ) from None

    def _try(self, name: str) -> int | None:
        """``locks/<name>``, locked by us; None if another process holds it."""
        import fcntl

        fd = self._open(name)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(fd)
            if err.errno in _BUSY:
                return None
            raise StorageError(
                f"Cannot lock files in {self.folder} ({err.strerror}); its file system may "
                f"not support locks. Set {HOME_VAR} to a folder on a local disk."
            ) from None
        return fd

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold ``locks/<name>``, waiting for it while another process does."""
        if not LOCKING:
            yield
            return
        import fcntl

        fd = self._open(name)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def claim(self, session: int) -> bool:
        """Mark a session as being answered by this process; False if another one has it."""
        if not LOCKING or session in self.claims:
            return True
        fd = self._try(f"session-{session}.lock")
        if fd is None:
            return False
        self.claims[session] = fd
        return True

    def in_use(self, session: int) -> bool:
        """Whether another running careerfit is answering this session right now."""
        if not LOCKING or session in self.claims:
            return False
        fd = self._try(f"session-{session}.lock")
        if fd is not None:
            os.close(fd)  # closing releases the lock we just took to test it
        return fd is None

    @contextmanager
    def holding(self, sessions: list[int]) -> Iterator[None]:
        """Keep other windows off these sessions meanwhile; SessionInUse if one is answered.

        Taking the locks, not just testing them, is what makes a deletion safe: no window
        can start answering a session between the test and the deletion.
        """
        held: dict[int, int | None] = {}
        try:
            for n in sessions:
                if LOCKING and n not in self.claims and n not in held:
                    held[n] = self._try(f"session-{n}.lock")
            busy = [n for n, fd in held.items() if fd is None]
            if busy:
                raise SessionInUse(busy)
            yield
        finally:
            for fd in held.values():
                if fd is not None:
                    os.close(fd)
