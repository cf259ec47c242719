"""No silent duplicate cards: a form for a new card offers to open the one that has its term.

Used by "Add card" in the glossary and Ctrl+G (capture a term) in a session. While
the term is typed, a line under it says when the term is already a card; saving
then asks instead of adding a second one, and answers ``{"open": card_id}`` when
the pair chooses to open the existing card.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen
from textual.widgets import Input

from companion.dialogs.message import ChoiceDialog
from companion.domain.card_terms import find_same_term, same_term_message
from companion.domain.cards import Card
from companion.widgets.form import FormField

OPEN_EXISTING = "open"
"""The key of the answer that names the existing card to open instead."""


if TYPE_CHECKING:
    _Dialog = ModalScreen[dict[str, Any] | None]
else:
    _Dialog = object  # a plain mixin at run time: Textual follows the first DOM base for CSS


class SameTermCheck(_Dialog):
    """Mixin for a card form: knows every card (shipped and own) and asks before a duplicate.

    Put it before :class:`~companion.dialogs.forms.FormDialog` in the bases, and
    call :meth:`know_cards` from ``__init__``. It is not a widget class itself, so
    the dialog keeps FormDialog's styles (Textual takes a class's CSS from its
    first base that is a DOM node).
    """

    _cards: list[Card]
    _editing_id: str | None = None

    def know_cards(self, cards: Iterable[Card] | None, editing: Card | None = None) -> None:
        """Check new terms against ``cards``; ``editing`` (a card being edited) is left out."""
        self._cards = list(cards or ())
        self._editing_id = editing.id if editing else None

    def existing_card(self, term: str) -> Card | None:
        """Return the card that already has ``term`` (a new card only), or None."""
        if self._editing_id is not None:
            return None  # editing: the glossary's merge offer covers a renamed twin
        return find_same_term(term, getattr(self, "_cards", []))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say under the term as it is typed that it is already a card."""
        if event.input.id != "input-term":
            return
        found = self.existing_card(event.value)
        hint = (
            f"Already a card, in the deck {found.deck}: saving offers to open it."
            if found
            else None
        )
        self.query_one("#field-term", FormField).set_hint(hint)

    def finish_with(self, values: dict[str, Any]) -> None:
        """Return ``values``, or, when the term is already a card, offer to open that one."""
        found = self.existing_card(str(values.get("term", "")))
        if found is None:
            self.dismiss(values)
            return

        def chosen(choice: str | None) -> None:
            if choice == OPEN_EXISTING:
                self.dismiss({OPEN_EXISTING: found.id})

        self.app.push_screen(
            ChoiceDialog(
                "This term is already a card",
                [("Open the existing card", OPEN_EXISTING), ("Keep editing", "keep")],
                same_term_message(found),
            ),
            chosen,
        )
