"""Add or edit a glossary card."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label, Select

from companion.dialogs.forms import AUDIENCES, FormDialog
from companion.dialogs.same_term import SameTermCheck
from companion.domain.cards import Card
from companion.widgets.form import FormField


class CardEditDialog(SameTermCheck, FormDialog):
    """Term and definition are required; the deck defaults to the pair's own.

    A new card whose term is already a card (shipped or own) offers to open that
    one instead: it answers ``{"open": card_id}``.
    """

    def __init__(self, card: Card | None, cards: Iterable[Card] | None = None) -> None:
        """Edit ``card``, or add a new one checked against ``cards``."""
        super().__init__()
        self.card = card
        self.know_cards(cards, card)
        self.TITLE_TEXT = "Edit card" if card else "New card"

    def compose_fields(self) -> ComposeResult:
        """The card's fields."""
        c = self.card
        yield FormField("Term", "term", c.term if c else "", max_length=120)
        yield FormField(
            "Definition (one or two sentences)",
            "definition",
            c.definition if c else "",
            max_length=600,
        )
        yield FormField("Example of its use", "example", c.example if c else "", max_length=600)
        yield FormField(
            "Tags, separated by spaces", "tags", " ".join(c.tags) if c else "", max_length=200
        )
        yield FormField("Deck", "deck", c.deck if c else "our-terms", max_length=60)
        yield Label("Who is it for")
        yield Select(
            AUDIENCES,
            value=c.audience if c else "mentee",
            allow_blank=False,
            compact=True,
            id="audience",
        )

    def values(self) -> dict[str, Any]:
        """The card's fields."""
        return {
            "term": self.field("term"),
            "definition": self.field("definition"),
            "example": self.field("example"),
            "tags": self.field("tags").split(),
            "deck": self.field("deck"),
            "audience": self.query_one("#audience", Select).value,
        }

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Term and definition are required; the deck must be kebab-case."""
        errors = {}
        if not values["term"]:
            errors["term"] = "a term is required"
        if not values["definition"]:
            errors["definition"] = "a definition is required"
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", values["deck"] or ""):
            errors["deck"] = "use lower-case letters, digits and hyphens (e.g. our-terms)"
        return errors
