"""The challenge playbook: what the journal points to first, then every entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.lesson_view import LessonView
from companion.widgets.safe_text import literal

if TYPE_CHECKING:
    from companion.programme.core import Programme


class PlaybookScreen(StylesKept, Screen[None]):
    """Challenges a pair may meet; those the journal points to are marked."""

    TITLE = "Playbook"
    DEFAULT_CSS = """
    PlaybookScreen OptionList { width: 36; border: none; border-right: vkey $foreground 20%; }
    PlaybookScreen LessonView { width: 1fr; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, programme: Programme) -> None:
        """Show ``programme``."""
        super().__init__()
        self.programme = programme
        self._shown = ""
        """The id of the entry on the right."""

    def compose(self) -> ComposeResult:
        """Entries on the left, the chosen one on the right."""
        yield Header()
        with Horizontal():
            yield OptionList(id="entries")
            yield LessonView(id="entry")
        yield KeysFooter()

    async def on_mount(self) -> None:
        """List the entries, flagged ones first, and show the first (in the first frame)."""
        flagged = {entry.id for entry, _ in self.programme.reports.challenges()}
        entries = sorted(
            self.programme.curriculum.playbook.values(),
            key=lambda e: (e.id not in flagged, e.title),
        )
        options = self.query_one(OptionList)
        for entry in entries:
            mark = "⚑ " if entry.id in flagged else "  "
            options.add_option(Option(literal(mark + entry.title, keep_lines=False), id=entry.id))
        self.sub_title = f"{len(flagged)} point to your journal" if flagged else "nothing flagged"
        options.focus()
        if not entries:
            return
        options.highlighted = 0  # the entry shown is the one marked in the list
        self._shown = entries[0].id
        if opening := self.query_one(LessonView).show(entries[0].body):
            await opening

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted entry (unless it is the one shown)."""
        entry = self.programme.curriculum.playbook.get(event.option.id or "")
        if entry is not None and entry.id != self._shown:
            self._shown = entry.id
            self.query_one(LessonView).show(entry.body)
