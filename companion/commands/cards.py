"""``companion import-cards`` and ``companion export --format anki``."""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path

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
    for line, message in parsed.problems:
        print(f"{path}:{line}: {message} (skipped)", file=sys.stderr)
    try:
        with Programme.opened(data) as programme:
            result = programme.cards.import_parsed(parsed, deck=deck, audience=audience)  # type: ignore[arg-type]
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(f"added {result.added}, updated {result.updated}, skipped {len(parsed.problems)}")
    return EXIT_OK


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
        sys.stdout.write(text)
    return EXIT_OK
