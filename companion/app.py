"""The Textual app: theme, app-wide bindings and the first screen. Screens do the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from companion.cards_flow import CardVerbs
from companion.domain.clock import to_local
from companion.sessions_flow import SessionVerbs

if TYPE_CHECKING:
    from companion.curriculum.catalogue import Curriculum
    from companion.domain.cards import Card
    from companion.domain.content import PlaybookEntry
    from companion.domain.overview import Overview
    from companion.storage.lock import DataLock
    from companion.storage.store import Store

T = TypeVar("T")


class CompanionApp(SessionVerbs, CardVerbs, App[None]):
    """Companion for one reverse-mentoring pair, on one data folder.

    The caller takes the folder's lock (so a second instance is refused before
    any screen appears); the app shows its first frame, then opens the store,
    which is where the time goes (pydantic, validation). Screens receive what
    they need from here (the store, the curriculum, the clock) and report back
    with messages; widgets never touch storage.
    """

    TITLE = "Companion"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        folder: Path,
        lock: DataLock,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """Run on ``folder``, whose ``lock`` the caller holds; ``clock`` gives "now" (tests)."""
        super().__init__()
        self.folder = folder
        self._lock = lock
        self._store: Store | None = None
        self._clock = clock or (lambda: datetime.now(UTC))
        from companion.providers import CompanionCommands

        self.COMMANDS = App.COMMANDS | {CompanionCommands}

    # -- things screens ask for -------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once the store is open."""
        return self._store is not None

    @property
    def store(self) -> Store:
        """The open store (screens other than the first are only reachable once it is)."""
        if self._store is None:
            raise RuntimeError("the store is not open yet")
        return self._store

    def now(self) -> datetime:
        """Return the current time in the local zone, so ``now().date()`` is the pair's today."""
        return to_local(self._clock())

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
        return build_overview(
            pair=pair,
            sessions=journal.sessions(),
            goals=journal.goals(),
            actions=journal.actions(),
            marks=journal.lesson_marks(),
            modules=curriculum.ordered_modules(),
            lessons=list(curriculum.lessons.values()),
            cards=list(self.all_cards().values()),
            states=self.store.cards.states(),
            settings=journal.settings(),
            now=self.now(),
        )

    def challenges(self) -> list[tuple[PlaybookEntry, list[str]]]:
        """Return the playbook entries whose signals the journal shows today."""
        from companion.domain.signals import JournalFacts, challenges

        journal = self.store.journal
        pair = journal.pair()
        if pair is None:
            return []
        facts = JournalFacts(
            pair=pair,
            sessions=journal.sessions(),
            actions=journal.actions(),
            goals=journal.goals(),
            checkins=journal.checkins(),
            lessons=self.curriculum.lessons,
            today=self.now().date(),
        )
        return challenges(list(self.curriculum.playbook.values()), facts)

    def take_checkin(self) -> None:
        """Record a check-in from both people."""
        from companion.dialogs.checkin import CheckInDialog
        from companion.domain.checkins import CheckIn

        pair = self.store.journal.pair()
        if pair is None:
            return
        names = {"mentor": pair.mentor.name.split()[0], "mentee": pair.mentee.name.split()[0]}

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                checkin = CheckIn.model_validate(values)
                if self.save(lambda: self.store.journal.add_checkin(checkin), "The check-in"):
                    self.notify("Check-in saved.", timeout=3)

        self.push_screen(CheckInDialog(names, self.now().date()), done)

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

    def all_cards(self) -> dict[str, Card]:
        """Return every card: the shipped decks with the pair's own cards on top."""
        return {**self.curriculum.cards, **{c.id: c for c in self.store.cards.cards()}}

    def open_card(self, card_id: str) -> None:
        """Show one glossary card."""
        from companion.dialogs.card import CardDialog

        card = self.all_cards().get(card_id)
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
        from companion.storage.restore import RestoreError, restore_backup
        from companion.storage.schema import InvalidFileError

        folder = self.folder
        try:
            restore_backup(folder, backup, lock_held=True)
        except InvalidFileError as exc:
            why = exc.why if "nothing was changed" in exc.why else f"{exc.why}; nothing was changed"
            self.push_screen(MessageDialog("Not restored", f"{exc.path.name}: {why}."))
            return
        except RestoreError as exc:
            self.push_screen(MessageDialog("Not restored", f"{str(exc).capitalize()}."))
            return
        except OSError as exc:
            self.push_screen(MessageDialog("Not restored", f"The restore failed: {exc}."))
            return
        from companion.storage.store import Store

        self.store.close()
        self._store = None
        self._store = Store.open(folder, backup=False)
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
        """Open the store once the first frame is on screen."""
        self.call_after_refresh(self.open_store)

    def open_store(self) -> None:
        """Open the data folder, apply the saved theme, and fill the first screen."""
        from companion.storage.store import Store

        try:
            self._store = Store.open(self.folder, lock=self._lock)
        except OSError as exc:
            from companion.dialogs.message import MessageDialog

            self.push_screen(
                MessageDialog(
                    "Cannot open your data",
                    f"Companion could not open {self.folder}: {exc.strerror or exc}.\n\n"
                    "Nothing was changed. Check the folder's permissions and free space, "
                    "then start Companion again.",
                ),
                lambda _: self.exit(return_code=1),
            )
            return
        theme = self.store.journal.settings().theme
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._save_theme)
        from companion.screens.dashboard import DashboardScreen

        base = self.screen_stack[0] if self.screen_stack else None
        if isinstance(base, DashboardScreen):
            base.start()
        self.set_timer(0.5, self._warm_up)
        self.offer_resume()
        for warning in self.store.warnings:
            self.notify(warning, title="Backup skipped", severity="warning", timeout=10)
        if self.store.recovered:
            from companion.dialogs.message import MessageDialog

            text = "\n\n".join(item.message() for item in self.store.recovered)
            self.push_screen(MessageDialog("A data file was damaged", text))

    def _warm_up(self) -> None:
        """Import what the next screens need while the user reads the dashboard.

        Opening the first lesson would otherwise pay for importing markdown-it
        and Textual's Markdown widgets on the key press.
        """
        import markdown_it  # noqa: F401
        import textual.widgets._markdown  # noqa: F401
        from rich.syntax import Syntax

        # Code blocks in lessons are highlighted by Pygments: load it now, not on a key press.
        Syntax("warm = 1", "python").highlight("warm = 1")

        import companion.screens.curriculum
        import companion.screens.reader  # noqa: F401
        from companion.gc_tuning import tune_after_start

        tune_after_start()

    def _save_theme(self, _theme: object) -> None:
        settings = self.store.journal.settings()
        if settings.theme != self.theme:
            self.save(
                lambda: self.store.journal.save_settings(
                    settings.model_copy(update={"theme": self.theme})
                ),
                "the theme",
            )

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception without printing a traceback (and its locals).

        The command line then prints one line and writes a private crash report
        (see companion/crash.py).
        """
        self.bell()
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        """Release the data folder (every write is already on disk)."""
        if self._store is not None:
            self._store.close()
        self._lock.release()
