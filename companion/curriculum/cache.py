"""A cache of the validated curriculum, so start-up skips parsing Markdown and YAML.

The cache is keyed by a fingerprint of every content file (path, size, change
time) plus the app version; any change to the content, or a cache that fails
validation, means a full load. The cache holds only what the loader produced,
and it is validated again by pydantic when read.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from companion import __version__
from companion.curriculum.catalogue import Curriculum
from companion.curriculum.problems import Problem
from companion.domain.cards import Card
from companion.domain.content import Lesson, Module, Origin, PlaybookEntry
from companion.storage.atomic import atomic_write, ensure_private_dir, read_bytes

FORMAT = 1


def fingerprint(roots: Iterable[tuple[Path, Origin]]) -> str:
    """Return a digest of every file under ``roots`` (name, size, change time)."""
    sha = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for root, origin in roots:
        sha.update(f"|{root}|{origin}".encode())
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                stat = path.stat()
                sha.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return sha.hexdigest()


def _dump(models: Iterable[BaseModel]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in models]


def save(cache: Path, key: str, curriculum: Curriculum, problems: list[Problem]) -> None:
    """Write the cache (best effort: a cache that cannot be written is simply skipped)."""
    payload = {
        "key": key,
        "modules": _dump(curriculum.modules.values()),
        "lessons": _dump(curriculum.lessons.values()),
        "cards": _dump(curriculum.cards.values()),
        "playbook": _dump(curriculum.playbook.values()),
        "problems": [[p.path, p.line, p.message] for p in problems],
    }
    with contextlib.suppress(OSError):
        ensure_private_dir(cache.parent)
        atomic_write(cache, orjson.dumps(payload))


def load(cache: Path, key: str) -> tuple[Curriculum, list[Problem]] | None:
    """Return the cached curriculum if the cache matches ``key`` and is valid, else None."""
    try:
        data = orjson.loads(read_bytes(cache))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        curriculum = Curriculum(
            modules={m.id: m for m in (Module.model_validate(x) for x in data["modules"])},
            lessons={x.id: x for x in (Lesson.model_validate(y) for y in data["lessons"])},
            cards={c.id: c for c in (Card.model_validate(x) for x in data["cards"])},
            playbook={p.id: p for p in (PlaybookEntry.model_validate(x) for x in data["playbook"])},
        )
        problems = [Problem(str(p), int(n), str(m)) for p, n, m in data["problems"]]
    except (OSError, orjson.JSONDecodeError, ValidationError, KeyError, TypeError, ValueError):
        return None
    return curriculum, problems
