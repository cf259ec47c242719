"""``companion import-cards`` and ``companion export --format anki``."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.domain.anki import parse_anki, write_anki
from companion.domain.card_import import export_cards, plan_import, slug
from companion.storage.atomic import atomic_write
from companion.storage.lock import LockHeldError
from companion.storage.store import DataUnreadableError, Store

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


def import_cards(data: Path, file: str, deck: str | None, audience: str | None) -> int:
    """Import an Anki text export or a CSV/TSV file into the pair's cards."""
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
    for line, message in parsed.problems:
        print(f"{path}:{line}: {message} (skipped)", file=sys.stderr)
    try:
        with Store.open(data) as store:
            curriculum, _ = load_for(data / "content")
            existing = {**curriculum.cards, **{c.id: c for c in store.cards.cards()}}
            plan = plan_import(parsed.rows, existing, deck=deck, audience=audience)  # type: ignore[arg-type]
            for card in plan.cards:
                store.cards.put_card(card)
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(f"added {plan.added}, updated {plan.updated}, skipped {len(parsed.problems)}")
    return EXIT_OK


def export_anki(data: Path, deck: str | None, output: str | None) -> int:
    """Write cards (all, or one deck's) as a file Anki imports."""
    from companion.curriculum.sources import load_for

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
    if output:
        atomic_write(Path(output), text.encode("utf-8"))
        print(f"wrote {len(cards)} cards to {output}", file=sys.stderr)
    else:
        from companion.commands.data import write_stdout

        write_stdout(text)
    return EXIT_OK
