"""Unpacking a backup into a staging folder, every member checked: restore's untrusted half.

A backup is accepted only when every member is a regular file whose normalised
name stays inside the data folder, is one Companion writes, and is listed with
its size and sha256 in the manifest; sizes are capped (each member, the total,
and the compression ratio, against zip bombs). The staged set must load.
A zip without a manifest is refused unless ``unverified`` (every other check
still applies then). :mod:`companion.storage.restore` swaps a staged set in.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.storage.atomic import (
    FILE_MODE,
    MAX_DATA_FILE,
    NOFOLLOW,
    ensure_private_dir,
    make_private_dir,
    open_regular,
)
from companion.storage.backups import check_state
from companion.storage.interrupted import STAGING_PREFIX
from companion.storage.manifest import MANIFEST, Counts, read_manifest
from companion.storage.schema import InvalidFileError

MAX_MEMBER = 256 * 1024 * 1024
"""No file in a backup may unpack to more than this (a data file: ``MAX_DATA_FILE``)."""
MAX_TOTAL = 1024 * 1024 * 1024
"""Nor all of them together."""
MAX_RATIO = 200
"""A member over 1 MiB that compresses better than this is taken for a zip bomb."""
MAX_MEMBERS = 100_000

_ALLOWED = re.compile(r"^(journal\.json|cards\.json|reviews/\d{4}\.json|content/[^\x00]+)$")


UNVERIFIED = (
    "it has no manifest, so it cannot be verified as a backup Companion wrote "
    "(a backup from an older version, or a zip made elsewhere); nothing was changed. "
    "If you trust it, `companion restore --unverified FILE` restores it after every other check"
)
"""Why a zip without a manifest is refused (the CLI's ``--unverified`` accepts it)."""


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if posixpath.normpath(name) != name or re.match(r"^[A-Za-z]:", name):
        return False
    parts = name.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return False
    return bool(_ALLOWED.match(name))


def _bad(backup: Path, why: str) -> InvalidFileError:
    return InvalidFileError(backup, f"{why}; nothing was changed")


def _members(
    backup: Path, archive: zipfile.ZipFile, unverified: bool
) -> tuple[list[zipfile.ZipInfo], Any]:
    """Return the data members of ``archive`` and its manifest, after every check.

    A zip without a manifest is refused unless ``unverified``; then (``manifest``
    None) it gets every check but the manifest's own: safe names, regular files,
    size caps and the zip-bomb ratio here, and the staged set must load before
    it is used.
    """
    manifest = read_manifest(archive)
    if manifest is None and MANIFEST in archive.namelist():
        raise _bad(backup, "its manifest is not valid, so it was not written by Companion")
    if manifest is None and not unverified:
        raise InvalidFileError(backup, UNVERIFIED)
    listed = {f.name: f for f in manifest.files} if manifest is not None else None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bad(backup, f"it holds more than {MAX_MEMBERS} files")
    seen: set[str] = set()
    members: list[zipfile.ZipInfo] = []
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise _bad(backup, f"it holds {name!r} twice")
        seen.add(name)
        if name == MANIFEST:
            continue
        if not _safe_name(name):
            raise _bad(backup, f"it holds an unsafe or unknown path {name!r}")
        mode = info.external_attr >> 16
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise _bad(backup, f"{name!r} in it is not a regular file")
        entry = listed.get(name) if listed is not None else None
        if listed is not None and (entry is None or entry.size != info.file_size):
            raise _bad(backup, f"{name!r} in it is not listed in its manifest")
        if info.file_size > MAX_MEMBER:
            raise _bad(backup, f"{name!r} in it is larger than {MAX_MEMBER // 2**20} MiB")
        if not name.startswith("content/") and info.file_size > MAX_DATA_FILE:
            limit = f"{MAX_DATA_FILE // 2**20} MiB, the limit for a data file"
            raise _bad(backup, f"{name!r} in it is larger than {limit}")
        big = info.file_size > 2**20
        if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bad(backup, f"{name!r} in it is compressed suspiciously well (a zip bomb?)")
        total += info.file_size
        if total > MAX_TOTAL:
            raise _bad(backup, f"it unpacks to more than {MAX_TOTAL // 2**20} MiB")
        members.append(info)
    if listed is not None and set(listed) != {m.filename for m in members}:
        raise _bad(backup, "its manifest lists files it does not hold")
    if "journal.json" not in {m.filename for m in members}:
        raise _bad(backup, "it holds no journal.json")
    return members, manifest


def _unpack(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, sha: str | None
) -> tuple[bytes, str]:
    """Copy one member to ``target`` (new, 0600), never past its declared size; check its sha.

    Return its bytes (none for a content file) and the sha256 of what was written.
    """
    ensure_private_dir(target.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    written = 0
    with archive.open(info) as source, os.fdopen(os.open(target, flags, FILE_MODE), "wb") as out:
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > info.file_size:
                raise ValueError("it holds more than its header says")
            digest.update(chunk)
            out.write(chunk)
            if not info.filename.startswith("content/"):
                chunks.append(chunk)
        out.flush()
        os.fsync(out.fileno())
    if sha is not None and digest.hexdigest() != sha:
        raise ValueError("its checksum does not match the manifest")
    return b"".join(chunks), digest.hexdigest()


@dataclass(frozen=True)
class Checked:
    """What a complete check of a backup found: its counts and the data files found valid."""

    counts: Counts
    validated: frozenset[tuple[str, str]] = frozenset()
    """(name, sha256) of every data file found valid, for a restore that follows a check."""


@dataclass(frozen=True)
class Staged:
    """A backup unpacked and checked in a staging folder, ready to swap in."""

    folder: Path
    checked: Checked


def stage(
    folder: Path,
    backup: Path,
    *,
    unverified: bool = False,
    already: frozenset[tuple[str, str]] = frozenset(),
) -> Staged:
    """Check ``backup`` and unpack it into a new staging folder inside ``folder``.

    Raises InvalidFileError (naming the backup and why) when anything is wrong,
    a missing manifest included unless ``unverified``; the staging folder is
    then removed and the data folder is untouched. A data file whose name and
    sha256 (of the bytes unpacked now) are in ``already`` was found valid by a
    check of this backup moments ago: it is parsed and counted, not validated again.
    """
    staging = folder / f"{STAGING_PREFIX}{os.urandom(4).hex()}"
    make_private_dir(staging)
    try:
        parsed: dict[str, bytes] = {}
        digests: set[tuple[str, str]] = set()
        with open_regular(backup) as handle, zipfile.ZipFile(handle) as archive:
            members, manifest = _members(backup, archive, unverified)
            shas = {f.name: f.sha256 for f in manifest.files} if manifest is not None else {}
            for info in members:
                try:
                    sha = shas.get(info.filename)
                    payload, digest = _unpack(archive, info, staging / info.filename, sha)
                except ValueError as exc:
                    raise _bad(backup, f"{info.filename!r} in it: {exc}") from None
                if not info.filename.startswith("content/"):
                    parsed[info.filename] = payload
                    digests.add((info.filename, digest))
        ensure_private_dir(staging / "reviews")
        skipped = frozenset(name for name, digest in digests & already)
        try:
            counts = check_state(staging, parsed, set(), skipped)
        except InvalidFileError as exc:
            raise _bad(backup, f"{exc.path.relative_to(staging)} in it: {exc.why}") from None
        if manifest is not None and counts != manifest.counts:
            raise _bad(backup, "what it holds does not match the counts in its manifest")
        return Staged(staging, Checked(counts, frozenset(digests)))
    except InvalidFileError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _bad(backup, f"it is not a readable backup ({exc})") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_backup(backup: Path, folder: Path, *, unverified: bool = False) -> Checked:
    """Check ``backup`` completely (unpacking it into a staging folder, removed after).

    Returns its counts and the files found valid (a restore right after passes
    them on: see :func:`stage`). A backup without a manifest is refused unless
    ``unverified``.
    """
    staged = stage(folder, backup, unverified=unverified)
    shutil.rmtree(staged.folder, ignore_errors=True)
    return staged.checked
