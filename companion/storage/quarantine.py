"""Records and files set aside on open: ``quarantine.json`` in the data folder.

One bad record costs that record, not its file: it is taken out of the file it
was in and kept here, raw, with the reason, the file and the table, so nothing
is lost and it can be mended by hand. A whole file is set aside (renamed, see
:mod:`companion.storage.recovery`) only when it is not JSON or not the right
shape; those files are listed here too, so the folder stays in a "restore
first" state across opens until a restore brings the data back or the person
confirms a fresh start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, Field, ValidationError

from companion.storage.atomic import (
    MAX_DATA_FILE,
    FileTooLargeError,
    SymlinkRefusedError,
    atomic_write,
    read_bytes,
)

QUARANTINE_NAME = "quarantine.json"
"""The file, in the data folder, holding what was set aside."""

NOUNS: dict[str, tuple[str, str]] = {
    "pair": ("pair record", "pair records"),
    "settings": ("settings record", "settings records"),
    "goals": ("goal", "goals"),
    "sessions": ("session", "sessions"),
    "actions": ("action item", "action items"),
    "checkins": ("check-in", "check-ins"),
    "log": ("log entry", "log entries"),
    "progress": ("lesson mark", "lesson marks"),
    "cards": ("card", "cards"),
    "states": ("card's review state", "cards' review states"),
    "reviews": ("review", "reviews"),
    "private": ("person's private notes", "people's private notes"),
    "skills": ("skills rating", "skills ratings"),
    "expectations": ("expectation", "expectations"),
    "wins": ("win", "wins"),
    "pauses": ("pause", "pauses"),
    "reschedules": ("reschedule", "reschedules"),
    "closing": ("closing note", "closing notes"),
}
"""How a person calls one record, and several, of each table."""


class SetAsideRecord(BaseModel):
    """One record that failed validation, kept raw with why and where it was."""

    file: str
    """The data file it came from, relative to the data folder (``reviews/2025.json``)."""
    table: str
    """The table it was in."""
    doc_id: str
    """Its key in that table."""
    reason: str
    """Why it could not be read."""
    raw: Any = None
    """The record exactly as it was stored."""
    at: datetime
    """When it was set aside (UTC)."""


class SetAsideFile(BaseModel):
    """A whole data file moved aside because it was not JSON or not the right shape."""

    file: str
    """The data file, relative to the data folder."""
    moved_to: str
    """Where the damaged file is now, relative to the data folder."""
    reason: str
    """Why it could not be read."""
    at: datetime
    """When it was moved aside (UTC)."""
    accepted: bool = False
    """True once the person chose to start that file afresh instead of restoring."""


class QuarantineFile(BaseModel):
    """The content of ``quarantine.json``."""

    records: list[SetAsideRecord] = Field(default_factory=list)
    files: list[SetAsideFile] = Field(default_factory=list)


@dataclass(frozen=True)
class Rejected:
    """A record that failed validation while a file was read."""

    table: str
    doc_id: str
    reason: str
    raw: Any


def noun(table: str, count: int) -> str:
    """Return ``count`` records of ``table`` in words ("1 session", "3 log entries")."""
    one, many = NOUNS.get(table, ("record", "records"))
    return f"{count} {one if count == 1 else many}"


def summary(table: str, rejected: list[SetAsideRecord]) -> str:
    """Return the sentence shown for the records of one table set aside on open.

    For example "1 session could not be read and was set aside (journal.json,
    record 7): date: dates must be between 1970 and 2100. It is kept in …".
    """
    count = len(rejected)
    verb = "was" if count == 1 else "were"
    first = rejected[0]
    where = f"{first.file}, record {first.doc_id}"
    text = f"{noun(table, count)} could not be read and {verb} set aside ({where}): {first.reason}"
    if count > 1:
        text += f" (and {count - 1} more)"
    kept = "It is" if count == 1 else "They are"
    return text + f". {kept} kept in {QUARANTINE_NAME}; nothing was deleted."


class Quarantine:
    """Reads and appends to ``quarantine.json`` (atomic writes, mode 0600)."""

    def __init__(self, folder: Path) -> None:
        """Serve the quarantine file of the data folder ``folder``."""
        self.path = folder / QUARANTINE_NAME

    def _raw(self) -> bytes | None:
        """Return the file's bytes, None when there is none; never read through a symlink.

        A symlink at ``quarantine.json`` raises ``SymlinkRefusedError`` (naming it);
        a file over ``MAX_DATA_FILE`` raises ``FileTooLargeError`` before it is read.
        """
        try:
            return read_bytes(self.path, MAX_DATA_FILE, "the file of records set aside")
        except FileNotFoundError:
            return None

    def read(self) -> QuarantineFile:
        """Return what was set aside so far; a missing or unreadable file reads as empty.

        An unreadable quarantine file is never overwritten: it is moved aside
        first, by :meth:`write`. A symlink is refused (``SymlinkRefusedError``),
        its target never read.
        """
        try:
            raw = self._raw()
        except SymlinkRefusedError:
            raise
        except OSError:
            return QuarantineFile()
        if raw is None:
            return QuarantineFile()
        try:
            return QuarantineFile.model_validate(orjson.loads(raw))
        except (orjson.JSONDecodeError, ValidationError):
            return QuarantineFile()

    def _write(self, content: QuarantineFile) -> None:
        try:
            raw = self._raw()
            if raw is not None:
                QuarantineFile.model_validate(orjson.loads(raw))
        except (orjson.JSONDecodeError, ValidationError, FileTooLargeError):
            from companion.storage.recovery import move_aside

            move_aside(self.path)
        atomic_write(self.path, orjson.dumps(content.model_dump(mode="json")))

    def add_records(self, file: str, rejected: list[Rejected]) -> list[SetAsideRecord]:
        """Keep ``rejected`` records of ``file``; return them as stored.

        A record already kept (same file, table, key and content, as after a
        crash between keeping it and rewriting its file) is not kept twice.
        """
        content = self.read()
        now = datetime.now(UTC)
        seen = {(r.file, r.table, r.doc_id, orjson.dumps(r.raw)) for r in content.records}
        added: list[SetAsideRecord] = []
        for item in rejected:
            record = SetAsideRecord(
                file=file,
                table=item.table,
                doc_id=item.doc_id,
                reason=item.reason,
                raw=item.raw,
                at=now,
            )
            added.append(record)
            if (file, item.table, item.doc_id, orjson.dumps(item.raw)) not in seen:
                content.records.append(record)
        self._write(content)
        return added

    def add_file(self, file: str, moved_to: str, reason: str) -> None:
        """Note that the data file ``file`` was moved aside to ``moved_to``."""
        content = self.read()
        content.files.append(
            SetAsideFile(file=file, moved_to=moved_to, reason=reason, at=datetime.now(UTC))
        )
        self._write(content)

    def pending_files(self) -> list[SetAsideFile]:
        """Return the files moved aside for which no fresh start was confirmed."""
        return [f for f in self.read().files if not f.accepted]

    def accept(self, files: set[str]) -> None:
        """Mark the moved-aside entries of ``files`` as settled (a fresh start was chosen)."""
        content = self.read()
        for item in content.files:
            if item.file in files:
                item.accepted = True
        self._write(content)
