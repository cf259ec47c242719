"""A cache of the validated curriculum, file by file, so start-up skips parsing Markdown and YAML.

The cache holds each content file's record (what the file gave, see
:mod:`companion.curriculum.records`) with the file's stamp, under a key: a
fingerprint of every content file (path, size, change time) plus the app
version. When the key still holds, the records are merged into the curriculum
and nothing is read. When any file changed, the loader walks the folders again
but reads only the files whose stamp changed; the others' records stand in.
The cache is validated by pydantic when read, the whole file in one call
(``model_validate_json``); one that is missing, linked, too large or invalid
counts as no cache (every file is read).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from companion import __version__
from companion.curriculum.catalogue import Curriculum
from companion.curriculum.problems import Problem
from companion.curriculum.records import FileRecord, Merge
from companion.domain.content import Origin
from companion.storage.atomic import atomic_write, ensure_private_dir, read_bytes, refuse_symlink

FORMAT = 3
VERSION = f"{FORMAT}:{__version__}"
"""Records written by another format or app version are never used."""
MAX_CACHE = 64 * 2**20
"""A cache over this size is not read (500 lessons take about 2 MB)."""


def _files(folder: str, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Yield (relative parts, path) of every file and symlink under ``folder``.

    No link is followed: a folder link is not entered, and a link is listed as
    itself (the loader reports it), so adding or removing one changes the key.
    """
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(entry.path, (*parts, entry.name))
            elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                yield (*parts, entry.name), entry.path
        except OSError:
            continue


def stamp(path: Path | str) -> str | None:
    """Return what tells a changed file apart (size, modification and change times, inode).

    None when the file cannot be looked at (then it is always read). A file
    rewritten with the same size and modification time (a copy that keeps
    times, a restore) still gets a new change time and inode.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def fingerprint(roots: Iterable[tuple[Path, Origin]]) -> str:
    """Return a digest of every file under ``roots`` (its name and :func:`stamp`)."""
    sha = hashlib.sha256(VERSION.encode())
    for root, origin in roots:
        sha.update(f"|{root}|{origin}".encode())
        for parts, path in sorted(_files(str(root))):
            sha.update(f"{'/'.join(parts)}:{stamp(path)}".encode())
    return sha.hexdigest()


class Stored(BaseModel):
    """The cache file: whose it is, the key, the load's problems, each file's stamp and record.

    ``files`` is keyed by ``origin:path`` and kept in load order.
    """

    version: str
    key: str
    problems: list[tuple[str, int, str]]
    files: dict[str, tuple[str, FileRecord]]

    def curriculum(self) -> Curriculum:
        """Return the curriculum the records make, merged in load order."""
        merge = Merge()
        for name, (_, record) in self.files.items():
            origin, _, path = name.partition(":")
            merge.take(path, "user" if origin == "user" else "shipped", record)
        return merge.curriculum


class KeptFiles:
    """The records of the last load, and those of this one as it goes."""

    def __init__(self, old: Stored | None = None) -> None:
        """Start from the records of ``old``, or none."""
        self._old = old.files if old is not None else {}
        self.files: dict[str, tuple[str, FileRecord]] = {}
        """This load's records, in load order."""
        self.read = 0
        """How many files this load had to read."""

    def record_for(self, path: Path, origin: Origin, read: Callable[[], FileRecord]) -> FileRecord:
        """Return the kept record of ``path`` if the file is unchanged, else ``read()``'s.

        The stamp is taken before the file is read, so a change made meanwhile is
        seen by the next load.
        """
        name = f"{origin}:{path}"
        now = stamp(path)
        kept = self._old.get(name)
        if now is not None and kept is not None and kept[0] == now:
            record = kept[1]
        else:
            record = read()
            self.read += 1
        if now is not None:
            self.files[name] = (now, record)
        return record


def read(cache: Path) -> Stored | None:
    """Return the cache at ``cache`` when it is valid and of this version, else None.

    A cache folder or file that is a symlink counts as no cache: its target is never read.
    """
    try:
        refuse_symlink(cache.parent)  # O_NOFOLLOW below guards only the file's own name
        stored = Stored.model_validate_json(read_bytes(cache, MAX_CACHE, "the content cache"))
    except (OSError, ValidationError):
        return None
    return stored if stored.version == VERSION else None


def load(cache: Path, key: str) -> tuple[Curriculum, list[Problem]] | None:
    """Return the cached curriculum and problems if the cache is valid and matches ``key``."""
    stored = read(cache)
    if stored is None or stored.key != key:
        return None
    return stored.curriculum(), [Problem(*problem) for problem in stored.problems]


def save(cache: Path, key: str, problems: list[Problem], kept: KeptFiles) -> None:
    """Write the cache (best effort: a cache that cannot be written is simply skipped).

    Never through a link: a symlinked cache folder or file is left alone (no cache then).
    """
    stored = Stored(
        version=VERSION,
        key=key,
        problems=[(p.path, p.line, p.message) for p in problems],
        files=kept.files,
    )
    with contextlib.suppress(OSError):
        ensure_private_dir(cache.parent)
        atomic_write(cache, stored.model_dump_json().encode())
