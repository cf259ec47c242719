"""``companion import-cards`` and ``companion export --format anki``."""

from __future__ import annotations

import contextlib
import signal
import sys
from pathlib import Path
from typing import Any

from companion.domain.anki import parse_anki, write_anki
from companion.domain.card_import import ShippedChange, export_cards, slug, stream_import
from companion.storage.lock import LockHeldError
from companion.storage.store import DataUnreadableError, Store

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
    from companion.curriculum.sources import load_for

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
        with Store.open(data) as store, stop:
            # The app's cache of the curriculum: parsing the shipped decks is most of the cost.
            curriculum, _ = load_for(data / "content", cache=data / ".cache" / "curriculum.json")
            existing = {**curriculum.cards, **{c.id: c for c in store.cards.cards()}}
            report = stream_import(
                parsed.rows,
                existing,
                store.cards.put_cards,
                deck=deck,
                audience=audience,  # type: ignore[arg-type]
                should_stop=stop.requested,
                problems=parsed.problems,
                update_shipped=update_shipped,
            )
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    for line, message in report.problems:
        print(f"{path}:{line}: {message} (skipped)", file=sys.stderr)
    _print_shipped_changes(path, report.shipped_changes, update_shipped)
    print(report.summary())
    return 130 if report.stopped_at is not None else EXIT_OK


def _print_shipped_changes(path: Path, changes: list[ShippedChange], applied: bool) -> None:
    """List the shipped definitions an import changed, or kept because it was not asked to."""
    what = "replaced" if applied else "kept; --update-shipped replaces it"
    for change in changes[:SHOWN_CHANGES]:
        print(
            f"{path}:{change.line}: shipped card {change.describe()} ({what})",
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
    from companion.curriculum.sources import load_for
    from companion.storage.output import check_output_path, is_stdout, write_output

    if not is_stdout(output):
        check_output_path(Path(str(output)))

    try:
        store = Store.open(data, readonly=True)
        own = store.cards.cards()
    except DataUnreadableError:
        own = []
    curriculum, _ = load_for(data / "content")
    cards = list({**curriculum.cards, **{c.id: c for c in own}}.values())
    if deck:
        cards = [c for c in cards if c.deck == slug(deck)]
        if not cards:
            print(f"companion: no deck called {deck}", file=sys.stderr)
            return EXIT_PROBLEM
    text = write_anki(export_cards(cards), deck)
    if not is_stdout(output):
        write_output(Path(str(output)), text.encode("utf-8"))
        print(f"wrote {len(cards)} cards to {output}", file=sys.stderr)
    else:
        from companion.commands.data import write_stdout

        write_stdout(text)
    return EXIT_OK
