"""The manifest inside every backup: what it holds, checksums, counts, and whether it is partial."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from companion.formatting import plural
from companion.storage.atomic import open_regular

MANIFEST = "manifest.json"
"""The manifest's name inside a backup zip."""

FORMAT: Literal["companion-backup"] = "companion-backup"
MAX_MANIFEST = 4 * 1024 * 1024
"""A manifest larger than this is not read (a backup is untrusted input)."""


class ManifestFile(BaseModel):
    """One file of a backup: its name inside the zip, its size and its sha256."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1, max_length=512)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Counts(BaseModel):
    """How many sessions, cards and reviews a state holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sessions: int = Field(default=0, ge=0)
    cards: int = Field(default=0, ge=0)
    reviews: int = Field(default=0, ge=0)

    @property
    def total(self) -> int:
        """Every record counted."""
        return self.sessions + self.cards + self.reviews

    def describe(self) -> str:
        """Return e.g. ``3 sessions, 24 cards, 118 reviews``."""
        return ", ".join(
            (
                plural(self.sessions, "session"),
                plural(self.cards, "card"),
                plural(self.reviews, "review"),
            )
        )


class Manifest(BaseModel):
    """What Companion wrote into a backup; a zip without one was not written by Companion."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["companion-backup"] = FORMAT
    version: Literal[1] = 1
    created: datetime
    files: list[ManifestFile] = Field(max_length=100_000)
    counts: Counts = Counts()
    set_aside: list[str] = Field(default_factory=list, max_length=1000)
    """Damaged files that were set aside in the data folder when the backup was taken."""
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    """A checksum over every name and content: equal digests, equal data."""

    @property
    def partial(self) -> bool:
        """True when a file was set aside (damaged) when this backup was taken."""
        return bool(self.set_aside)

    def to_bytes(self) -> bytes:
        """Return the manifest as JSON."""
        return orjson.dumps(self.model_dump(mode="json"), option=orjson.OPT_INDENT_2)


def digest_of(files: dict[str, bytes]) -> str:
    """Return the checksum over ``files`` (name -> content), in name order."""
    sha = hashlib.sha256()
    for name in sorted(files):
        sha.update(name.encode() + b"\0" + files[name] + b"\0")
    return sha.hexdigest()


def build(
    files: dict[str, bytes], counts: Counts, set_aside: list[str], created: datetime | None = None
) -> Manifest:
    """Return the manifest of a backup holding ``files``."""
    return Manifest(
        created=created or datetime.now(UTC),
        files=[
            ManifestFile(name=n, size=len(b), sha256=hashlib.sha256(b).hexdigest())
            for n, b in sorted(files.items())
        ],
        counts=counts,
        set_aside=sorted(set_aside),
        digest=digest_of(files),
    )


def read_manifest(archive: zipfile.ZipFile) -> Manifest | None:
    """Return the manifest of an open backup, or None when it has no valid one."""
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST:
        return None
    try:
        with archive.open(info) as handle:
            raw = handle.read(MAX_MANIFEST + 1)
        if len(raw) > MAX_MANIFEST:
            return None
        data: Any = orjson.loads(raw)
        return Manifest.model_validate(data)
    except (OSError, zipfile.BadZipFile, orjson.JSONDecodeError, ValidationError, ValueError):
        return None
    except Exception:  # zipfile raises many kinds on crafted input
        return None


def manifest_of(backup: Path) -> Manifest | None:
    """Return the manifest of the backup file ``backup``, or None (unreadable or not ours).

    A symlink is never opened.
    """
    try:
        with open_regular(backup) as handle, zipfile.ZipFile(handle) as archive:
            return read_manifest(archive)
    except Exception:  # a crafted zip can raise many kinds
        return None
