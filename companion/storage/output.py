"""Where an export may write: a regular file or a new path, never a device, pipe, folder or link.

``companion export -o FILE`` replaces ``FILE`` atomically (temp file, fsync,
rename). Renaming over a device or a named pipe would replace it with a regular
file (run as root, ``-o /dev/null`` once replaced ``/dev/null``), and a symlink
would be replaced rather than followed; so anything but a regular file or a
path that does not exist yet is refused with :class:`OutputRefusedError`,
before any work is done, and left untouched. ``-o -`` means standard output.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from companion.storage.atomic import atomic_write

STDOUT = "-"
"""The ``-o`` value that means standard output."""

_KINDS: tuple[tuple[str, str], ...] = (
    ("S_ISLNK", "a symbolic link"),
    ("S_ISDIR", "a folder"),
    ("S_ISCHR", "a device"),
    ("S_ISBLK", "a device"),
    ("S_ISFIFO", "a named pipe (FIFO)"),
    ("S_ISSOCK", "a socket"),
)


class OutputRefusedError(OSError):
    """The output path is not a regular file or a new path; nothing was written."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(
            errno.EINVAL,
            f"it is {kind}: exports are written only to a regular file or a new path "
            "(use -o - for standard output); nothing was written",
            str(path),
        )
        self.path = path
        self.kind = kind

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def is_stdout(output: str | None) -> bool:
    """Return True when ``output`` means standard output (none given, or ``-``)."""
    return output is None or output == "" or output == STDOUT


def check_output_path(path: Path) -> Path:
    """Return where to write ``path`` (its folder resolved), or raise :class:`OutputRefusedError`.

    A regular file or a path that does not exist yet is accepted; the folder it
    goes in may be reached through a link (the user chose it), the file itself
    may not. A missing folder is a ``FileNotFoundError`` naming it.
    """
    path = path.expanduser()
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    if info is not None:
        for test, kind in _KINDS:
            if getattr(stat, test)(info.st_mode):
                raise OutputRefusedError(path, kind)
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefusedError(path, "not a regular file")
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(path.parent))
    return folder / path.name


def write_output(path: Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` atomically once it passes :func:`check_output_path`."""
    target = check_output_path(path)
    atomic_write(target, payload)
    return target
