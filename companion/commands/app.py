"""``companion`` with no command: open the data folder and run the app."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.storage.lock import LockHeldError

EXIT_OK, EXIT_LOCKED = 0, 3


def run_app(data: Path) -> int:
    """Open ``data`` (refusing a second instance with exit code 3) and run the app on it."""
    from companion.cli import make_app

    try:
        app = make_app(data)
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    app.run()
    error = getattr(app, "_exception", None)
    if error is not None:
        from companion.crash import handle

        return handle(error, data, sys.argv)
    return EXIT_OK
