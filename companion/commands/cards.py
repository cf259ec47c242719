"""``companion import-cards`` and ``companion export --format anki``."""

from __future__ import annotations

import contextlib
import signal
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from companion.domain.anki import parse_anki
from companion.programme.core import Programme
from companion.storage.atomic import atomic_write
from companion.storage.lock import LockHeldError
from companion.storage.store import DataUnreadableError

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


def import_cards(data: Path, file: str, deck: str | None, audience: str | None) -> int:
    """Import an Anki text export or a CSV/TSV file into the pair's cards."""
    path = Path(file).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(f"companion: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        print(f"{path}:{line}: not UTF-8 text; export it from Anki as UTF-8", file=sys.stderr)
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
            )
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    for line, message in result.problems:
        print(f"{path}:{line}: {message} (skipped)", file=sys.stderr)
    print(result.summary())
    return 130 if result.stopped_at is not None else EXIT_OK


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
    """Write cards (all, or one deck's) as a file Anki imports."""
    programme = Programme(data)
    with suppress(DataUnreadableError):  # no readable journal: the shipped decks alone
        programme.open(readonly=True)
    with programme:
        exported = programme.exports.anki(deck)
    if exported is None:
        print(f"companion: no deck called {deck}", file=sys.stderr)
        return EXIT_PROBLEM
    text, count = exported
    if output:
        atomic_write(Path(output), text.encode("utf-8"))
        print(f"wrote {count} cards to {output}", file=sys.stderr)
    else:
        from companion.commands.data import write_stdout

        write_stdout(text)
    return EXIT_OK
