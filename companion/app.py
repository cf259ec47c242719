"""The Textual app: theme, app-wide bindings, the first screen and the safe-save dialog.

The work is done by :class:`~companion.programme.core.Programme` (no textual);
screens receive it when they are made and send messages up: a
:class:`~companion.widgets.messages.Request` (the navigator opens what is asked
for) or :class:`~companion.widgets.messages.SaveFailed` (shown here).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding

from companion.dialogs.message import MessageDialog
from companion.dialogs.save_failed import SaveReporter
from companion.providers import commands_for
from companion.screens.dashboard import DashboardScreen
from companion.screens.idle_collector import IdleCollector
from companion.screens.lifecycle import Lifecycle, Opened
from companion.screens.navigator import Navigator
from companion.screens.warmup import WarmUp
from companion.widgets import compositor_fix, styles_cache_fix, timer_fix
from companion.widgets.messages import Request, Saved, SaveFailed, safely
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen

    from companion.programme.core import Programme


IDLE_CHECK_SECONDS = 15.0
"""How often the app looks for private notes left idle (they lock after ten minutes)."""


def open_failure(folder: Path, exc: OSError) -> str:
    """Return the text of the "Cannot open your data" dialog: why, and which path.

    The path the error names (a symlink refused, a file without permission) is
    given when it is not the folder itself. Paths are shown literally (control
    characters made visible; the dialog shows no markup).
    """
    why = exc.strerror or str(exc)
    named = f" ({plain_line(exc.filename)})" if exc.filename and exc.filename != str(folder) else ""
    return (
        f"Companion could not open {plain_line(folder)}: {plain_line(why)}{named}."
        "\n\nNothing was changed. Check the folder's permissions and free space, "
        "then start Companion again."
    )


class _Plain(Exception):
    """An exception that renders itself (``__rich__``) seen as a plain one, the same text."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error) or type(error).__name__)
        self.original = error
        self.__cause__ = error


