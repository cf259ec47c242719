"""What happens around the screens while the app runs: opening, idling, quitting.

The app owns one :class:`Lifecycle`: it opens the data folder in a thread worker
after the first frame (the dashboard is drawn from the start-up summary
meanwhile); until the folder is open and the restore-first offer is settled,
requests (keys, panels, palette) are kept and done in order once it is; then it
offers the restore first (when a file was moved aside) or fills the dashboard; it locks
private notes left idle; and before the app quits (Ctrl+Q, or the terminal
closing: SIGHUP, SIGTERM) it asks every screen holding typed text to save it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from typing import TYPE_CHECKING, Any

from textual.message import Message

from companion.formatting import visible
from companion.screens.dashboard import DashboardScreen
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from textual.app import App

    from companion.programme.core import Programme
    from companion.screens.navigator import Navigator
    from companion.widgets.messages import Request


EXIT_GRACE = 3.0
"""Seconds Textual gets to shut down after SIGHUP or SIGTERM once everything is saved."""

OPEN_WAIT = 120.0
"""Seconds quitting waits for a data folder still opening in the background."""

OPENING = "Opening your journal…"
"""Said (briefly) when a key needs the journal before it is open; the key is done then."""

SMALL_WIDTH = 60
"""Terminals narrower than this get the short content notice (a toast is half as wide)."""


class Opened(Message):
    """The data folder was opened in the background, or could not be (``error``)."""

    def __init__(self, error: OSError | None = None) -> None:
        super().__init__()
        self.error = error


class Lifecycle:
    """Opening, idle locking and saving before quitting, for one app."""

    def __init__(self, app: App[Any], programme: Programme, navigator: Navigator) -> None:
        """Look after ``app`` running on ``programme``; flows go through ``navigator``."""
        self.app = app
        self.programme = programme
        self.navigator = navigator
        self.is_open = False
        """True once the folder is open and nothing (a restore offer) must come first."""
        self.pending: list[Request] = []
        """Requests made before then, done in order once it is."""
        self.begun = False
        """True once a background open has been started."""
        self.answered = False
        """True once the app has handled the open's outcome (open, failed or damaged)."""
        self.settled = threading.Event()
        """Set when no open is under way (a background open finished or failed)."""
        self.settled.set()

    # -- opening ------------------------------------------------------------------------

    def open_in_background(self) -> None:
        """Open the data folder in a thread worker; the app gets :class:`Opened` after.

        Only the store's own work runs in the thread (reading, validating, backing
        up); everything that touches the screens (the restore offer, filling the
        dashboard) runs on the app's thread when :class:`Opened` arrives.
        """
        self.settled.clear()
        self.begun = True
        self.app.run_worker(self._open, name="open the data folder", thread=True)

    def _open(self) -> None:
        try:
            self.programme.open()
        except OSError as exc:
            self.app.post_message(Opened(exc))
        else:
            self.app.post_message(Opened())
        finally:
            self.settled.set()

    def wait_until_settled(self) -> None:
        """Wait (quitting) for a background open to finish, so closing does not race it."""
        self.settled.wait(OPEN_WAIT)

    def request(self, request: Request) -> None:
        """Do ``request`` now, or once the folder is open (saying so): never lost."""
        if self.is_open:
            self.navigator.handle(request)
            return
        self.pending.append(request)
        self.app.notify(OPENING, timeout=1.5)

    def now_open(self) -> None:
        """The folder is open and settled: do the requests made meanwhile, in order."""
        self.is_open = True
        pending, self.pending = self.pending, []
        for request in pending:
            self.navigator.handle(request)

    def begin(self) -> None:
        """Fill the dashboard (or start the first-run wizard) and offer to resume a session."""
        base = self.app.screen_stack[0] if self.app.screen_stack else None
        if isinstance(base, DashboardScreen):
            base.start()
        # A toast taller than a small terminal loses its first lines: there, only the count.
        if notice := self.programme.content_notice(brief=self.app.size.width < SMALL_WIDTH):
            self.app.notify(
                visible(notice), title="Content", severity="warning", timeout=20, markup=False
            )
        self._resume_and_open()

    def _resume_and_open(self) -> None:
        """Offer to resume a session in progress, then do the requests made meanwhile."""
        self.navigator.offer_resume()
        self.now_open()

    def offer_restore(self) -> None:
        """Name the damaged file and the backup; restore, start afresh (START) or quit."""
        from companion.dialogs.restore_first import RestoreFirstDialog  # only after damage

        offer = self.programme.recovery.offer()
        if offer is None:
            self.begin()
            return

        def chosen(choice: str | None) -> None:
            if choice == "restore" and offer.backup is not None:
                self.navigator.restore_shown(
                    offer.backup, on_failure=self.offer_restore, then=self._resume_and_open
                )
            elif choice == "fresh" and self.programme.recovery.start_afresh("START"):
                self.begin()
            else:
                self.app.exit()

        self.app.push_screen(RestoreFirstDialog(offer), chosen)

    # -- private notes ------------------------------------------------------------------

    def lock_idle_notes(self) -> None:
        """Lock the private notes of whoever has been idle ten minutes (the programme's clock)."""
        if not self.programme.ready or "privacy" not in self.programme.__dict__:
            return  # nobody has opened private notes yet
        for role in self.programme.privacy.expire_idle():
            name = plain_line(self.programme.privacy.name(role))
            self.app.notify(f"{name}'s private notes locked after 10 idle minutes.", markup=False)

    def lock_private_notes(self) -> None:
        """Lock both people's private notes now (the palette's "Lock private notes")."""
        if self.programme.ready:
            self.programme.privacy.lock_all()
            self.app.notify("Private notes locked.", timeout=3)

    def lock_on_quit(self) -> None:
        """Lock every private note as the app closes."""
        if "privacy" in self.programme.__dict__:
            self.programme.privacy.lock_all()

    # -- quitting -----------------------------------------------------------------------

    def save_what_is_typed(self) -> None:
        """Ask every open screen that holds typed text to save it (before quitting)."""
        for screen in list(self.app.screen_stack):
            save = getattr(screen, "save_on_exit", None)
            if callable(save):
                with contextlib.suppress(Exception):  # quitting goes on; the save reported it
                    save()

    def on_terminal_signal(self) -> None:
        """SIGHUP (terminal closed) or SIGTERM: save what is on screen, then quit.

        With the terminal gone, Textual's own shutdown can wait on output that will
        never drain; what was typed is on disk by then (every write is atomic, the
        folder lock goes with the process), so the process ends within
        :data:`EXIT_GRACE` seconds whatever happens.
        """
        self.save_what_is_typed()
        self.lock_on_quit()
        deadline = threading.Timer(EXIT_GRACE, os._exit, args=(0,))
        deadline.daemon = True
        deadline.start()
        self.app.exit()

    def watch_signals(self, watch: bool) -> None:
        """Save on SIGHUP and SIGTERM while the app runs (not on platforms without them)."""
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                if watch:
                    loop.add_signal_handler(signum, self.on_terminal_signal)
                else:
                    loop.remove_signal_handler(signum)
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):
            pass
