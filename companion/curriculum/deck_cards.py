"""The glossary decks' cards alone, for a card import that needs no lessons.

An import only matches rows against the known cards (shipped decks, the
pair's own decks, their stored cards), so it need not parse every lesson, nor
track the line of every YAML value: the decks are read with libyaml when it is
there, data only; as in the full loader, a user's card replaces a shipped card
with the same id. Anything unusual (a deck that does not parse or validate, an
id defined twice in one content folder) returns None, and the caller loads the full curriculum,
which names the problem with its file and line.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from companion.curriculum.files import ContentError, read_text
from companion.curriculum.sources import content_roots, refused_roots
from companion.domain.cards import Card
from companion.domain.content import DeckEntry, DeckHeader

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _deck_files(root: Path) -> list[Path]:
    """The deck files under ``root``, as the full loader finds them (OSError for a symlink)."""
    glossary = root / "glossary"
    if glossary.is_symlink():
        raise OSError(f"{glossary} is a symbolic link")
    if not glossary.is_dir():
        return []
    return sorted([*glossary.glob("*.yaml"), *glossary.glob("*.yml")])


def deck_cards(user_dir: Path | None) -> dict[str, Card] | None:
    """Return every deck card by id (shipped first, then ``user_dir``'s), or None on a problem."""
    if refused_roots(user_dir):  # a symlinked content/: the full load names it
        return None
    cards: dict[str, Card] = {}
    try:
        for root, origin in content_roots(user_dir):
            seen: set[str] = set()  # a user's card replaces a shipped one with its id
            for path in _deck_files(root):
                data = yaml.load(read_text(path), Loader=_LOADER)
                header = DeckHeader.model_validate(data)
                for raw in header.cards:
                    entry = DeckEntry.model_validate(raw)
                    if entry.id in seen:
                        return None
                    seen.add(entry.id)
                    cards[entry.id] = entry.to_card(header.deck, origin)
    except (ContentError, OSError, yaml.YAMLError, ValidationError, RecursionError):
        return None
    return cards
