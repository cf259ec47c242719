"""Backups of the data folder: zip files in ``backups/``, each with a manifest.

A backup is only taken of a state that loads: every data file is read without
following symlinks and validated before it goes in. Rotation keeps the last
ten, the newest of each of the last eight weeks, and the newest backup that
was taken with nothing set aside; it deletes only zips whose manifest says
Companion wrote them.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from companion.storage.atomic import (
    MAX_DATA_FILE,
    atomic_write,
    ensure_private_dir,
    read_bytes,
    refuse_symlink,
)
from companion.storage.manifest import Counts, Manifest, build, digest_of, manifest_of
from companion.storage.schema import InvalidFileError, kind_of, migrate, read_data, validate

KEEP = 10
"""How many of the newest backups are always kept."""
WEEKS = 8
"""For this many weeks back, the newest backup of each week is kept too."""

LEVEL = 1
"""zlib's fastest level: on ten years of JSON (16 MB) 111 ms for 2.9 MB, where the
default level 6 takes 325 ms for 2.3 MB (measured; most of a backup's time)."""

BACKUP_DIR = "backups"
PREFIX = "companion-"
SET_ASIDE_MARK = ".corrupt-"
"""Damaged files are renamed ``<name>.corrupt-<time>`` (see recovery.py)."""


def _walk(root: Path, top: Path) -> list[Path]:
    """Return the regular files under ``top`` (relative to ``root``), refusing symlinks."""
    found: list[Path] = []
    for entry in sorted(os.scandir(top), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.is_symlink():
            refuse_symlink(path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            found += _walk(root, path)
        elif entry.is_file(follow_symlinks=False):
            found.append(path.relative_to(root))
    return found


def data_files(folder: Path) -> list[Path]:
    """Return the data files of ``folder`` that a backup holds, as relative paths.

    Raises ``SymlinkRefusedError`` naming the first symlink met.
    """
    found: list[Path] = []
    for name in ("journal.json", "cards.json"):
        info = refuse_symlink(folder / name)
        if info is not None and stat.S_ISREG(info.st_mode):
            found.append(Path(name))
    reviews = folder / "reviews"
    info = refuse_symlink(reviews)
    if info is not None and stat.S_ISDIR(info.st_mode):
        for entry in sorted(os.scandir(reviews), key=lambda e: e.name):
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                refuse_symlink(Path(entry.path))
                if entry.is_file(follow_symlinks=False):
                    found.append(Path("reviews", entry.name))
    content = folder / "content"
    info = refuse_symlink(content)
    if info is not None and stat.S_ISDIR(info.st_mode):
        found += _walk(folder, content)
    return found


def set_aside_files(folder: Path) -> list[str]:
    """Return the damaged files set aside in ``folder`` (relative names)."""
    names = [p.name for p in folder.glob(f"*{SET_ASIDE_MARK}*")]
    reviews = folder / "reviews"
    if reviews.is_dir() and not reviews.is_symlink():
        names += [f"reviews/{p.name}" for p in reviews.glob(f"*{SET_ASIDE_MARK}*")]
    return sorted(names)


def backups_dir(folder: Path) -> Path | None:
    """Return ``folder/backups`` if it is a real folder (a symlink is refused), else None."""
    info = refuse_symlink(folder / BACKUP_DIR)
    return folder / BACKUP_DIR if info is not None and stat.S_ISDIR(info.st_mode) else None


def list_backups(folder: Path) -> list[Path]:
    """Return the rolling backups of ``folder``, oldest first (symlinked files are left out)."""
    where = backups_dir(folder)
    if where is None:
        return []
    found = [p for p in where.glob(f"{PREFIX}*.zip") if p.is_file() and not p.is_symlink()]
    return sorted(found, key=_order)


_NAME = re.compile(rf"^{PREFIX}(\d{{8}}-\d{{6}})(?:-(\d+))?\.zip$")


def _order(path: Path) -> tuple[str, int, str]:
    """Sort key: time stamp, then serial (``-2`` after the plain name, ``-10`` after ``-9``)."""
    match = _NAME.match(path.name)
    if match is None:
        return (path.name, 0, path.name)
    return (match.group(1), int(match.group(2) or 1), path.name)


@dataclass(frozen=True)
class BackupInfo:
    """A backup and its manifest (None: not written by Companion, or unreadable)."""

    path: Path
    manifest: Manifest | None


def backup_infos(folder: Path) -> list[BackupInfo]:
    """Return every rolling backup with its manifest, oldest first."""
    return [BackupInfo(p, manifest_of(p)) for p in list_backups(folder)]


def best_backup(folder: Path) -> Path | None:
    """Return the backup ``restore --latest`` takes, or None when there is none.

    The newest backup, except that one taken while a file was set aside is
    skipped while an older backup without that mark holds more records.
    """
    infos = [i for i in backup_infos(folder) if i.manifest is not None]
    for index in range(len(infos) - 1, -1, -1):
        manifest = infos[index].manifest
        assert manifest is not None
        if not manifest.partial:
            return infos[index].path
        fuller = any(
            o.manifest is not None
            and not o.manifest.partial
            and o.manifest.counts.total > manifest.counts.total
            for o in infos[:index]
        )
        if not fuller:
            return infos[index].path
    return None


def counts_of(files: dict[str, Any]) -> Counts:
    """Count sessions, cards and reviews in parsed data files (name -> JSON object)."""
    return _counted({name: _sizes(data) for name, data in files.items()})


def _sizes(data: Any) -> dict[str, int]:
    """Return the number of records of each table in one parsed data file."""
    if not isinstance(data, dict):
        return {}
    return {name: len(table) for name, table in data.items() if isinstance(table, dict)}


def _counted(sizes: dict[str, dict[str, int]]) -> Counts:
    """Return the counts of a state from each file's table sizes (see :func:`_sizes`)."""

    def size(name: str, table: str) -> int:
        return sizes.get(name, {}).get(table, 0)

    reviews = sum(size(n, "reviews") for n in sizes if n.startswith("reviews/"))
    return Counts(
        sessions=size("journal.json", "sessions"),
        cards=size("cards.json", "cards"),
        reviews=reviews,
    )


def check_state(
    folder: Path,
    files: dict[str, bytes],
    known_good: set[str],
    checked: frozenset[str] = frozenset(),
) -> Counts:
    """Check that every data file in ``files`` loads; return the state's counts.

    Files whose sha256 is in ``known_good`` (already validated into an earlier
    backup) are only parsed. Raises ``InvalidFileError`` naming the file.
    """
    import hashlib

    sizes: dict[str, dict[str, int]] = {}
    for name, payload in files.items():
        if name.startswith("content/"):
            continue
        path = folder / name
        try:
            data = orjson.loads(payload)
        except orjson.JSONDecodeError as exc:
            raise InvalidFileError(path, f"it is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise InvalidFileError(path, "it does not hold a set of tables")
        if name not in checked and hashlib.sha256(payload).hexdigest() not in known_good:
            kind = kind_of(Path(name))
            migrated, _ = migrate(kind, data, path)
            validate(kind, migrated, path)
        # Only the sizes are kept: holding every parsed file at once (ten years of
        # reviews) made the first open of a changed folder peak some 30 MB higher.
        sizes[name] = _sizes(data)
    return _counted(sizes)


def _known_good(folder: Path) -> tuple[set[str], str]:
    """Return the checksums of files in the newest backup, and that backup's digest."""
    infos = backup_infos(folder)
    for info in reversed(infos):
        if info.manifest is not None:
            return {f.sha256 for f in info.manifest.files}, info.manifest.digest
    return set(), ""


def write_zip(target: Path, files: dict[str, bytes], manifest: Manifest) -> None:
    """Write ``files`` and their manifest as the zip ``target`` (atomically, 0600)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Given a ZipInfo, writestr ignores the archive's level: it is passed each time.
        for name, payload in sorted(files.items()):
            archive.writestr(_member(name), payload, compresslevel=LEVEL)
        archive.writestr(_member("manifest.json"), manifest.to_bytes(), compresslevel=LEVEL)
        archive.comment = manifest.digest.encode()
    atomic_write(target, buffer.getvalue())


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    return info


def read_state(folder: Path) -> dict[str, bytes]:
    """Read every data file of ``folder`` (never through a symlink), by relative name.

    A file over :data:`~companion.storage.atomic.MAX_DATA_FILE` is refused by
    its size before it is read: ``InvalidFileError`` for a data file (it cannot
    be opened either), ``FileTooLargeError`` for a file of the pair's own content.
    """
    files: dict[str, bytes] = {}
    for rel in data_files(folder):
        name = rel.as_posix()
        if name.startswith("content/"):
            files[name] = read_bytes(folder / rel, MAX_DATA_FILE, "a file in a backup")
        else:
            files[name] = read_data(folder / rel)
    return files


def take_backup(
    folder: Path,
    *,
    only_if_changed: bool = False,
    now: datetime | None = None,
    checked: frozenset[str] = frozenset(),
) -> Path | None:
    """Zip the data files of ``folder`` into ``backups/`` with a manifest, then rotate.

    Every data file is checked first (``InvalidFileError`` naming it when it
    does not load; nothing is written then). With ``only_if_changed`` no
    backup is taken when the newest one holds exactly the same files. Returns
    the new backup, or None when none was needed. ``checked`` names files the
    caller has just validated (the store on open), so they are not validated twice.
    """
    files = read_state(folder)
    if not files:
        return None
    known, newest_digest = _known_good(folder)
    if only_if_changed and newest_digest == digest_of(files):
        return None
    counts = check_state(folder, files, known, checked)
    manifest = build(files, counts, set_aside_files(folder), now)
    where = ensure_private_dir(folder / BACKUP_DIR)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    # Never reuse a name rotation freed: a new backup sorts after every older one.
    serials = [_order(p)[1] for p in where.glob(f"{PREFIX}{stamp}*.zip") if _NAME.match(p.name)]
    serial = max(serials, default=0) + 1
    target = where / (f"{PREFIX}{stamp}.zip" if serial == 1 else f"{PREFIX}{stamp}-{serial}.zip")
    while target.exists() or target.is_symlink():
        serial += 1
        target = where / f"{PREFIX}{stamp}-{serial}.zip"
    write_zip(target, files, manifest)
    rotate(folder, now=now)
    return target


def keep_set(infos: list[BackupInfo], now: datetime) -> set[Path]:
    """Return the backups rotation keeps (see the module docstring)."""
    ours = [i for i in infos if i.manifest is not None]
    keep = {i.path for i in ours[-KEEP:]}
    weeks: dict[tuple[int, int], Path] = {}
    for info in ours:
        assert info.manifest is not None
        created = info.manifest.created
        if now - created <= timedelta(weeks=WEEKS):
            year, week, _ = created.isocalendar()
            weeks[(year, week)] = info.path
    keep |= set(weeks.values())
    good = [i.path for i in ours if i.manifest is not None and not i.manifest.partial]
    if good:
        keep.add(good[-1])
    return keep


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete old backups Companion wrote (by manifest); return what was deleted."""
    infos = backup_infos(folder)
    keep = keep_set(infos, now or datetime.now(UTC))
    deleted = []
    for info in infos:
        if info.manifest is not None and info.path not in keep:
            info.path.unlink(missing_ok=True)
            deleted.append(info.path)
    return deleted
