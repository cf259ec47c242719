"""Turning imported rows into cards: new ones are added, known terms are updated in place."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from companion.domain.anki import AnkiRow, ExportCard, companion_deck
from companion.domain.base import Role
from companion.domain.cards import Card, CardSource


def slug(text: str, fallback: str = "card") -> str:
    """Return ``text`` as a kebab-case id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or fallback


@dataclass
class ImportPlan:
    """The cards to store and how many were added or updated."""

    cards: list[Card] = field(default_factory=list)
    added: int = 0
    updated: int = 0


def plan_import(
    rows: Sequence[AnkiRow],
    existing: Mapping[str, Card],
    *,
    deck: str | None = None,
    audience: Role | None = None,
) -> ImportPlan:
    """Match each row to a card (by guid, then by term) and return what to store.

    An updated card keeps its id, so its review history stays with it; its
    audience only changes when ``audience`` is given. New cards go to ``deck``
    (or the row's own deck, or ``imported``) for ``audience`` (default: the senior).
    """
    plan = ImportPlan()
    by_term: dict[str, list[Card]] = {}
    for card in existing.values():
        by_term.setdefault(card.term.strip().lower(), []).append(card)
    taken = set(existing)
    by_guid = {card.guid: card for card in existing.values() if card.guid}
    for row in rows:
        target_deck = slug(deck or companion_deck(row.deck) or "imported", "imported")
        match = (by_guid.get(row.guid) or existing.get(row.guid)) if row.guid else None
        if match is None:
            same = by_term.get(row.term.strip().lower(), [])
            match = next((c for c in same if c.deck == target_deck), same[0] if same else None)
        if match is not None:
            card = match.model_copy(
                update={
                    "term": row.term,
                    "definition": row.definition,
                    "example": row.example or match.example,
                    "tags": list(row.tags) or match.tags,
                    "audience": audience or match.audience,
                    "guid": match.guid if row.guid in ("", match.id) else row.guid,
                }
            )
            plan.updated += 1
        else:
            new_id = (
                row.guid
                if row.guid and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row.guid)
                else slug(row.term)
            )
            base, number = new_id, 2
            while new_id in taken:
                new_id, number = f"{base}-{number}", number + 1
            card = Card(
                id=new_id,
                term=row.term,
                definition=row.definition,
                example=row.example,
                tags=list(row.tags),
                deck=target_deck,
                audience=audience or "mentee",
                source=CardSource(kind="import"),
                guid="" if row.guid == new_id else row.guid,
            )
            plan.added += 1
        taken.add(card.id)
        if card.guid:
            by_guid[card.guid] = card
        by_term.setdefault(card.term.strip().lower(), []).insert(0, card)
        plan.cards.append(card)
    return plan


def export_cards(cards: Sequence[Card]) -> list[ExportCard]:
    """Return cards in the form the Anki writer takes (an imported guid, else the card id)."""
    return [
        ExportCard(c.anki_guid, c.term, c.definition, c.example, tuple(c.tags), c.deck)
        for c in cards
    ]
