"""Restoring the data folder from a backup, keeping a copy of what it replaces."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from companion.storage.atomic import atomic_write, ensure_private_dir
from companion.storage.backups import BACKUP_DIR, data_files, list_backups, read_backup
from companion.storage.lock import DataLock

SAFETY_PREFIX = "before-restore-"
"""Copies of the data as it was just before a restore (not part of the rolling ten)."""

KEEP_SAFETY = 3


class NoBackupError(Exception):
    """There is no backup to restore from."""


def latest_backup(folder: Path) -> Path:
    """Return the newest rolling backup of ``folder`` or raise NoBackupError."""
    backups = list_backups(folder)
    if not backups:
        raise NoBackupError(f"there is no backup in {folder / BACKUP_DIR}")
    return backups[-1]


def _safety_copy(folder: Path) -> Path | None:
    where = ensure_private_dir(folder / BACKUP_DIR)
    files = data_files(folder)
    damaged = sorted(p.relative_to(folder) for p in folder.glob("*.corrupt-*"))
    if not files and not damaged:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for rel in [*files, *damaged]:
            archive.write(folder / rel, rel.as_posix())
    target = where / f"{SAFETY_PREFIX}{stamp}.zip"
    atomic_write(target, buffer.getvalue())
    for old in sorted(where.glob(f"{SAFETY_PREFIX}*.zip"))[:-KEEP_SAFETY]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(folder: Path, backup: Path, *, lock_held: bool = False) -> Path | None:
    """Replace the data in ``folder`` with the content of ``backup``.

    The backup is checked first (every data file valid); the current data is
    zipped to ``backups/before-restore-<time>.zip`` so the restore can be undone;
    then each file is written atomically and data files the backup lacks are
    removed. Takes the folder's lock for the duration (``LockHeldError`` if the
    app is open), unless the caller says it already holds it (the app itself).
    Returns the safety copy, if one was made.
    """
    files = read_backup(backup)
    ensure_private_dir(folder)
    lock = None if lock_held else DataLock(folder).acquire()
    try:
        safety = _safety_copy(folder)
        keep = {Path(name) for name in files}
        for name, payload in sorted(files.items()):
            target = folder / name
            ensure_private_dir(target.parent)
            atomic_write(target, payload)
        for rel in data_files(folder):
            if rel not in keep:
                (folder / rel).unlink(missing_ok=True)
        return safety
    finally:
        if lock is not None:
            lock.release()
