"""The help screen: every binding of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell


def own_actions(node: object) -> set[str]:
    """Return the actions bound by Companion's own classes of ``node`` (not Textual's)."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("companion") or "BINDINGS" not in cls.__dict__:
            continue
        for binding in cls.__dict__["BINDINGS"]:
            actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return actions


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """Return (keys, description) for every binding active on ``screen``.

    The screen's own keys come first (those its footer shows, then the others),
    then the app's and the focused widget's own keys; Textual's generic keys
    (focus moves, copy, scrolling, cursor moves and the like) follow under a
    "More keys" row, never first.
    """
    main: list[tuple[str, str]] = []
    more: list[tuple[str, str]] = []
    seen: set[str] = set()
    owned: dict[int, set[str]] = {}

    def rank(active: ActiveBinding) -> int:
        node = active.node
        actions = owned.setdefault(id(node), own_actions(node))
        if active.binding.action not in actions:
            return 4  # one of Textual's generic keys
        if node is screen:
            return 0 if active.binding.show else 2
        return 1 if active.binding.show else 3

    ordered = sorted(screen.active_bindings.values(), key=rank)
    for active in ordered:
        binding = active.binding
        description = binding.description or binding.action.replace("_", " ").capitalize()
        label = screen.app.get_key_display(binding)
        if label in seen:
            continue
        seen.add(label)
        (main if rank(active) < 4 else more).append((label, description))
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
