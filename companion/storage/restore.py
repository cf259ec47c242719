"""Restoring the data folder from a backup, which is treated as untrusted input.

A backup is accepted only when every member is a regular file whose normalised
name stays inside the data folder, is one Companion writes, and is listed with
its size and sha256 in the manifest; sizes are capped (each member, the total,
and the compression ratio, against zip bombs). It is unpacked into a staging
folder beside the data, the staged set must load, and only then is it swapped
in. Any failure leaves the data exactly as it was, and the error says so.

A zip without a manifest cannot be verified and is refused, unless the caller
asks for it explicitly (``unverified=True``: ``companion restore --unverified``);
every other check still applies then. The app never passes it. Checking and
unpacking are in :mod:`companion.storage.staging`; this module swaps a staged
set in.
"""

from __future__ import annotations

__all__ = [
    "MAX_MEMBER",
    "MAX_RATIO",
    "MAX_TOTAL",
    "UNVERIFIED",
    "NoBackupError",
    "RestoreError",
    "Restored",
    "Staged",
    "check_backup",
    "current_counts",
    "latest_backup",
    "restore_backup",
    "safety_copies",
    "stage",
]

import contextlib
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from companion.storage.atomic import (
    ensure_private_dir,
    fsync_dir,
    make_private_dir,
    refuse_symlink,
)
from companion.storage.backups import (
    BACKUP_DIR,
    SET_ASIDE_MARK,
    backups_dir,
    best_backup,
    counts_of,
    data_files,
    read_state,
    write_zip,
)
from companion.storage.interrupted import (
    MARKER,
    OLD_PREFIX,
    SWAPPED,
    InterruptedRestoreError,
    SwapPlan,
    begin_swap,
    commit_swap,
    recover_interrupted_restore,
)
from companion.storage.lock import DataLock
from companion.storage.manifest import Counts, build, manifest_of
from companion.storage.schema import InvalidFileError, read_data
from companion.storage.staging import (
    MAX_MEMBER,
    MAX_RATIO,
    MAX_TOTAL,
    UNVERIFIED,
    Staged,
    check_backup,
    stage,
)

SAFETY_PREFIX = "before-restore-"
"""Copies of the data as it was just before a restore (not part of the rotation)."""
KEEP_SAFETY = 3


class NoBackupError(Exception):
    """There is no backup to restore from."""


class RestoreError(Exception):
    """A restore that did not happen; the data folder is exactly as it was."""


def latest_backup(folder: Path) -> Path:
    """Return the backup ``restore --latest`` takes, or raise NoBackupError."""
    chosen = best_backup(folder)
    if chosen is None:
        raise NoBackupError(f"there is no backup in {folder / BACKUP_DIR}")
    return chosen


def current_counts(folder: Path) -> Counts:
    """Count what the data folder holds now (damaged or too large files count as empty)."""
    parsed: dict[str, Any] = {}
    with contextlib.suppress(OSError):
        for rel in data_files(folder):
            if rel.parts[0] != "content":
                with contextlib.suppress(InvalidFileError, orjson.JSONDecodeError):
                    parsed[rel.as_posix()] = orjson.loads(read_data(folder / rel))
    return counts_of(parsed)


def _safety_copy(folder: Path) -> Path | None:
    """Zip the data as it is now into ``backups/before-restore-*.zip``.

    Files set aside as damaged are not touched by a restore, so they stay where they are.
    """
    files = read_state(folder)
    if not files:
        return None
    where = ensure_private_dir(folder / BACKUP_DIR)
    manifest = build(files, current_counts(folder), [])
    target = where / f"{SAFETY_PREFIX}{manifest.created.strftime('%Y%m%d-%H%M%S-%f')}.zip"
    write_zip(target, files, manifest)
    for old in safety_copies(folder)[:-KEEP_SAFETY]:
        old.unlink(missing_ok=True)
    return target


_SAFETY_NAME = re.compile(rf"^{re.escape(SAFETY_PREFIX)}\d{{8}}-\d{{6}}-\d{{6}}\.zip$")


def safety_copies(folder: Path) -> list[Path]:
    """Return the safety copies Companion wrote in ``folder/backups``, oldest first.

    Only regular files (``lstat``: never a link) named exactly as Companion
    names them and holding a valid manifest count; anything else is left alone.
    """
    where = backups_dir(folder)  # a symlinked backups/ is refused
    found: list[Path] = []
    for path in sorted(where.glob(f"{SAFETY_PREFIX}*.zip")) if where is not None else []:
        if not _SAFETY_NAME.match(path.name):
            continue
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(path.lstat().st_mode) and manifest_of(path) is not None:
                found.append(path)
    return found


