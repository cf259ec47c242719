"""``companion`` with no command: open the data folder and run the app."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.storage.lock import LockHeldError
from companion.storage.store import Store

EXIT_OK, EXIT_LOCKED = 0, 3


def run_app(data: Path) -> int:
    """Open ``data`` (refusing a second instance with exit code 3) and run the app on it."""
    try:
        store = Store.open(data)
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    from companion.app import CompanionApp

    try:
        CompanionApp(store).run()
    finally:
        store.close()
    return EXIT_OK
