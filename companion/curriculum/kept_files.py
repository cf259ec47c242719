"""Each content file's record, kept between loads: a load after an edit reads only what changed.

The curriculum cache (:mod:`companion.curriculum.cache`) serves a start when no
content file changed. When one did, the loader still walks every folder, but a
file whose stamp (size, change times, inode) is the one it had at the last load
is not read again: its record from then stands in (see
:mod:`companion.curriculum.records`). The records are kept in a file of their
own beside the cache, so a start from the cache never reads them; they are
validated by pydantic when read, and a file that is missing, linked, too large,
invalid or of another version counts as no records (every file is read).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from companion.curriculum.cache import VERSION, stamp
from companion.curriculum.records import FileRecord
from companion.domain.content import Origin
from companion.storage.atomic import atomic_write, ensure_private_dir, read_bytes, refuse_symlink

MAX_KEPT = 64 * 2**20
"""Records over this size are not read (500 lessons take about 2 MB)."""


class _Stored(BaseModel):
    """The records file: whose it is, then each file's stamp and record by ``origin:path``."""

    version: str
    """:data:`~companion.curriculum.cache.VERSION` when written; records of another are not used."""
    files: dict[str, tuple[str, FileRecord]]


def kept_path(cache: Path) -> Path:
    """Return where the records are kept, beside the curriculum ``cache``."""
    return cache.with_name(f"{cache.stem}-files.json")


class KeptFiles:
    """The records of the last load, and those of this one as it goes."""

    def __init__(self, old: dict[str, tuple[str, FileRecord]] | None = None) -> None:
        """Start from ``old`` records (by ``origin:path``), or none."""
        self._old = old or {}
        self.files: dict[str, tuple[str, FileRecord]] = {}
        """This load's records, in load order."""

    def record_for(self, path: Path, origin: Origin, read: Callable[[], FileRecord]) -> FileRecord:
        """Return the kept record of ``path`` if the file is unchanged, else ``read()``'s.

        The stamp is taken before the file is read, so a change made meanwhile is
        seen by the next load.
        """
        name = f"{origin}:{path}"
        now = stamp(path)
        kept = self._old.get(name)
        unchanged = now is not None and kept is not None and kept[0] == now
        record = kept[1] if unchanged and kept is not None else read()
        if now is not None:
            self.files[name] = (now, record)
        return record

    @classmethod
    def load(cls, where: Path) -> KeptFiles:
        """Return the records kept at ``where``; none when they cannot be used.

        A records folder or file that is a symlink counts as none: its target is never read.
        """
        try:
            refuse_symlink(where.parent)  # O_NOFOLLOW guards only the file's own name
            stored = _Stored.model_validate_json(read_bytes(where, MAX_KEPT, "the kept records"))
        except (OSError, ValidationError):
            return cls()
        return cls(stored.files) if stored.version == VERSION else cls()

    def save(self, where: Path) -> None:
        """Write this load's records (best effort: records that cannot be written are skipped)."""
        payload = _Stored(version=VERSION, files=self.files).model_dump_json().encode()
        with contextlib.suppress(OSError):
            ensure_private_dir(where.parent)
            atomic_write(where, payload)
