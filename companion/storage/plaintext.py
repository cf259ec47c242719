"""Backups taken before private notes were encrypted: find them, name them, remove them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import orjson
from pydantic import ValidationError

from companion.domain.checkins import CheckIn
from companion.domain.private import holds_plaintext
from companion.domain.sessions import Session
from companion.storage.backups import list_backups


def backup_holds_plaintext(backup: Path) -> bool:
    """Return whether ``backup``'s journal holds any private note or comment in the clear.

    An unreadable backup counts as holding plain text: it cannot be shown not to.
    """
    try:
        with zipfile.ZipFile(backup) as archive:
            data = orjson.loads(archive.read("journal.json"))
        sessions = [Session.model_validate(d) for d in data.get("sessions", {}).values()]
        checkins = [CheckIn.model_validate(d) for d in data.get("checkins", {}).values()]
    except (OSError, KeyError, zipfile.BadZipFile, orjson.JSONDecodeError, ValidationError):
        return True
    except AttributeError:
        return True
    return holds_plaintext(sessions, checkins)


def plaintext_backups(folder: Path) -> list[Path]:
    """Return the backups of ``folder`` that still hold private text in the clear, oldest first."""
    return [b for b in list_backups(folder) if backup_holds_plaintext(b)]


def prune_plaintext_backups(folder: Path) -> list[Path]:
    """Delete the backups that hold private text in the clear; return what was deleted."""
    removed = plaintext_backups(folder)
    for backup in removed:
        backup.unlink(missing_ok=True)
    return removed
