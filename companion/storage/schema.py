"""What each data file holds, its schema version, validation and migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from companion.domain.cards import Card, CardState, ReviewLog
from companion.domain.checkins import CheckIn
from companion.domain.closing import KeepDoing
from companion.domain.errors import describe
from companion.domain.expectations import ExpectationEntry
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.plan import Pause, Reschedule
from companion.domain.private import PersonVault
from companion.domain.progress import LessonMark
from companion.domain.sessions import ActionItem, Session
from companion.domain.settings import Settings
from companion.domain.skills import SkillRound
from companion.domain.wins import Win
from companion.storage.atomic import DATA_FILE, MAX_DATA_FILE, FileTooLargeError, read_bytes
from companion.storage.quarantine import Rejected

SCHEMA_VERSION = 1
"""The schema version this code writes; files with a newer one are not read."""

META = "meta"
"""The table holding ``{"schema": N}`` in every file."""

TABLES: dict[str, dict[str, type[BaseModel]]] = {
    "journal": {
        "pair": Pair,
        "settings": Settings,
        "goals": Goal,
        "sessions": Session,
        "actions": ActionItem,
        "checkins": CheckIn,
        "log": LogEntry,
        "progress": LessonMark,
        "private": PersonVault,
        "skills": SkillRound,
        "expectations": ExpectationEntry,
        "wins": Win,
        "pauses": Pause,
        "reschedules": Reschedule,
        "closing": KeepDoing,
    },
    "cards": {"cards": Card, "states": CardState},
    "reviews": {"reviews": ReviewLog},
}
"""For each kind of file, its tables and the model of their documents.

A table missing from a file reads as empty, so adding a table needs no migration."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[str, dict[int, Migration]] = {"journal": {}, "cards": {}, "reviews": {}}
"""``MIGRATIONS[kind][n]`` turns a file of schema ``n`` into schema ``n + 1``."""


class InvalidFileError(Exception):
    """A data file that cannot be used as it is: not JSON, wrong shape, or invalid records."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path.name}: {why}")
        self.path = path
        self.why = why


def kind_of(path: Path) -> str:
    """Return the kind of data file (journal, cards or reviews) from its path."""
    if path.parent.name == "reviews":
        return "reviews"
    return path.stem


def empty(kind: str) -> dict[str, Any]:
    """Return the content of a new, empty file of ``kind``."""
    data: dict[str, Any] = {name: {} for name in TABLES[kind]}
    data[META] = {"1": {"schema": SCHEMA_VERSION}}
    return data


def schema_of(data: dict[str, Any]) -> int | None:
    """Return the schema version recorded in ``data``, or None when there is none."""
    meta = data.get(META)
    if not isinstance(meta, dict):
        return None
    for doc in meta.values():
        if isinstance(doc, dict) and isinstance(doc.get("schema"), int):
            return int(doc["schema"])
    return None


def read_data(path: Path) -> bytes:
    """Read the data file ``path``; InvalidFileError, before any of it is read, when too large.

    See :data:`~companion.storage.atomic.MAX_DATA_FILE`.
    """
    try:
        return read_bytes(path, MAX_DATA_FILE, DATA_FILE)
    except FileTooLargeError as exc:
        raise InvalidFileError(path, exc.strerror or str(exc)) from None


def parse(path: Path) -> dict[str, Any]:
    """Read and parse a data file; raise InvalidFileError when it is not a JSON object.

    A file over :data:`~companion.storage.atomic.MAX_DATA_FILE` is refused by its size.
    """
    raw = read_data(path)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        what = "it is empty" if not raw.strip() else f"it is not valid JSON ({exc})"
        raise InvalidFileError(path, what) from None
    if not isinstance(data, dict):
        raise InvalidFileError(path, "it does not hold a set of tables")
    return data


def migrate(kind: str, data: dict[str, Any], path: Path) -> tuple[dict[str, Any], bool]:
    """Bring ``data`` to the current schema; return it and whether anything changed."""
    version = schema_of(data)
    if version is None:
        raise InvalidFileError(path, "it has no schema version")
    if version > SCHEMA_VERSION:
        raise InvalidFileError(
            path,
            f"it was written with schema {version} by a newer Companion; "
            f"this one reads up to schema {SCHEMA_VERSION}",
        )
    if version < 1:
        raise InvalidFileError(path, f"schema {version} is not a known version")
    changed = False
    while version < SCHEMA_VERSION:
        step = MIGRATIONS[kind].get(version)
        if step is None:
            raise InvalidFileError(path, f"no migration from schema {version}")
        data = step(data)
        version += 1
        data[META] = {"1": {"schema": version}}
        changed = True
    return data, changed


Validated = dict[str, dict[str, BaseModel]]
"""Validated records: table name -> TinyDB document id -> model."""


def check_shape(kind: str, data: dict[str, Any], path: Path) -> None:
    """Raise InvalidFileError unless ``data`` has only known tables, each a set of records."""
    for name, table in data.items():
        if name != META and name not in TABLES[kind]:
            raise InvalidFileError(path, f"unknown table '{name}'")
        if not isinstance(table, dict):
            raise InvalidFileError(path, f"table '{name}' is not a set of records")


def _problem(exc: ValidationError) -> str:
    first = describe(exc)[0]
    more = exc.error_count() - 1
    return first + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")


def sort_records(kind: str, data: dict[str, Any], path: Path) -> tuple[Validated, list[Rejected]]:
    """Check every record of ``data`` against its model; return the models and the rejects.

    The file's shape is checked first (InvalidFileError when it is wrong). A
    record that fails validation is taken out of ``data`` and returned as a
    :class:`Rejected` with the reason, so one bad record never costs the file.
    """
    check_shape(kind, data, path)
    validated: Validated = {}
    rejected: list[Rejected] = []
    for name, model in TABLES[kind].items():
        table: dict[str, Any] = data.get(name, {})
        records: dict[str, BaseModel] = {}
        for doc_id, doc in list(table.items()):
            why: str | None = None
            if not doc_id.isdigit():
                why = f"its key '{doc_id[:40]}' is not a record number"
            else:
                try:
                    records[doc_id] = model.model_validate(doc)
                except ValidationError as exc:
                    why = _problem(exc)
            if why is not None:
                rejected.append(Rejected(name, doc_id, why, doc))
                del table[doc_id]
        validated[name] = records
    return validated, rejected


def validate(kind: str, data: dict[str, Any], path: Path) -> Validated:
    """Check every record of ``data``; raise InvalidFileError naming the first bad one.

    For files that must be whole (a backup being checked); ``data`` is not changed.
    """
    copy = {name: dict(table) if isinstance(table, dict) else table for name, table in data.items()}
    validated, rejected = sort_records(kind, copy, path)
    if rejected:
        first = rejected[0]
        raise InvalidFileError(
            path, f"table '{first.table}', record {first.doc_id}: {first.reason}"
        )
    return validated
