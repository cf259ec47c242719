"""The help screen: every binding of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """Return (keys, description) for every binding active on ``screen``.

    The screen's own keys come first (those its footer shows, then the others),
    then the app's; the keys of the focused widget (scrolling, cursor moves and
    the like) follow under a "More keys" row, never first.
    """
    main: list[tuple[str, str]] = []
    more: list[tuple[str, str]] = []
    seen: set[str] = set()
    app = screen.app

    def rank(active: ActiveBinding) -> int:
        own = active.node is screen
        if active.binding.show:
            return 0 if own else 1
        return 2 if own else 3 if active.node is app else 4

    ordered = sorted(screen.active_bindings.values(), key=rank)
    for active in ordered:
        binding = active.binding
        description = binding.description or binding.action.replace("_", " ").capitalize()
        label = screen.app.get_key_display(binding)
        if label in seen:
            continue
        seen.add(label)
        (main if rank(active) < 3 else more).append((label, description))
    return [*main, ("", "More keys"), *more] if more else main


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen underneath; Escape or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen DataTable { height: auto; max-height: 20; }
    HelpScreen Static { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,question_mark,q,f1", "dismiss", "Close help")]

    def __init__(self, target: Screen[object]) -> None:
        """Describe the bindings of ``target``."""
        super().__init__()
        self._rows = binding_rows(target)
        self._title = getattr(target, "TITLE", None) or type(target).__name__

    def compose(self) -> ComposeResult:
        """Lay out the table of keys."""
        with Vertical() as box:
            box.border_title = f"Keys: {self._title}"
            table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "What it does")
            for label, description in self._rows:
                table.add_row(cell(label), cell(description))
            yield table
            yield Static("Ctrl+P finds lessons, cards, sessions and actions. Esc closes.")
