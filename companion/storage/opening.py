"""What one writable open of the data folder found, and the backup it takes.

A damaged file is moved aside (named, with the best backup to offer); records
that fail validation are set aside one by one into ``quarantine.json``; a state
that loads is backed up, and one that does not is never backed up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from companion.storage.atomic import atomic_write
from companion.storage.backups import best_backup, take_backup
from companion.storage.quarantine import Quarantine, Rejected, SetAsideRecord
from companion.storage.recovery import Recovered, move_aside
from companion.storage.schema import (
    InvalidFileError,
    Validated,
    empty,
    kind_of,
    migrate,
    parse,
    sort_records,
)


@dataclass
class Loaded:
    """A data file as loaded: its data, whether it changed, its valid and rejected records."""

    path: Path
    data: dict[str, Any]
    changed: bool
    validated: Validated = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)


def load_file(path: Path) -> Loaded:
    """Load and migrate ``path`` (empty when missing), sorting its valid and bad records."""
    kind = kind_of(path)
    if not path.exists():
        return Loaded(path, empty(kind), True)
    data, changed = migrate(kind, parse(path), path)
    validated, rejected = sort_records(kind, data, path)
    return Loaded(path, data, changed or bool(rejected), validated, rejected)


def relative(folder: Path, path: Path) -> str:
    """Return ``path``'s name inside ``folder`` with forward slashes (``reviews/2026.json``)."""
    return path.relative_to(folder).as_posix()


@dataclass
class Opening:
    """What one writable open found: files moved aside and records set aside."""

    folder: Path
    recovered: list[Recovered] = field(default_factory=list)
    set_aside: list[SetAsideRecord] = field(default_factory=list)

    def _move_aside(self, path: Path, exc: InvalidFileError) -> Loaded:
        moved = move_aside(path)
        self.recovered.append(Recovered(path, moved, exc.why, best_backup(self.folder)))
        Quarantine(self.folder).add_file(
            relative(self.folder, path), relative(self.folder, moved), exc.why
        )
        return Loaded(path, empty(kind_of(path)), True)

    def load(self, path: Path) -> Loaded:
        """Load ``path``: move it aside if damaged, keep its bad records in quarantine."""
        try:
            item = load_file(path)
        except InvalidFileError as exc:
            return self._move_aside(path, exc)
        if item.rejected:
            # Kept in quarantine.json before the file is rewritten without them.
            try:
                kept = Quarantine(self.folder).add_records(
                    relative(self.folder, path), item.rejected
                )
            except orjson.JSONEncodeError:
                # A record too deeply nested to keep on its own: keep the whole file instead.
                why = "a record in it is nested too deeply to read"
                return self._move_aside(path, InvalidFileError(path, why))
            self.set_aside.extend(kept)
        return item


def backup_on_open(opening: Opening) -> tuple[Path | None, list[str]]:
    """Back up a changed state that loads; a damaged file is set aside, a full disk skips it."""
    if opening.recovered or opening.set_aside:
        return None, []  # a backup now would become "the latest" and hide the good one
    try:
        opened = frozenset({"journal.json", "cards.json"})  # validated just now by the open
        return take_backup(opening.folder, only_if_changed=True, checked=opened), []
    except InvalidFileError as exc:
        # A review year that does not load: set its bad records (or the file) aside now.
        item = opening.load(exc.path)
        if item.changed and exc.path.exists():
            atomic_write(item.path, orjson.dumps(item.data))
        return None, []
    except OSError as exc:
        why = exc.strerror or str(exc)
        return None, [f"No backup was taken when Companion opened: {why} ({exc.filename})."]
