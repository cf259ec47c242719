"""Going from screen to screen: what the app does when a screen sends a Request up.

The app owns one :class:`Navigator`; screens never call it (they post a
:class:`~companion.widgets.messages.Request`), so no screen imports another
screen's opener and nothing imports the app. Each screen is imported when it is
first opened, which keeps the dashboard's first frame fast
(``benchmarks/startup.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.dialogs.message import ChoiceDialog, ConfirmDialog, MessageDialog
from companion.screens.dashboard import DashboardScreen
from companion.screens.reader_nav import LessonHistory
from companion.screens.registry import SCREENS
from companion.widgets.messages import Request, safely
from companion.widgets.safe_text import plain_line

KEPT = ("sessions", "log", "cards", "curriculum")
"""Screens built once and shown again on their key (``Navigator._kept``)."""

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from companion.domain.sessions import Session
    from companion.programme.core import Programme


class Navigator:
    """Opens screens and runs the flows that span several dialogs (start a session…)."""

    def __init__(self, app: App[Any], programme: Programme) -> None:
        """Push screens on ``app``; give each the ``programme``."""
        self.app = app
        self.programme = programme
        self.lesson_history = LessonHistory()
        """The lessons opened, shared by every reader ("Previous lesson")."""

    def handle(self, request: Request) -> None:
        """Do what ``request`` asks (a screen can only ask once the data folder is open)."""
        if not self.programme.ready:
            return
        verb, target = request.verb, request.target
        if verb == "open":
            self.open_target(target)
        elif verb == "lesson":
            self.open_lesson(target)
        elif verb == "card":
            self.open_card(target)
        elif verb == "session":
            self.start_session(request.lesson_ids)
        elif verb == "review":
            self.start_review()
        elif verb == "checkin":
            self.take_checkin()
        elif verb == "backup":
            self.backup_now()
        elif verb == "restore":
            self.restore_shown(Path(target))
        elif verb == "wins":
            self.announce_wins()
        elif verb == "wrapped-up":
            self.after_wrap_up()

    # -- opening screens ------------------------------------------------------------

    def _screen_class(self, target: str) -> Callable[[Programme], Screen[Any]] | None:
        """The screen class named ``target`` in the registry (None: no such screen).

        Imported on first use: screens import pydantic, not wanted before the first frame.
        """
        entry = SCREENS.get(target)
        if entry is None:
            return None
        _, module, name = entry
        make: Callable[[Programme], Screen[Any]] = getattr(import_module(module), name)
        return make

    def open_target(self, target: str) -> None:
        """Open a full screen by name (dashboard panels and the palette)."""
        make = self._screen_class(target)
        if make is not None:
            if target in KEPT:
                self.app.push_screen(self._kept(target, lambda: make(self.programme)))
            else:
                self.app.push_screen(make(self.programme))

    def _kept(self, target: str, make: Callable[[], Screen[Any]]) -> Screen[Any] | str:
        """Return the installed screen for ``target`` (its name), or a new one to push.

        The journal, log and glossary are built once and shown again on their
        key, refreshed on resume (nothing rebuilt, styled or measured again);
        one whose filter choices no longer fit the data (``still_fits``) is
        built afresh, and one already open lower in the stack is not reused.
        """
        app, key = self.app, f"kept-{target}"
        if app.is_screen_installed(key):
            screen = app.get_screen(key)
            if screen in app.screen_stack:
                return make()
            fits: Callable[[], bool] | None = getattr(screen, "still_fits", None)
            if fits is None or fits():
                return key
            app.uninstall_screen(key)
            screen.remove()
        app.install_screen(make(), key)
        return key

    def kept_screen(self, target: str) -> Screen[Any] | None:
        """The kept screen for ``target`` if it has been built (shown or not), else None."""
        key = f"kept-{target}"
        return self.app.get_screen(key) if self.app.is_screen_installed(key) else None

    def prebuild(self, target: str) -> Awaitable[Any] | None:
        """Build a kept screen before its key is pressed (at idle time).

        Returns what to await for it to be mounted, None when there was
        nothing to build (built already, or the folder not open).

        The screen is composed, filled and styled off screen, so its first
        opening costs what every later one does. (Textual has no public call
        that starts an installed screen without showing it: ``_get_screen`` is
        what ``push_screen`` itself calls first; Textual is pinned.)
        """
        app, key = self.app, f"kept-{target}"
        make = self._screen_class(target)
        if target not in KEPT or make is None or app.is_screen_installed(key):
            return None
        if not self.programme.ready:
            return None
        app.install_screen(make(self.programme), key)
        _, mounted = app._get_screen(key)  # registers it: compose and mount, not shown
        return mounted

    def open_lesson(self, lesson_id: str) -> None:
        """Open a lesson in the reader."""
        from companion.screens.reader import ReaderScreen  # pydantic: not before the first frame

        if lesson_id in self.programme.curriculum.lessons:
            self.app.push_screen(ReaderScreen(self.programme, lesson_id, self.lesson_history))

    def open_card(self, card_id: str) -> None:
        """Show one glossary card."""
        from companion.dialogs.card import CardDialog  # pydantic: not before the first frame

        card = self.programme.cards.get(card_id)
        if card is not None:
            self.app.push_screen(CardDialog(card))

    # -- sessions -----------------------------------------------------------------------

    def start_session(self, lesson_ids: list[str] | None = None) -> None:
        """Resume the open session, or ask which lessons to cover and start a new one."""
        from companion.dialogs.start_session import StartSessionDialog  # pydantic: not at start

        current = self.programme.sessions.open_session()
        if current is not None:
            self.resume_session(current)
            return
        plan = self.programme.sessions.plan(lesson_ids)
        dialog = StartSessionDialog(plan.choices, plan.preselected, plan.reason, plan.agenda)

        def begin(chosen: list[str] | None) -> None:
            if chosen is None:
                return
            session = safely(
                self.app,
                lambda: self.programme.sessions.start(chosen, dialog.agenda),
                "The new session",
            )
            if session is not None:
                self.resume_session(session)

        self.app.push_screen(dialog, begin)

    def resume_session(self, session: Session) -> None:
        """Open the runner on ``session``."""
        from companion.screens.session import SessionScreen  # pydantic: not before the first frame

        self.app.push_screen(SessionScreen(self.programme, session))

    def offer_resume(self) -> None:
        """On start, offer to carry on with a session left open (closed or killed app)."""
        current = self.programme.sessions.open_session()
        if current is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.resume_session(current)

        self.app.push_screen(
            ConfirmDialog(
                "Resume the open session?",
                f"The session of {current.date.strftime('%a %d %b')} was not wrapped up. "
                "Its notes are saved. Carry on with it now?",
                "Resume",
            ),
            answer,
        )

    # -- cards and check-ins -----------------------------------------------------------

    def start_review(self) -> None:
        """Ask who is reviewing, then start their review."""
        from companion.screens.review import ReviewScreen  # pydantic: not before the first frame

        pair = self.programme.journal.pair()
        if pair is None:
            return

        def chosen(role: str | None) -> None:
            if role in ("mentor", "mentee"):
                self.app.push_screen(ReviewScreen(self.programme, role))  # type: ignore[arg-type]

        self.app.push_screen(
            ChoiceDialog(
                "Who is reviewing?",
                [
                    (f"{pair.mentee.name} (senior)", "mentee"),
                    (f"{pair.mentor.name} (junior)", "mentor"),
                ],
            ),
            chosen,
        )

    def take_checkin(self) -> None:
        """Take a check-in: each person answers on their own, then both see the scores."""
        from companion.dialogs.checkin_flow import checkin_flow  # pydantic: not at start

        if self.programme.journal.pair() is None:
            return
        self.app.run_worker(checkin_flow(self.app, self.programme), group="checkin", exclusive=True)

    def announce_wins(self) -> None:
        """Record the wins the journal now shows and announce each new one."""
        fresh = safely(self.app, self.programme.evaluation.record_wins, "The new wins")
        for win in fresh or []:
            self.app.notify(plain_line(win.title), title="A win!", timeout=8, markup=False)
        if fresh and isinstance(self.app.screen, DashboardScreen):
            self.app.screen.refresh_board()

    def after_wrap_up(self) -> None:
        """Announce new wins, then offer a check-in when one is due ("Later" asks next time)."""
        self.announce_wins()
        due = self.programme.evaluation.checkin_due()
        if due is None or not due.due:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.take_checkin()

        self.app.push_screen(
            ConfirmDialog(
                "Time for a check-in?",
                f"{due.reason} A check-in takes five minutes: you both answer eight "
                "statements. Later asks again after the next session.",
                "Check in now",
                "Later",
            ),
            answer,
        )

    # -- the data folder ------------------------------------------------------------------

    def backup_now(self) -> None:
        """Take a backup of the data folder and say where it went."""
        made = safely(self.app, self.programme.data.backup, "the backup")
        if made is not None:
            self.app.notify(f"Backup written: {made.name}", title="Backed up")

    def restore_shown(
        self,
        backup: Path,
        on_failure: Callable[[], None] | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Restore ``backup`` with a notice on screen meanwhile; ``then`` runs if it was restored.

        A restore reads, checks and writes the whole folder (seconds with ten
        years of records) on the event loop, as every write does; the notice is
        drawn first, so the screen never just stops.
        """
        from companion.dialogs.busy import BusyDialog  # only when restoring

        def restore() -> None:
            busy.close()  # gone from the stack now, from the screen with the next frame
            if self.restore_from(backup, on_failure) and then is not None:
                then()

        busy = BusyDialog(
            "Restoring", f"Restoring {backup.name}. The current data is copied first.", restore
        )
        self.app.push_screen(busy)

    def restore_from(self, backup: Path, on_failure: Callable[[], None] | None = None) -> bool:
        """Restore ``backup`` while the app runs, then start again on the dashboard.

        Return whether it was restored; on failure the reason is shown and
        ``on_failure`` runs once it is dismissed.
        """
        from companion.storage.restore import RestoreError  # pydantic: not at start
        from companion.storage.schema import InvalidFileError

        def fail(text: str) -> bool:
            self.app.push_screen(
                MessageDialog("Not restored", text),
                (lambda _: on_failure()) if on_failure is not None else None,
            )
            return False

        try:
            self.programme.data.restore(backup)
        except InvalidFileError as exc:
            why = exc.why if "nothing was changed" in exc.why else f"{exc.why}; nothing was changed"
            return fail(f"{exc.path.name}: {why}.")
        except RestoreError as exc:
            return fail(f"{str(exc).capitalize()}.")
        except OSError as exc:
            return fail(f"The restore failed: {exc}.")
        self.app.notify(f"Restored {plain_line(backup.name)}.", title="Restored", markup=False)
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        if isinstance(self.app.screen, DashboardScreen):
            self.app.screen.start()
        return True
