"""Rolling backups of the data folder: timestamped zip files in ``backups/``, the last 10 kept."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import orjson

from companion.storage.atomic import atomic_write, ensure_private_dir
from companion.storage.schema import InvalidFileError, kind_of, migrate, validate

KEEP = 10
"""How many backups are kept."""

BACKUP_DIR = "backups"
PREFIX = "companion-"


def data_files(folder: Path) -> list[Path]:
    """Return the data files of ``folder`` that a backup holds, as relative paths."""
    found = [Path(n) for n in ("journal.json", "cards.json") if (folder / n).is_file()]
    reviews = folder / "reviews"
    if reviews.is_dir():
        found += [p.relative_to(folder) for p in sorted(reviews.glob("*.json"))]
    content = folder / "content"
    if content.is_dir():
        found += [
            p.relative_to(folder)
            for p in sorted(content.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        ]
    return found


def list_backups(folder: Path) -> list[Path]:
    """Return the backups of ``folder``, oldest first."""
    where = folder / BACKUP_DIR
    return sorted(where.glob(f"{PREFIX}*.zip")) if where.is_dir() else []


def _digest(folder: Path, files: list[Path]) -> str:
    sha = hashlib.sha256()
    for rel in files:
        sha.update(str(rel).encode() + b"\0" + (folder / rel).read_bytes() + b"\0")
    return sha.hexdigest()


def _stored_digest(backup: Path) -> str:
    try:
        with zipfile.ZipFile(backup) as archive:
            return archive.comment.decode(errors="replace")
    except (OSError, zipfile.BadZipFile):
        return ""


def take_backup(
    folder: Path, *, only_if_changed: bool = False, now: datetime | None = None
) -> Path | None:
    """Zip the data files of ``folder`` into ``backups/``; keep the newest ten.

    With ``only_if_changed`` no backup is taken when the newest one already holds
    exactly the same files. Returns the new backup, or None when none was needed.
    """
    files = data_files(folder)
    if not files:
        return None
    digest = _digest(folder, files)
    existing = list_backups(folder)
    if only_if_changed and existing and _stored_digest(existing[-1]) == digest:
        return None
    where = ensure_private_dir(folder / BACKUP_DIR)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = where / f"{PREFIX}{stamp}.zip"
    serial = 2
    while target.exists():
        target = where / f"{PREFIX}{stamp}-{serial}.zip"
        serial += 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for rel in files:
            archive.write(folder / rel, rel.as_posix())
        archive.comment = digest.encode()
    atomic_write(target, buffer.getvalue())
    for old in list_backups(folder)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def read_backup(backup: Path) -> dict[str, bytes]:
    """Return the files in ``backup`` after checking every data file in it is valid.

    Raises InvalidFileError naming the backup and the file when something is wrong.
    """
    try:
        with zipfile.ZipFile(backup) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidFileError(backup, f"it is not a readable backup ({exc})") from None
    if "journal.json" not in files:
        raise InvalidFileError(backup, "it holds no journal.json")
    for name, payload in files.items():
        if name.startswith("content/") or not name.endswith(".json"):
            continue
        member = Path(name)
        if ".." in member.parts or member.is_absolute():
            raise InvalidFileError(backup, f"it holds an unsafe path {name}")
        try:
            data = orjson.loads(payload)
        except orjson.JSONDecodeError:
            raise InvalidFileError(backup, f"{name} in it is not valid JSON") from None
        if not isinstance(data, dict):
            raise InvalidFileError(backup, f"{name} in it does not hold tables")
        data, _ = migrate(kind_of(member), data, member)
        validate(kind_of(member), data, member)
    return files