def _keep_set_aside(folder: Path, staged: Path) -> None:
    """Give the staged ``reviews/`` a second name for each review year set aside in ``folder``.

    A restore swaps the whole ``reviews`` folder and deletes the old one once the
    swap is done, so a damaged year moved aside inside it (``2026.json.corrupt-…``)
    would go with it. A hard link (a copy where the disk has none) keeps it in the
    new folder; a restore that fails only removes that second name with the staging.
    """
    reviews = folder / "reviews"
    info = refuse_symlink(reviews)
    if info is None or not stat.S_ISDIR(info.st_mode):
        return
    for entry in sorted(os.scandir(reviews), key=lambda e: e.name):
        if SET_ASIDE_MARK in entry.name and entry.is_file(follow_symlinks=False):
            target = staged / "reviews" / entry.name
            try:
                os.link(entry.path, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry.path, target, follow_symlinks=False)


def _swap(folder: Path, staged: Path, backup: Path) -> None:
    """Move the current data aside and the staged data in; undo every step on failure.

    A marker written first (see interrupted.py) lets the next open roll the swap
    back when the process is killed half-way; removing it is the commit point.
    """
    old = folder / f"{OLD_PREFIX}{os.urandom(4).hex()}"
    plan = SwapPlan(
        backup=backup.name,
        old=old.name,
        staged=staged.name,
        current=[n for n in SWAPPED if refuse_symlink(folder / n) is not None],
        incoming=[n for n in SWAPPED if refuse_symlink(staged / n) is not None],
    )
    begin_swap(folder, plan)
    done: list[tuple[Path, Path]] = []
    try:
        make_private_dir(old)
        for name in SWAPPED:
            if name in plan.current:
                os.rename(folder / name, old / name)
                done.append((folder / name, old / name))
            if name in plan.incoming:
                os.rename(staged / name, folder / name)
                done.append((staged / name, folder / name))
        fsync_dir(folder)
        commit_swap(folder)
    except BaseException:
        for source, moved in reversed(done):
            with contextlib.suppress(OSError):
                os.rename(moved, source)
        with contextlib.suppress(OSError):
            fsync_dir(folder)
            (folder / MARKER).unlink()
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _recover(folder: Path) -> str | None:
    """Roll back an interrupted earlier restore (RestoreError when that cannot be done)."""
    try:
        return recover_interrupted_restore(folder)
    except InterruptedRestoreError as exc:
        raise RestoreError(str(exc)) from None


@dataclass(frozen=True)
class Restored:
    """A finished restore: what it brought back, what it replaced, and where that is kept."""

    backup: Path
    counts: Counts
    replaced: Counts
    safety: Path | None
    repaired: str | None = None
    """What was done first about an earlier restore that had been interrupted."""


def restore_backup(
    folder: Path,
    backup: Path,
    *,
    lock_held: bool = False,
    unverified: bool = False,
    already: frozenset[tuple[str, str]] = frozenset(),
) -> Restored:
    """Replace the data in ``folder`` with the content of ``backup``, all or nothing.

    The backup is checked and staged first; the current data is zipped to
    ``backups/before-restore-<time>.zip`` so the restore can be undone; then the
    staged files are swapped in. Takes the folder's lock for the duration
    (``LockHeldError`` if the app is open), unless the caller already holds it.
    Raises InvalidFileError for a bad backup (one without a manifest too,
    unless ``unverified``: only the command line's ``--unverified`` passes it)
    and RestoreError when the swap fails; in both cases the data folder is
    exactly as it was. ``already`` is what :func:`check_backup` found valid in
    this backup just before (files unchanged since are not validated twice).
    """
    ensure_private_dir(folder)
    lock = None if lock_held else DataLock(folder).acquire()
    staged: Staged | None = None
    try:
        repaired = _recover(folder)
        data_files(folder)  # refuses a symlink in the data folder before anything moves
        replaced = current_counts(folder)
        staged = stage(folder, backup, unverified=unverified, already=already)
        try:
            safety = _safety_copy(folder)
        except InvalidFileError as exc:  # a file too large to read, so it cannot be kept
            raise RestoreError(
                f"{exc.path.name} could not be kept before the restore ({exc.why}); open "
                "Companion to have it set aside, then restore; nothing was changed"
            ) from None
        try:
            _keep_set_aside(folder, staged.folder)
            _swap(folder, staged.folder, backup)
        except OSError as exc:
            raise RestoreError(
                f"the restore from {backup.name} failed ({exc.strerror or exc}"
                f"{f': {exc.filename}' if exc.filename else ''}); "
                "your data is exactly as it was, nothing was changed"
            ) from None
        return Restored(backup, staged.checked.counts, replaced, safety, repaired)
    finally:
        if staged is not None:
            shutil.rmtree(staged.folder, ignore_errors=True)
        if lock is not None:
            lock.release()
