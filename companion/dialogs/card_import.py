"""Import cards from a file, from inside the app, with a progress bar and a Cancel button.

The import runs in a worker thread through ``programme.cards.import_file`` (the
same streaming code as the command line): one atomic write per batch, so Cancel
stops after the current batch and the summary says where ("imported N of M,
stopped at line L").
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static

from companion.widgets.form import FormField

if TYPE_CHECKING:
    from companion.programme.core import Programme


class ImportDialog(ModalScreen[None]):
    """Asks for a path, imports it in the background, and says what happened."""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ImportDialog ProgressBar { margin: 1 0; }
    ImportDialog #result { height: auto; max-height: 10; }
    ImportDialog Horizontal { height: auto; align-horizontal: right; }
    ImportDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, programme: Programme) -> None:
        """Import into ``programme``'s cards."""
        super().__init__()
        self.programme = programme
        self._stop = threading.Event()
        self.running = False
        """True while an import runs (Cancel is offered)."""

    def compose(self) -> ComposeResult:
        """Path, progress, result."""
        with Vertical() as box:
            box.border_title = "Import cards (Anki text export, CSV or TSV)"
            yield FormField(
                "File to import", "path", placeholder="~/Downloads/deck.txt", max_length=500
            )
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static(id="result", markup=False)
            with Horizontal():
                yield Button("Close", id="close")
                yield Button("Cancel import", variant="warning", id="cancel", disabled=True)
                yield Button("Import", variant="primary", id="import")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Import, cancel the running import, or close."""
        if event.button.id == "import":
            self.start()
        elif event.button.id == "cancel":
            self.cancel()
        else:
            self.action_close()

    def cancel(self) -> None:
        """Stop the running import after the current batch (what is written stays)."""
        if self.running:
            self._stop.set()
            self.query_one("#cancel", Button).disabled = True
            self.query_one("#result", Static).update("Stopping after the current batch…")

    def on_input_submitted(self) -> None:
        """Enter imports."""
        self.start()

    def action_close(self) -> None:
        """Close the dialog (a running import stops after its current batch)."""
        self._stop.set()
        self.dismiss(None)

    def start(self) -> None:
        """Check the path and start the import in a worker thread."""
        field = self.query_one(FormField)
        path = Path(field.value).expanduser()
        if not path.is_file():
            field.set_error(f"there is no file at {path}")
            return
        field.set_error(None)
        self._stop.clear()
        self.running = True
        self.query_one("#import", Button).disabled = True
        self.query_one("#cancel", Button).disabled = False
        self.query_one("#result", Static).update("")
        self.run_import(path)

    @work(thread=True, exclusive=True)
    def run_import(self, path: Path) -> None:
        """Import ``path``; progress and the result are shown as they come."""
        from companion.domain.errors import ReadableError  # pydantic: not before the first frame

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(
                self.query_one(ProgressBar).update, total=total, progress=done
            )

        try:
            result = self.programme.cards.import_file(path, progress, self._stop.is_set)
        except (OSError, UnicodeDecodeError, ReadableError) as exc:
            self.app.call_from_thread(self._finish, f"Could not import {path.name}: {exc}")
            return
        problems = [f"line {line}: {message}" for line, message in result.problems]
        lines = [result.summary().capitalize() + "."]
        lines += [f"Skipped {p}" for p in problems[:8]]
        if len(problems) > 8:
            lines.append(f"… and {len(problems) - 8} more skipped rows.")
        self.app.call_from_thread(self._finish, "\n".join(lines))

    def _finish(self, text: str) -> None:
        self.running = False
        if self not in self.app.screen_stack:
            return  # closed while importing: the import stopped after its batch
        self.query_one("#result", Static).update(text)
        self.query_one("#import", Button).disabled = False
        self.query_one("#cancel", Button).disabled = True
