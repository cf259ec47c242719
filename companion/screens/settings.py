"""Settings: the pair and its agreement, the theme, the data folder, backups and restore."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Select, Static, TextArea

from companion.dialogs.busy import BusyDialog
from companion.dialogs.message import ConfirmDialog, MessageDialog
from companion.dialogs.start_date import confirm_start
from companion.dialogs.unsaved import UnsavedGuard
from companion.formatting import theme_label
from companion.widgets.footer import KeysFooter
from companion.widgets.limits import LimitedTextArea
from companion.widgets.messages import Request, safely
from companion.widgets.pair_form import PeopleFields, RhythmFields, show_errors, validate_pair
from companion.widgets.safe_text import literal
from companion.widgets.study_fields import StudyFields

AGREEMENT_MAX = 20_000
"""The most characters the agreement editor takes (each rule is at most 2,000)."""

if TYPE_CHECKING:
    from companion.domain.pair import Pair
    from companion.programme.core import Programme


class SettingsScreen(UnsavedGuard, Screen[None]):
    """Edit the pair and agreement, pick a theme, back up and restore."""

    TITLE = "Settings"
    DEFAULT_CSS = """
    SettingsScreen #form { padding: 0 2; scrollbar-gutter: stable; }
    SettingsScreen .section { text-style: bold; margin-top: 1; color: $accent; width: 1fr; }
    SettingsScreen TextArea { height: 8; }
    SettingsScreen .row { height: auto; margin-top: 1; }
    SettingsScreen .row Button { margin-right: 1; }
    SettingsScreen #folder { color: $text-muted; }
    SettingsScreen #backups { width: 1fr; max-width: 60; }
    """
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("ctrl+s", "save", "Save pair"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Show ``programme``."""
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        """Lay out the sections."""
        pair = self.programme.journal.pair()
        yield Header()
        with VerticalScroll(id="form"):
            yield Label("The pair", classes="section")
            yield PeopleFields(pair)
            yield RhythmFields(pair, self.programme.today())
            yield Label("Agreement: one ground rule per line", classes="section")
            yield LimitedTextArea(
                "\n".join(pair.agreement) if pair else "", max_length=AGREEMENT_MAX, id="agreement"
            )
            with Horizontal(classes="row"):
                yield Button("Save pair and agreement", variant="primary", id="save")
            yield Label("Reviewing cards and rating skills", classes="section")
            yield StudyFields(self.programme.journal.settings(), pair)
            with Horizontal(classes="row"):
                yield Button("Save cards and skills", variant="primary", id="save-study")
            yield Label("Theme", classes="section")
            themes = sorted(self.app.available_themes, key=theme_label)
            yield Select(
                [(theme_label(t), t) for t in themes],
                value=self.app.theme,
                allow_blank=False,
                compact=True,
                id="theme",
                classes="not-typed",
            )
            yield Label("Data", classes="section")
            yield Static(literal(f"Data folder: {self.programme.folder}"), id="folder")
            with Horizontal(classes="row"):
                yield Button("Back up now", id="backup")
            with Horizontal(classes="row"):
                yield Select(
                    self._backup_options(),
                    prompt="Choose a backup to restore",
                    compact=True,
                    id="backups",
                    classes="not-typed",
                )
                yield Button("Restore…", variant="warning", id="restore")
        yield KeysFooter()

    def _backup_options(self) -> list[tuple[str, str]]:
        return [(p.name, str(p)) for p in reversed(self.programme.data.backups())]

    def on_select_changed(self, event: Select.Changed) -> None:
        """Apply a theme as soon as it is chosen (the app saves it)."""
        if event.select.id == "theme" and isinstance(event.value, str):
            self.app.theme = event.value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, back up, or restore."""
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "save-study":
            if self.save_study():
                self.mark_clean()
                self.notify("Saved: new cards, retention and skills.", timeout=3)
        elif event.button.id == "backup":
            made = safely(self, self.programme.data.backup, "the backup")
            if made is not None:
                self.notify(f"Backup written: {made.name}", title="Backed up")
            self.query_one("#backups", Select).set_options(self._backup_options())
        elif event.button.id == "restore":
            self._restore()

    def save_study(self) -> bool:
        """Check and save new cards per day, desired retention and both skill lists."""
        from companion.domain.skills import skills_for

        fields = self.query_one(StudyFields)
        values, errors = fields.read()
        if errors:
            self.notify("Some fields need attention.", severity="error")
            return False
        for role in ("mentor", "mentee"):
            if values[f"{role}_skills"] == skills_for(role, []):  # type: ignore[arg-type]
                values[f"{role}_skills"] = []  # the defaults stay defaults
        journal = self.programme.journal
        current = journal.settings()
        saved = safely(
            self,
            lambda: journal.save_settings(
                type(current).model_validate({**current.model_dump(), **values})
            ),
            "the settings",
        )
        if saved is None:
            return False
        fields.show(saved)
        return True

    def action_save(self) -> None:
        """Validate and save the pair and agreement, and the cards and skills settings."""
        if not self.save_study():
            return
        current = self.programme.journal.pair()
        rules = [line.strip() for line in self.query_one("#agreement", TextArea).text.splitlines()]
        data = {
            **(current.model_dump() if current else {}),
            **self.query_one(PeopleFields).values(),
            **self.query_one(RhythmFields).values(),
            "agreement": [rule for rule in rules if rule],
        }
        pair, errors = validate_pair(data)
        errors.update(self.query_one(RhythmFields).date_errors())
        show_errors(self.query_one(PeopleFields), errors)
        show_errors(self.query_one(RhythmFields), errors)
        if pair is None:
            self.notify("Some fields need attention.", severity="error")
            return
        if current is not None and current.started_on == pair.started_on:
            self._write_pair(pair)  # an old start already agreed is not asked about again
        else:
            confirm_start(
                self, pair.started_on, self.programme.today(), lambda: self._write_pair(pair)
            )

    def _write_pair(self, pair: Pair) -> None:
        if safely(self, lambda: self.programme.journal.save_pair(pair), "the pair") is not None:
            self.mark_clean()
            self.notify("Saved.", timeout=3)

    def action_leave(self) -> None:
        """Go back; unsaved edits to the pair ask "Save, discard or keep editing?" first."""
        self.save_then_pop(self.action_save)

    def _restore(self) -> None:
        choice = self.query_one("#backups", Select).value
        if not isinstance(choice, str):
            self.notify("Choose a backup first.", severity="warning")
            return
        self.run_worker(self._check_then_ask(Path(choice)), group="restore", exclusive=True)

    async def _check_then_ask(self, backup: Path) -> None:
        """Check ``backup`` in a thread behind a notice, then ask before restoring it.

        Every record is read and validated first (seconds with ten years of
        records), so a backup that would not restore is refused before anything asks.
        """
        from companion.storage.schema import InvalidFileError  # pydantic: not at start

        busy = BusyDialog("Checking the backup", f"Reading every record in {backup.name}…")
        await self.app.push_screen(busy)
        try:
            comparison = await asyncio.to_thread(self.programme.data.compare, backup)
        except InvalidFileError as exc:
            why = exc.why if "nothing was changed" in exc.why else f"{exc.why}; nothing was changed"
            refused = f"{exc.path.name}: {why}."
        except OSError as exc:
            refused = f"{backup.name} could not be read: {exc}."
        else:
            refused = ""
        finally:
            busy.close()
        if refused:
            self.app.push_screen(MessageDialog("Not restored", refused))
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.post_message(Request("restore", str(backup)))

        self.app.push_screen(
            ConfirmDialog(
                "Restore a backup?",
                f"Replace the current data with {backup.name}?\n\n{comparison.text()}\n\n"
                "The current data is kept in backups/before-restore-….zip, so this can be undone.",
                "Restore",
            ),
            answer,
        )
