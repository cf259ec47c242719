"""The Textual app: theme, app-wide bindings and the first screen. Screens do the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from companion.storage.store import Store

if TYPE_CHECKING:
    from companion.curriculum.catalogue import Curriculum
    from companion.domain.overview import Overview

T = TypeVar("T")


class CompanionApp(App[None]):
    """Companion for one reverse-mentoring pair; it is handed an open :class:`Store`.

    Screens receive what they need from here (the store, the curriculum, the
    clock) and report back with messages; widgets never touch storage.
    """

    TITLE = "Companion"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, store: Store, *, clock: Callable[[], datetime] | None = None) -> None:
        """Run on ``store`` (closed when the app exits); ``clock`` gives "now" (for tests)."""
        super().__init__()
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        from companion.providers import CompanionCommands

        self.COMMANDS = App.COMMANDS | {CompanionCommands}

    # -- things screens ask for -------------------------------------------------

    def now(self) -> datetime:
        """Return the current time (UTC)."""
        return self._clock()

    @cached_property
    def curriculum(self) -> Curriculum:
        """The shipped curriculum with the pair's own content on top (loaded once)."""
        from companion.curriculum.sources import load_for

        folder = self.store.folder
        curriculum, problems = load_for(
            folder / "content", cache=folder / ".cache" / "curriculum.json"
        )
        self._content_problems = problems
        return curriculum

    def overview(self) -> Overview | None:
        """Return the dashboard figures now, or None before onboarding."""
        from companion.domain.overview import build_overview

        journal = self.store.journal
        pair = journal.pair()
        if pair is None:
            return None
        curriculum = self.curriculum
        own_cards = {card.id: card for card in self.store.cards.cards()}
        return build_overview(
            pair=pair,
            sessions=journal.sessions(),
            goals=journal.goals(),
            actions=journal.actions(),
            marks=journal.lesson_marks(),
            modules=curriculum.ordered_modules(),
            lessons=list(curriculum.lessons.values()),
            cards=list({**curriculum.cards, **own_cards}.values()),
            states=self.store.cards.states(),
            settings=journal.settings(),
            now=self.now(),
        )

    def save(self, action: Callable[[], T], what: str = "your change") -> T | None:
        """Run a storage write; on failure show a clear dialog and return None.

        Whatever is on screen stays there, so nothing typed is lost: the user can
        free disk space (or close the other window) and try again.
        """
        from pydantic import ValidationError

        from companion.dialogs.message import MessageDialog
        from companion.domain.errors import describe

        try:
            return action()
        except ValidationError as exc:
            detail = "\n".join(describe(exc))
            self.push_screen(MessageDialog("Not saved", f"{what} was not saved:\n{detail}"))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.push_screen(
                MessageDialog(
                    "Not saved",
                    f"{what} could not be written to {self.store.folder}: {reason}.\n\n"
                    "What you entered is still on screen. Free some space or fix the "
                    "folder's permissions, then try again.",
                )
            )
        return None

    # -- screens -----------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """Open on the dashboard (which starts the first-run wizard when there is no pair)."""
        from companion.screens.dashboard import DashboardScreen

        return DashboardScreen()

    def open_target(self, target: str) -> None:
        """Open a full screen by name (used by dashboard panels and the palette)."""
        from companion.screens.registry import make_screen

        screen = make_screen(self, target)
        if screen is not None:
            self.push_screen(screen)

    def open_lesson(self, lesson_id: str) -> None:
        """Open a lesson in the reader."""
        from companion.screens.reader import ReaderScreen

        if lesson_id in self.curriculum.lessons:
            self.push_screen(ReaderScreen(lesson_id))

    def open_card(self, card_id: str) -> None:
        """Show one glossary card."""
        from companion.dialogs.card import CardDialog

        card = self.curriculum.cards.get(card_id)
        if card is not None:
            self.push_screen(CardDialog(card))

    def backup_now(self) -> None:
        """Take a backup of the data folder and say where it went."""
        from companion.storage.backups import take_backup

        made = self.save(lambda: take_backup(self.store.folder), "the backup")
        if made is not None:
            self.notify(f"Backup written: {made.name}", title="Backed up")

    def restore_from(self, backup: Path) -> None:
        """Restore ``backup`` while the app runs, then start again on the dashboard."""
        from companion.dialogs.message import MessageDialog
        from companion.storage.restore import restore_backup
        from companion.storage.schema import InvalidFileError

        folder = self.store.folder
        try:
            restore_backup(folder, backup, lock_held=True)
        except InvalidFileError as exc:
            self.push_screen(
                MessageDialog("Not restored", f"{exc.path.name}: {exc.why}. Nothing was changed.")
            )
            return
        except OSError as exc:
            self.push_screen(MessageDialog("Not restored", f"The restore failed: {exc}."))
            return
        self.store.close()
        self.store = Store.open(folder, backup=False)
        self.__dict__.pop("curriculum", None)
        self.notify(f"Restored {backup.name}.", title="Restored")
        from companion.screens.dashboard import DashboardScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, DashboardScreen):
            self.screen.start()

    def action_help(self) -> None:
        """Show every binding of the current screen."""
        from companion.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- life cycle ----------------------------------------------------------------

    def on_mount(self) -> None:
        """Apply the saved theme, then tell the user about any file that was recovered."""
        theme = self.store.journal.settings().theme
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self.store.recovered:
            from companion.dialogs.message import MessageDialog

            text = "\n\n".join(item.message() for item in self.store.recovered)
            self.push_screen(MessageDialog("A data file was damaged", text))

    def _save_theme(self, _theme: object) -> None:
        settings = self.store.journal.settings()
        if settings.theme != self.theme:
            self.save(
                lambda: self.store.journal.save_settings(
                    settings.model_copy(update={"theme": self.theme})
                ),
                "the theme",
            )

    def on_unmount(self) -> None:
        """Release the data folder (every write is already on disk)."""
        self.store.close()
