"""An exclusive lock on the data folder, held while the app (or a writing command) runs."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from companion.storage.atomic import FILE_MODE, NOFOLLOW, SymlinkRefusedError, refuse_symlink

LOCK_NAME = ".lock"


class LockHeldError(Exception):
    """Another Companion process holds the data folder."""

    def __init__(self, folder: Path, pid: str) -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(
            f"Companion is already open on {folder} ({who}). "
            "Close the other window first; only one can use a data folder at a time."
        )
        self.folder = folder
        self.pid = pid


class DataLock:
    """An advisory ``flock`` on ``<data dir>/.lock``; released on close or process exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> DataLock:
        """Take the lock or raise :class:`LockHeldError` at once (never waits).

        A symlink at ``.lock`` is refused (``SymlinkRefusedError``): its target is
        never opened, so a link cannot make Companion write a process id elsewhere.
        """
        refuse_symlink(self.path)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise SymlinkRefusedError(self.path) from None
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            raise LockHeldError(self.folder, pid) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Release the lock (safe to call twice)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DataLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None
