"""``companion import-cards`` and ``companion export --format anki``."""

from __future__ import annotations

import contextlib
import signal
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from companion.domain.anki import parse_anki
from companion.domain.card_import import ShippedChange
from companion.formatting import plural, visible
from companion.programme.core import Programme
from companion.programme.import_source import ImportFileError, read_import
from companion.storage.lock import LockHeldError
from companion.storage.output import check_output_path, is_stdout, write_output
from companion.storage.store import DataUnreadableError

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


SHOWN_CHANGES = 20
"""Shipped-card changes listed one by one; more are counted."""


def import_cards(
    data: Path, file: str, deck: str | None, audience: str | None, *, update_shipped: bool = False
) -> int:
    """Import an Anki text export or a CSV/TSV file into the pair's cards.

    Rows that would change a shipped card's definition are listed (old → new)
    and kept out unless ``update_shipped``.
    """
    path = Path(file).expanduser()
    try:
        text = read_import(path)
    except ImportFileError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    parsed = parse_anki(text, path.name)
    stop = _StopOnInterrupt()
    try:
        with Programme.opened(data) as programme, stop:
            result = programme.cards.import_parsed(
                parsed,
                deck=deck,
                audience=audience,  # type: ignore[arg-type]
                should_stop=stop.requested,
                update_shipped=update_shipped,
            )
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    for line, message in result.problems:  # one line each; user text never drives the terminal
        print(f"{path}:{line}: {visible(message, keep_lines=False)} (skipped)", file=sys.stderr)
    _print_shipped_changes(path, result.shipped_changes, update_shipped)
    print(result.summary())
    return 130 if result.stopped_at is not None else EXIT_OK


def _print_shipped_changes(path: Path, changes: list[ShippedChange], applied: bool) -> None:
    """List the shipped definitions an import changed, or kept because it was not asked to."""
    what = "replaced" if applied else "kept; --update-shipped replaces it"
    for change in changes[:SHOWN_CHANGES]:
        print(
            f"{path}:{change.line}: shipped card {visible(change.describe(), keep_lines=False)}"
            f" ({what})",
            file=sys.stderr,
        )
    if len(changes) > SHOWN_CHANGES:
        print(f"... and {len(changes) - SHOWN_CHANGES} more shipped cards", file=sys.stderr)


class _StopOnInterrupt:
    """While active, Ctrl+C asks the import to stop after the current batch."""

    def __init__(self) -> None:
        self._asked = False
        self._previous: Any = None

    def requested(self) -> bool:
        """Return True once Ctrl+C was pressed."""
        return self._asked

    def _handler(self, _signum: int, _frame: object) -> None:
        self._asked = True

    def __enter__(self) -> _StopOnInterrupt:
        with contextlib.suppress(ValueError):  # not the main thread: no signal handling
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *_: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def export_anki(data: Path, deck: str | None, output: str | None) -> int:
    """Write cards (all, or one deck's) as a file Anki imports (``-`` or nothing: stdout)."""
    if not is_stdout(output):
        check_output_path(Path(str(output)))
    programme = Programme(data)
    with suppress(DataUnreadableError):  # no readable journal: the shipped decks alone
        programme.open(readonly=True)
    with programme:
        exported = programme.exports.anki(deck)
    if exported is None:
        print(f"companion: no deck called {deck}", file=sys.stderr)
        return EXIT_PROBLEM
    text, count = exported
    if not is_stdout(output):
        write_output(Path(str(output)), text.encode("utf-8"))
        print(f"wrote {plural(count, 'card')} to {output}", file=sys.stderr)
    else:
        from companion.commands.data import write_stdout

        write_stdout(text)
    return EXIT_OK