class CompanionApp(App[None]):
    """Companion for one reverse-mentoring pair, on one data folder.

    The caller takes the folder's lock (so a second instance is refused before
    any screen appears); the app shows its first frame, then opens the store,
    which is where the time goes (pydantic, validation).
    """

    TITLE = "Companion"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # F1 works everywhere, even while typing; "?" where it is not a character to type.
        Binding("f1", "help", "Help", key_display="F1", priority=True),
        Binding("question_mark", "help", "Help", key_display="?", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, programme: Programme) -> None:
        """Run on ``programme``, whose folder's lock the caller holds."""
        super().__init__()
        styles_cache_fix.install()  # Textual kept every drawn widget's lines (its docstring)
        compositor_fix.install()  # Textual laid out the screen twice in many frames (its docstring)
        timer_fix.install()  # and waited a period too many after a slow frame (its docstring)
        self.programme = programme
        self.navigator = Navigator(self, programme)
        self.lifecycle = Lifecycle(self, programme, self.navigator)
        self.idle_collector = IdleCollector(self)
        """Runs a due full garbage collection while nobody is typing."""
        self.warm_up = WarmUp(self, self.navigator, programme, self.idle_collector.quiet_for)
        """What is prepared while the user reads the dashboard (``warm_up.done`` once ready)."""
        self.save_reporter = SaveReporter(self, programme)
        self.COMMANDS = App.COMMANDS | {commands_for(programme)}

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal (on Linux and macOS, one handing on Escape sooner)."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver
        from companion.quick_escape import quick_escape

        return quick_escape(driver)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Open a screen (Textual's), after the collection a closed screen made due."""
        self.idle_collector.before_opening()
        opening = super().push_screen(*args, **kwargs)
        self.idle_collector.opened()
        return opening

    def get_default_screen(self) -> Screen[None]:
        """Open on the dashboard (which starts the first-run wizard when there is no pair)."""
        return DashboardScreen(self.programme)

    def on_request(self, request: Request) -> None:
        """A screen (or the palette) asked for something beyond itself.

        Before the data folder is open it is kept and done once it is.
        """
        self.lifecycle.request(request)

    def on_save_failed(self, failed: SaveFailed) -> None:
        """Say clearly why a write failed: one dialog, then a status line that retries."""
        self.save_reporter.failed(failed)

    def on_saved(self, saved: Saved) -> None:
        """A write worked again: clear the status line when nothing else is pending."""
        self.save_reporter.saved(saved)

    @property
    def saves_failing(self) -> bool:
        """True while a write is not saved (``safely`` then reports its successes)."""
        return self.save_reporter.failing

    async def action_quit(self) -> None:
        """Save what is on screen, then quit."""
        self.lifecycle.save_what_is_typed()
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep help and the palette from opening over a screen that holds the keys.

        A notice such as "Restoring …" (``HOLDS_KEYS``) closes itself when its
        job is done; nothing may be opened on top of it meanwhile.
        """
        front = self.screen_stack[-1] if self.screen_stack else None
        return not (action in ("help", "command_palette") and getattr(front, "HOLDS_KEYS", False))

    def action_help(self) -> None:
        """Show every binding of the current screen (F1 again closes it)."""
        from companion.screens.help import HelpScreen  # ~20 ms: not before the first frame

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    # -- life cycle ----------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Note every key press and mouse event (the idle collector waits for a quiet moment)."""
        if isinstance(event, events.InputEvent):
            self.idle_collector.touch()
        await super().on_event(event)

    def on_mount(self) -> None:
        """Open the store once the first frame is on screen."""
        self.save_reporter.start()
        self.idle_collector.start()
        self.lifecycle.watch_signals(True)
        self.call_after_refresh(self.open_store)

    def open_store(self) -> None:
        """Open the data folder in a thread worker (:meth:`on_opened` follows)."""
        self.lifecycle.open_in_background()

    def on_opened(self, opened: Opened) -> None:
        """The data folder is open: apply the saved theme, offer a restore or fill the board."""
        self.lifecycle.answered = True
        if (exc := opened.error) is not None:
            self.push_screen(
                MessageDialog("Cannot open your data", open_failure(self.programme.folder, exc)),
                lambda _: self.exit(return_code=1),
            )
            return
        theme = self.programme.journal.settings().theme
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._save_theme)
        self.warm_up.start(0.5)
        self.set_interval(IDLE_CHECK_SECONDS, self.lifecycle.lock_idle_notes)
        store = self.programme.store
        for warning in store.warnings:
            self.notify(
                plain_line(warning), title="Warning", severity="warning", timeout=10, markup=False
            )
        for repair in store.repaired:
            self.notify(
                repair, title="Restore undone", severity="warning", timeout=15, markup=False
            )
        if store.needs_restore:
            # A file was moved aside: the restore comes before anything can be written.
            self.lifecycle.offer_restore()
            return
        self.lifecycle.begin()
        if notices := store.notices():
            self.push_screen(
                MessageDialog("Some of your data could not be read", "\n\n".join(notices))
            )

    def _save_theme(self, _theme: object) -> None:
        safely(self, lambda: self.programme.journal.save_theme(self.theme), "the theme")

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled exception: save what is on screen first, then exit with status 1.

        The save is best effort (the app may be in a bad state): its own errors
        are suppressed, and only the first exception saves.
        """
        if self._exception is None:
            with contextlib.suppress(Exception):
                self.lifecycle.save_what_is_typed()
        if hasattr(error, "__rich__"):
            # Textual would "panic": print the error's own many-line rendering on
            # exit. Here every crash ends the same way: status 1, one line, a report.
            error = _Plain(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception without printing a traceback (and its locals).

        The command line then prints one line and writes a private crash report
        (see companion/crash.py).
        """
        self.bell()
        self._close_messages_no_wait()

    async def _shutdown(self) -> None:
        """Let a screen being built off screen finish, then shut down as Textual does.

        (Textual's shutdown would close that screen's widgets under its mount;
        it has no public hook that runs before it. Textual is pinned.)
        """
        await self.warm_up.finish_building()
        await super()._shutdown()

    def on_unmount(self) -> None:
        """Lock private notes and release the data folder (every write is already on disk)."""
        self.lifecycle.watch_signals(False)
        self.lifecycle.wait_until_settled()
        self.lifecycle.lock_on_quit()
        base = self.screen_stack[0] if self.screen_stack else None
        if isinstance(base, DashboardScreen):
            base.save_summary()  # the next start shows the dashboard before the journal opens
        self.programme.close()
