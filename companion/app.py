"""The Textual app: theme, app-wide bindings and the first screen. Screens do the rest."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from companion.storage.store import Store


class CompanionApp(App[None]):
    """Companion for one reverse-mentoring pair; it is handed an open :class:`Store`."""

    TITLE = "Companion"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, store: Store) -> None:
        """Run on ``store``; the caller closes it after the app exits."""
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        """Lay out the first screen."""
        yield Header()
        with VerticalScroll():
            yield Static(self._overview(), id="overview")
        yield Footer()

    def on_mount(self) -> None:
        """Apply the saved theme and tell the user about any recovered file."""
        self.theme = self.store.journal.settings().theme
        for item in self.store.recovered:
            self.notify(item.message(), severity="error", timeout=30)

    def on_unmount(self) -> None:
        """Release the data folder (every write is already on disk)."""
        self.store.close()

    def _overview(self) -> str:
        journal = self.store.journal
        pair = journal.pair()
        if pair is None:
            return f"No pair yet in {self.store.folder}."
        sessions = journal.sessions()
        lines = [
            f"{pair.mentor.name} (junior mentor) and {pair.mentee.name} (senior mentee)",
            f"Meeting {pair.cadence} for {pair.session_minutes} minutes since "
            f"{pair.started_on.isoformat()}",
            f"{len(sessions)} sessions held",
        ]
        for session in sessions[-3:]:
            lines.append(f"  {session.date.isoformat()}  {', '.join(session.lesson_ids) or '-'}")
        open_actions = [a for a in journal.actions() if not a.done]
        lines.append(f"{len(open_actions)} open action items")
        lines += [f"  [{a.owner}] {a.text}" for a in open_actions]
        return "\n".join(lines)
