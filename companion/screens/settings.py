"""Settings: the pair and its agreement, the theme, the data folder, backups and restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Select, Static, TextArea

from companion.screens.base import CompanionAccess
from companion.storage.backups import list_backups
from companion.widgets.footer import KeysFooter
from companion.widgets.pair_form import PeopleFields, RhythmFields, show_errors, validate_pair

if TYPE_CHECKING:
    pass


class SettingsScreen(CompanionAccess, Screen[None]):
    """Edit the pair and agreement, pick a theme, back up and restore."""

    TITLE = "Settings"
    DEFAULT_CSS = """
    SettingsScreen #form { padding: 0 2; }
    SettingsScreen .section { text-style: bold; margin-top: 1; color: $accent; }
    SettingsScreen TextArea { height: 8; }
    SettingsScreen .row { height: auto; margin-top: 1; }
    SettingsScreen .row Button { margin-right: 1; }
    SettingsScreen #folder { color: $text-muted; }
    SettingsScreen #backups { width: 1fr; max-width: 60; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "save", "Save pair"),
    ]

    def compose(self) -> ComposeResult:
        """Lay out the sections."""
        app = self.companion
        pair = app.store.journal.pair()
        yield Header()
        with VerticalScroll(id="form"):
            yield Label("The pair", classes="section")
            yield PeopleFields(pair)
            yield RhythmFields(pair, app.now().date())
            yield Label("Agreement: one ground rule per line", classes="section")
            yield TextArea("\n".join(pair.agreement) if pair else "", id="agreement")
            with Horizontal(classes="row"):
                yield Button("Save pair and agreement", variant="primary", id="save")
            yield Label("Theme", classes="section")
            themes = sorted(self.app.available_themes)
            yield Select(
                [(t, t) for t in themes],
                value=self.app.theme,
                allow_blank=False,
                compact=True,
                id="theme",
            )
            yield Label("Data", classes="section")
            yield Static(f"Data folder: {app.store.folder}", id="folder")
            with Horizontal(classes="row"):
                yield Button("Back up now", id="backup")
            with Horizontal(classes="row"):
                yield Select(
                    self._backup_options(),
                    prompt="Choose a backup to restore",
                    compact=True,
                    id="backups",
                )
                yield Button("Restore…", variant="warning", id="restore")
        yield KeysFooter()

    def _backup_options(self) -> list[tuple[str, str]]:
        return [(p.name, str(p)) for p in reversed(list_backups(self.companion.store.folder))]

    def on_select_changed(self, event: Select.Changed) -> None:
        """Apply a theme as soon as it is chosen (the app saves it)."""
        if event.select.id == "theme" and isinstance(event.value, str):
            self.app.theme = event.value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, back up, or restore."""
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "backup":
            self.companion.backup_now()
            self.query_one("#backups", Select).set_options(self._backup_options())
        elif event.button.id == "restore":
            self._restore()

    def action_save(self) -> None:
        """Validate the pair and agreement and save them."""
        app = self.companion
        current = app.store.journal.pair()
        rules = [line.strip() for line in self.query_one("#agreement", TextArea).text.splitlines()]
        data = {
            **(current.model_dump() if current else {}),
            **self.query_one(PeopleFields).values(),
            **self.query_one(RhythmFields).values(),
            "agreement": [rule for rule in rules if rule],
        }
        pair, errors = validate_pair(data)
        show_errors(self.query_one(PeopleFields), errors)
        show_errors(self.query_one(RhythmFields), errors)
        if pair is None:
            self.notify("Some fields need attention.", severity="error")
            return
        if app.save(lambda: app.store.journal.save_pair(pair), "the pair") is not None:
            self.notify("Saved.", timeout=3)

    def _restore(self) -> None:
        from companion.dialogs.message import ConfirmDialog

        choice = self.query_one("#backups", Select).value
        if not isinstance(choice, str):
            self.notify("Choose a backup first.", severity="warning")
            return
        backup = Path(choice)

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.companion.restore_from(backup)

        self.app.push_screen(
            ConfirmDialog(
                "Restore a backup?",
                f"Replace the current data with {backup.name}? The current data is kept "
                "in backups/before-restore-….zip, so this can be undone.",
                "Restore",
            ),
            answer,
        )
