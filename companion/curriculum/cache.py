"""A cache of the validated curriculum, so start-up skips parsing Markdown and YAML.

The cache is keyed by a fingerprint of every content file (its path and
stamp: size, change times, inode) plus the app version; any change to the
content, or a cache that fails validation, means a load, which reads only the
files that changed (see :mod:`companion.curriculum.kept_files`). The cache
holds only what the loader produced, and it is validated again by pydantic
when read: the whole file in one call (``model_validate_json``), after a look
at its first bytes for the key, so a start-up does no work per lesson in Python.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from companion import __version__
from companion.curriculum.catalogue import Curriculum
from companion.curriculum.problems import Problem
from companion.domain.cards import Card
from companion.domain.content import Lesson, Module, Origin, PlaybookEntry
from companion.storage.atomic import atomic_write, ensure_private_dir, read_bytes, refuse_symlink

FORMAT = 4
VERSION = f"{FORMAT}:{__version__}"
"""The cache format and app version: what either cache file was written by.

4: a body now begins after the line markdown-it closes the front matter at, with
lines counted as markdown-it counts them (a cache of 3 may hold a body read otherwise).
"""


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


class _Cached(BaseModel):
    """The cache file: the key it was written under, then everything the loader produced."""

    key: str
    modules: dict[str, Module]
    lessons: dict[str, Lesson]
    cards: dict[str, Card]
    playbook: dict[str, PlaybookEntry]
    problems: list[tuple[str, int, str]]


def _dump(models: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {key: model.model_dump(mode="json") for key, model in models.items()}


def save(cache: Path, key: str, curriculum: Curriculum, problems: list[Problem]) -> None:
    """Write the cache (best effort: a cache that cannot be written is simply skipped).

    Never through a link: a symlinked cache folder or file is left alone (no cache then).
    """
    payload = {
        "key": key,
        "modules": _dump(curriculum.modules),
        "lessons": _dump(curriculum.lessons),
        "cards": _dump(curriculum.cards),
        "playbook": _dump(curriculum.playbook),
        "problems": [[p.path, p.line, p.message] for p in problems],
    }
    with contextlib.suppress(OSError):
        ensure_private_dir(cache.parent)
        atomic_write(cache, orjson.dumps(payload))


def load(cache: Path, key: str) -> tuple[Curriculum, list[Problem]] | None:
    """Return the cached curriculum if the cache matches ``key`` and is valid, else None.

    A cache folder or file that is a symlink counts as no cache: its target is never read.
    """
    try:
        refuse_symlink(cache.parent)  # O_NOFOLLOW below guards only the file's own name
        raw = read_bytes(cache)
        # The key is written first: a stale cache is told apart without parsing it.
        if not raw.startswith(b'{"key":' + orjson.dumps(key) + b","):
            return None
        data = _Cached.model_validate_json(raw)
    except (OSError, ValidationError):
        return None
    tables: list[dict[str, Any]] = [data.modules, data.lessons, data.cards, data.playbook]
    if any(item_id != item.id for table in tables for item_id, item in table.items()):
        return None
    curriculum = Curriculum(
        modules=data.modules, lessons=data.lessons, cards=data.cards, playbook=data.playbook
    )
    return curriculum, [Problem(path, line, message) for path, line, message in data.problems]
