"""Atomic, private file writes that never follow a symlink.

Writes go to a temp file in the same folder, are fsynced and renamed over the
target, and the folder is fsynced. Every path inside the data folder is checked
with ``lstat`` first: a symlink is refused (``SymlinkRefusedError``, naming it)
and its target is never read, written or re-moded.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"
"""Temp files are named ``.<name>.<random>.tmp`` beside their target."""

FILE_MODE = 0o600
DIR_MODE = 0o700
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""``O_NOFOLLOW`` where the platform has it (opening a symlink then fails)."""

MAX_DATA_FILE = 32 * 2**20
"""The largest data file (journal, cards, a review year) Companion reads or writes.

Ten heavy years (``benchmarks/make_journal.py --scale large``: 500 sessions,
5,000 log entries, 2,000 cards, 100,000 reviews) write a 3.0 MB journal, a
1.5 MB cards file and 1.2 MB per review year: 32 MiB is ten times the largest.
A bigger file is refused by its size before any of it is read (the open moves
it aside, as any file that cannot be used), and a write that would make one is
refused, so Companion never writes a file it would then refuse to open."""
DATA_FILE = "a data file"
"""What :data:`MAX_DATA_FILE` limits, as said in an error."""

_TEMP_NAME_MAX = 180
"""Longest part of a target's name kept in its temp file's name (names stay under 255)."""

_warned: set[Path] = set()
warnings: list[str] = []
"""One-line warnings about folders (others can read them); the CLI prints them."""


class SymlinkRefusedError(OSError):
    """A path inside the data folder is a symbolic link; Companion does not follow it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.ELOOP,
            "it is a symbolic link, and Companion does not follow links in its data folder "
            "(remove or replace it with a real file or folder)",
            str(path),
        )
        self.path = path

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def refuse_symlink(path: Path) -> os.stat_result | None:
    """Return ``lstat(path)``, None when it does not exist; raise if it is a symlink."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise SymlinkRefusedError(path)
    return info


def make_private_dir(path: Path) -> Path:
    """Create the folder ``path`` (its parent must exist) with mode 0700, whatever the umask.

    ``FileExistsError`` when something is already there (a symlink included).
    """
    os.mkdir(path, DIR_MODE)
    # mkdir's mode is masked by the umask: set it exactly (never through a link).
    os.chmod(path, DIR_MODE, follow_symlinks=False)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Make sure ``path`` is a real folder; create it, and each missing parent, with mode 0700.

    Every folder created here is 0700 whatever the umask (``mkdir(parents=True)``
    would create the parents with the umask's mode). An existing folder keeps
    its mode (the user may have chosen it); when others can read it a one-line
    warning is recorded in ``warnings``. A symlink, or a file where the folder
    should be, is refused.
    """
    info = refuse_symlink(path)
    if info is None:
        missing = [path]
        while not os.path.lexists(missing[-1].parent) and missing[-1].parent != missing[-1]:
            missing.append(missing[-1].parent)
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):  # made meanwhile: checked below
                make_private_dir(folder)
        info = refuse_symlink(path)
        if info is not None and stat.S_ISDIR(info.st_mode):
            return path
    if info is None or not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(path))
    if stat.S_IMODE(info.st_mode) & 0o077 and path not in _warned:
        _warned.add(path)
        warnings.append(
            f"{path} can be read by other users (mode {stat.S_IMODE(info.st_mode):o}); "
            f"`chmod 700 {path}` makes it private"
        )
    return path


def open_regular(path: Path) -> BinaryIO:
    """Open the regular file ``path`` for reading without following a symlink.

    A symlink is refused (``SymlinkRefusedError``, naming the path); a folder,
    device or pipe is refused too, so nothing blocks or reads elsewhere.
    """
    if not NOFOLLOW:
        refuse_symlink(path)
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SymlinkRefusedError(path) from None
        raise
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise IsADirectoryError(errno.EISDIR, "it is not a regular file", str(path))
    return handle


class FileTooLargeError(OSError):
    """A file over the size allowed for what it is; nothing of it was read (or written)."""

    def __init__(
        self, path: Path, size: int, limit: int, what: str, *, writing: bool = False
    ) -> None:
        over = f"{_megabytes(size)}, over the {_megabytes(limit)} limit for {what}"
        why = f"it would be {over}; nothing was written" if writing else f"it is {over}"
        super().__init__(errno.EFBIG, why, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size % 2**20 else f"{size // 2**20} MB"


def read_bytes(path: Path, limit: int | None = None, what: str = "this file") -> bytes:
    """Read the regular file ``path`` without following a symlink (refused, naming it).

    With ``limit``, a file larger than that many bytes is refused
    (``FileTooLargeError``, naming it and ``what`` it is) before any of it is read,
    and no more than ``limit`` bytes are ever read (a file that grows meanwhile).
    """
    with open_regular(path) as handle:
        if limit is None:
            return handle.read()
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise FileTooLargeError(path, size, limit, what)
        # Ask for the size found (plus one byte to see growth), not for ``limit``:
        # a read of n bytes allocates n bytes first, 32 MiB for every data file.
        payload = handle.read(size + 1)
        if len(payload) > size:  # it grew meanwhile: read on, up to one byte past the limit
            payload += handle.read(limit + 1 - len(payload))
        if len(payload) > limit:
            raise FileTooLargeError(path, len(payload), limit, what)
        return payload


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename inside it) to disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_for(path: Path) -> Path:
    return path.parent / f".{path.name[:_TEMP_NAME_MAX]}.{os.urandom(4).hex()}{TEMP_SUFFIX}"


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves either the old or the new file.

    The temp file is created 0600 in the same folder, flushed and fsynced, renamed
    over the target, and the folder is fsynced so the rename itself is durable.
    On any error the temp file is removed, the old file is left untouched and
    the error names ``path`` (never the hidden temp file). A symlink at ``path``
    or as its folder is refused.
    """
    folder = path.parent
    refuse_symlink(folder)
    refuse_symlink(path)
    tmp = _temp_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, SymlinkRefusedError):
            raise
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def clean_stray_temps(folder: Path) -> list[Path]:
    """Remove temp files a crash left behind in ``folder``; return what was removed."""
    removed: list[Path] = []
    info = refuse_symlink(folder)
    if info is not None and stat.S_ISDIR(info.st_mode):
        for stray in folder.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(FileNotFoundError):
                stray.unlink()
                removed.append(stray)
    return removed
