"""A glossary card shown on its own."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.domain.cards import Card
from companion.formatting import role_label, visible


def card_text(card: Card) -> Text:
    """Return the card as styled text: term, definition, example, tags."""
    text = Text()
    text.append(visible(card.term) + "\n\n", style="bold")
    text.append(visible(card.definition) + "\n")
    if card.example:
        text.append("\n" + visible(card.example) + "\n", style="italic")
    meta = f"\nDeck {card.deck} · for the {role_label(card.audience)}"
    if card.tags:
        meta += " · " + ", ".join(card.tags)
    text.append(visible(meta), style="dim")
    return text


class CardDialog(ModalScreen[None]):
    """Shows one card; Escape closes it."""

    DEFAULT_CSS = """
    CardDialog { align: center middle; }
    CardDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, card: Card) -> None:
        """Show ``card``."""
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        """Lay out the card."""
        with Vertical() as box:
            box.border_title = "Glossary"
            yield Static(card_text(self.card))
