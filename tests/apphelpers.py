"""Helpers for app tests: fixed clock, demo data, and the app factory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from companion.cli import make_app
from companion.commands.demo import write_sample
from companion.programme.core import Programme
from companion.storage.store import Store
from tests.privacyhelpers import CHEAP

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def demo_folder(folder: Path) -> Path:
    """Write the demo pair as it stands on TODAY into ``folder``."""
    write_sample(folder, today=TODAY, cost=CHEAP)
    return folder


def app_on(folder: Path):
    """Return the app on ``folder`` with the clock pinned to NOW."""
    return make_app(folder, now=NOW)


def over(data: Path, store: Store) -> Programme:
    """Return a Programme over ``store``, already open on ``data`` (for export tests)."""
    programme = Programme(data)
    programme._store = store
    return programme
