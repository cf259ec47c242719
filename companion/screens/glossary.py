"""The glossary: every card, searchable, with its source and review history beside it."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Select, Static
from textual.widgets.data_table import RowDoesNotExist

from companion.dialogs.card import CardDialog, card_text
from companion.dialogs.card_edit import CardEditDialog
from companion.dialogs.card_import import ImportDialog
from companion.dialogs.message import ConfirmDialog
from companion.dialogs.same_term import OPEN_EXISTING
from companion.domain.glossary_query import find_cards, status_of
from companion.domain.scheduling import RATING_NAMES
from companion.formatting import plural, role_label
from companion.screens.base import RecordTable
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request, safely
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

if TYPE_CHECKING:
    from companion.domain.cards import Card

STATUSES = [
    ("Any state", "any"),
    ("Due", "due"),
    ("New", "new"),
    ("Learning", "learning"),
    ("Learned", "learned"),
]
AUDIENCES = [("For anyone", "any"), ("For the senior", "mentee"), ("For the junior", "mentor")]


class GlossaryScreen(RecordTable):
    """Cards from the shipped decks, the pair's own decks and sessions."""

    TITLE = "Glossary"
    DEFAULT_CSS = """
    GlossaryScreen #filters { height: auto; padding: 0 1; }
    GlossaryScreen #search { width: 1fr; }
    GlossaryScreen #filters Select { width: 22; }
    GlossaryScreen #body { height: 1fr; }
    GlossaryScreen DataTable { width: 3fr; }
    GlossaryScreen #detail { width: 2fr; border-left: vkey $foreground 20%; padding: 0 1; }
    """
    BINDINGS = [
        Binding("a", "add_card", "Add"),
        Binding("e", "edit_card", "Edit"),
        Binding("slash", "focus_search", "Search"),
        Binding("r", "review", "Review"),
        Binding("delete", "delete_card", "Delete"),
        Binding("escape", "back", "Back"),
        Binding("i", "import_cards", "Import", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Search, filters, table and detail."""
        decks = sorted({c.deck for c in self.programme.cards.all().values()})
        yield Header()
        with Horizontal(id="filters"):
            yield Input(
                placeholder="Search terms, definitions, examples, tags", compact=True, id="search"
            )
            yield Select([(d, d) for d in decks], prompt="All decks", compact=True, id="deck")
            yield Select(AUDIENCES, value="any", allow_blank=False, compact=True, id="audience")
            yield Select(STATUSES, value="any", allow_blank=False, compact=True, id="status")
        with Horizontal(id="body"):
            table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Term", "Deck", "For", "State")
            yield table
            with VerticalScroll(id="detail"):
                yield Static(id="card")
                yield Static(id="history")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table."""
        self.refill()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Refresh after a review or an edit."""
        self.refill()

    def refill(self) -> None:
        """Apply search and filters."""
        now = self.programme.now()
        self._states = {(s.role, s.card_id): s for s in self.programme.cards.states()}
        deck = self.query_one("#deck", Select).value
        audience = self.query_one("#audience", Select).value
        status = self.query_one("#status", Select).value
        found = find_cards(
            self.programme.cards.all().values(),
            self._states,
            now,
            text=self.query_one("#search", Input).value,
            deck=deck if isinstance(deck, str) else None,
            audience=audience if audience != "any" else None,
            status=status if status != "any" else None,
        )
        table = self.query_one(DataTable)
        table.clear()
        for card in found:
            state = self._states.get((card.audience, card.id))
            table.add_row(
                cell(card.term),
                cell(card.deck),
                cell(role_label(card.audience).split()[0]),  # "senior": the filter's word
                status_of(state, now),
                key=card.id,
            )
        fit_columns(table, 0, {1: 14})
        self.sub_title = plural(len(found), "card")
        self.show_detail()

    def on_input_changed(self) -> None:
        """Search as you type."""
        self.refill()

    def on_select_changed(self) -> None:
        """Filter."""
        self.refill()

    def on_data_table_row_highlighted(self) -> None:
        """Follow the cursor with the detail pane."""
        self.show_detail()

    def selected(self) -> Card | None:
        """Return the card under the cursor."""
        key = self.selected_key()
        return self.programme.cards.all().get(key) if key else None

    def show_detail(self) -> None:
        """Show the card, where it came from, and its review history."""
        card = self.selected()
        if card is None:
            self.query_one("#card", Static).update("No card matches.")
            self.query_one("#history", Static).update("")
            return
        self.query_one("#card", Static).update(card_text(card))
        source = {
            "shipped": f"From the shipped deck “{card.deck}”.",
            "lesson": f"From the lesson {card.source.ref}.",
            "session": "Captured in a session.",
            "import": "Imported.",
            "user": "Added by you.",
        }[card.source.kind]
        history = Text(f"\n{source}\n\n", style="dim")
        logs = self.programme.cards.history(card.id)
        if logs:
            history.append("Reviews\n", style="bold")
            for log in logs[-12:]:
                history.append(
                    f"{log.reviewed_at.astimezone().strftime('%d %b %Y')}  "
                    f"{RATING_NAMES[log.rating]}\n"
                )
        else:
            history.append("Not reviewed yet.", style="dim")
        self.query_one("#history", Static).update(history)

    def action_back(self) -> None:
        """Leave the search box for the table; from the table, go back."""
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def action_focus_search(self) -> None:
        """Go to the search box."""
        self.query_one("#search", Input).focus()

    def action_add_card(self) -> None:
        """Add a card."""
        self.edit(None)

    def action_edit_card(self) -> None:
        """Edit the card under the cursor (its review history stays)."""
        card = self.selected()
        if card is not None:
            self.edit(card)

    def on_data_table_row_selected(self) -> None:
        """Enter edits."""
        self.action_edit_card()

    def action_delete_card(self) -> None:
        """Delete one of the pair's own cards, after asking."""
        card = self.selected()
        if card is not None:
            self.delete(card)

    def action_import_cards(self) -> None:
        """Import an Anki export or a CSV/TSV file."""
        self.app.push_screen(ImportDialog(self.programme), lambda _: self.refill())

    def action_review(self) -> None:
        """Start a review (asks who is reviewing)."""
        self.post_message(Request("review"))

    # -- adding, editing, deleting ------------------------------------------------------

    def edit(self, card: Card | None) -> None:
        """Add or edit a card; a term already in the same deck is flagged and can be merged."""

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            if OPEN_EXISTING in values:
                self._open_existing(values[OPEN_EXISTING])
                return
            twin = self.programme.cards.twin(values, card)
            if twin is not None:
                self._offer_merge(twin, values)
            else:
                self._store(card, values)

        self.app.push_screen(CardEditDialog(card, self.programme.cards.all().values()), done)

    def _open_existing(self, card_id: str) -> None:
        """Show the card that already has the term (and put the cursor on it if listed)."""
        existing = self.programme.cards.get(card_id)
        if existing is None:
            return
        table = self.query_one(DataTable)
        with contextlib.suppress(RowDoesNotExist):  # filtered out by the search: still shown
            table.move_cursor(row=table.get_row_index(card_id))
        self.app.push_screen(CardDialog(existing))

    def _offer_merge(self, twin: Card, values: dict[str, Any]) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self._store(twin, values)

        self.app.push_screen(
            ConfirmDialog(
                "This term is already in the deck",
                f"“{twin.term}” already exists in {twin.deck}. Merge your wording into it? "
                "Its review history is kept.",
                "Merge",
            ),
            answer,
        )

    def _store(self, card: Card | None, values: dict[str, Any]) -> None:
        if safely(self, lambda: self.programme.cards.save(card, values), "The card"):
            self.refill()

    def delete(self, card: Card) -> None:
        """Delete one of the pair's own cards (shipped cards stay; they can be edited)."""
        if not self.programme.cards.can_delete(card):
            self.notify("Shipped cards cannot be deleted; edit one to make your own version.")
            return
        self.confirm_then(
            "Delete this card?",
            f"“{card.term}” and its place in reviews.",
            lambda: self.programme.cards.delete(card.id),
        )

    def on_resize(self) -> None:
        """Fit the table to the new width (no sideways scrolling)."""
        self.call_after_refresh(fit_columns, self.query_one(DataTable), 0)
