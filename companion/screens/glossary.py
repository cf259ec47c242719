"""The glossary: every card, searchable, with its source and review history beside it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
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
from companion.domain.scheduling import RATING_NAMES
from companion.formatting import plural
from companion.gc_tuning import release_free_memory
from companion.programme.glossary import Filters, GlossaryRow
from companion.screens.base import RecordTable
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.item_table import ItemTable
from companion.widgets.messages import Request, safely
from companion.widgets.safe_text import cell, choices
from companion.widgets.steady import SteadyInput

if TYPE_CHECKING:
    from textual.timer import Timer

    from companion.domain.cards import Card
    from companion.programme.core import Programme
    from companion.programme.glossary import GlossaryView

STATUSES = [
    ("Any state", "any"),
    ("Due", "due"),
    ("New", "new"),
    ("Learning", "learning"),
    ("Learned", "learned"),
]
DETAIL_AFTER_TYPING = 0.15
"""Seconds after the last search keystroke before the detail pane follows the cursor."""

HISTORY_AFTER_REST = 0.4
"""Seconds the cursor rests before the first history read starts (ten years: a second's work)."""

AUDIENCES = [("For anyone", "any"), ("For the senior", "mentee"), ("For the junior", "mentor")]


COLUMNS = ("Term", "Deck", "For", "State")
"""The table's column labels."""


def _row_key(row: GlossaryRow) -> str:
    return row.id


def _row_cells(row: GlossaryRow) -> tuple[Text, Text, Text, Text]:
    return cell(row.term), cell(row.deck), cell(row.audience), cell(row.status)


SEARCH_HELP = "Finds the words typed in terms, definitions, examples and tags."
"""What the search box searches (its placeholder is short: it shares a line with the filters)."""


class GlossaryScreen(RecordTable):
    """Cards from the shipped decks, the pair's own decks and sessions."""

    TITLE = "Glossary"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    """Below 60 columns the search box and the filters share the width equally."""
    DEFAULT_CSS = """
    GlossaryScreen #filters { height: auto; padding: 0 1; }
    GlossaryScreen #search { width: 1fr; }
    GlossaryScreen #filters Select { width: 22; margin-left: 1; }
    GlossaryScreen.-narrow #filters Select { width: 1fr; }
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

    def __init__(self, programme: Programme) -> None:
        """Show the cards of ``programme``."""
        super().__init__(programme)
        self._view: GlossaryView | None = None
        self._shown: tuple[object, Filters] | None = None
        self._detail: tuple[str | None, object] | None = None
        self._history_read = False
        self._detail_timer: Timer | None = None
        self._count = ""
        self._reading = False
        self._history_timer: Timer | None = None
        self._decks: list[str] = []

    def view(self) -> GlossaryView:
        """Return the cards' rows for this open (built again only after a change)."""
        glossary = self.programme.cards.glossary
        if self._view is None or self._view.version != glossary.version():
            self._view = glossary.view(self.programme.now())
        return self._view

    def compose(self) -> ComposeResult:
        """Search, filters, table and detail."""
        decks = self._decks = self.view().decks
        yield Header()
        with Horizontal(id="filters"):
            yield SteadyInput(
                placeholder="Search cards", compact=True, id="search", tooltip=SEARCH_HELP
            )
            yield Select(
                choices((d, d) for d in decks), prompt="All decks", compact=True, id="deck"
            )
            yield Select(AUDIENCES, value="any", allow_blank=False, compact=True, id="audience")
            yield Select(STATUSES, value="any", allow_blank=False, compact=True, id="status")
        with Horizontal(id="body"):
            table: ItemTable[str | Text] = ItemTable(cursor_type="row", zebra_stripes=True)
            table.add_columns(*[cell(c) for c in COLUMNS])
            yield table
            with VerticalScroll(id="detail"):
                yield Static(id="card")
                yield Static(id="history")
        yield KeysFooter()

    def still_fits(self) -> bool:
        """True while the decks to filter by are those composed."""
        return self.view().decks == self._decks

    def on_mount(self) -> None:
        """Fill the table; search as the search box's text changes."""
        if self.closing:  # built off screen as the app quits: its widgets may be gone
            return
        self.refill()
        self.query_one(DataTable).focus()
        # A watcher runs as the text changes, so the filtered table is drawn in the
        # same frame as the typed character (Input.Changed arrives a frame later).
        self.watch(self.query_one("#search", Input), "value", self._search, init=False)

    def on_screen_resume(self) -> None:
        """Refresh after a review or an edit (only when the cards or states changed)."""
        self.refill(only_if_changed=True)

    def filters(self) -> Filters:
        """Return the search text and filters as they are set."""
        deck = self.query_one("#deck", Select).value
        audience = self.query_one("#audience", Select).value
        status = self.query_one("#status", Select).value
        return Filters(
            text=self.query_one("#search", Input).value,
            deck=deck if isinstance(deck, str) else None,
            audience=audience if isinstance(audience, str) and audience != "any" else None,
            status=status if isinstance(status, str) and status != "any" else None,
        )

    def refill(self, only_if_changed: bool = False, keep: bool = True) -> None:
        """Show the cards matching the search and filters (the first page at once).

        With ``keep`` the cursor stays on its card when that card is still shown.
        """
        if self.closing:  # the app is quitting: its widgets may be gone already
            return
        view = self.view()
        filters = self.filters()
        if only_if_changed and self._shown == (view.version, filters):
            return
        self._shown = (view.version, filters)
        found = view.find(filters)
        table = self.query_one(ItemTable)
        table.show(found, _row_key, _row_cells, keep=self.selected_key() if keep else None)
        self._fit()
        self._count = plural(len(found), "card")
        if self._detail_timer is None:  # while typing, the count follows with the detail
            self.sub_title = self._count
        self.show_detail()

    def _search(self) -> None:
        """Search as you type (the detail follows once the typing pauses)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_AFTER_TYPING, self._typing_paused)
        self.refill(only_if_changed=True, keep=False)

    def _typing_paused(self) -> None:
        self._detail_timer = None
        self.sub_title = self._count
        self.show_detail()

    def on_select_changed(self) -> None:
        """Filter."""
        self.refill(only_if_changed=True)

    def on_data_table_row_highlighted(self) -> None:
        """Follow the cursor with the detail pane."""
        self.show_detail()

    def selected(self) -> Card | None:
        """Return the card under the cursor."""
        key = self.selected_key()
        return self.view().cards.get(key) if key else None

    def show_detail(self) -> None:
        """Show the card, where it came from, and its review history (once per card shown)."""
        if self._detail_timer is not None:
            return  # typing in the search: drawn once it pauses
        card = self.selected()
        shown = (card.id if card else None, self.view().version)
        if self._detail == shown:
            return
        self._detail = shown
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
        if not (self._history_read or self.programme.cards.history_is_quick()):
            history.append("Reading the reviews…", style="dim")
            self.query_one("#history", Static).update(history)
            # Not while keys arrive: the read would slow the open and every press after it.
            if self._history_timer is not None:
                self._history_timer.stop()
            self._history_timer = self.set_timer(HISTORY_AFTER_REST, self._read_history)
            return
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

    def _read_history(self) -> None:
        """Read the review years every card's history needs, in a thread, then show it."""
        self._history_timer = None
        if self._reading or not self.is_attached:
            return
        self._reading = True
        cards = self.programme.cards

        def read() -> None:
            keep: Callable[[], None] = lambda: None  # noqa: E731 (nothing read: read at once later)
            try:
                keep = cards.read_history()
            finally:
                self.app.call_from_thread(self._history_ready, keep)

        self.run_worker(read, thread=True, group="history", exit_on_error=False)

    def _history_ready(self, keep: Callable[[], None]) -> None:
        """Keep what the thread read and draw the history of the card under the cursor.

        Reading ten years of reviews leaves tens of MB the C allocator keeps:
        they are handed back once the detail is drawn.
        """
        keep()
        self._reading = False
        self._history_read = True  # what is left (a damaged year) is read here, at once
        if self.is_attached:
            self._detail = None
            self.show_detail()
        self.call_after_refresh(release_free_memory)

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
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Size the columns from every card's cells, so a search never changes them."""
        fit_columns(self.query_one(ItemTable), 0, natural=self.view().widths(COLUMNS))
