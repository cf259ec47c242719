"""No silent duplicates: finding the card that already has a term.

"Add card" and Ctrl+G (capture a term in a session) call :func:`find_same_term`
before making a card; when it finds one they offer to open it instead
(:func:`same_term_message`). Terms match whatever their case and spacing.
"""

from __future__ import annotations

from collections.abc import Iterable

from companion.domain.cards import Card


def term_key(term: str) -> str:
    """Return the form terms are compared in: spaces collapsed, case folded."""
    return " ".join(term.split()).casefold()


def find_same_term(
    term: str,
    cards: Iterable[Card],
    *,
    deck: str | None = None,
    exclude_id: str | None = None,
) -> Card | None:
    """Return a card (shipped or own) whose term matches ``term``, or None.

    A card in ``deck`` is preferred when there are several; ``exclude_id`` is
    the card being edited, which never matches itself.
    """
    key = term_key(term)
    if not key:
        return None
    found: Card | None = None
    for card in cards:
        if card.id == exclude_id or term_key(card.term) != key:
            continue
        if deck is None or card.deck == deck:
            return card
        found = found or card
    return found


def same_term_message(card: Card) -> str:
    """Return the sentence offering to open ``card`` instead of making a second one."""
    where = (
        f"the shipped deck “{card.deck}”"
        if card.source.kind == "shipped"
        else f"the deck “{card.deck}”"
    )
    return f"“{card.term}” is already a card, in {where}. Open it instead?"
