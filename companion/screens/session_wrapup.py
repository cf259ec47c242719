"""The session runner's wrap-up: finish, discard a very short session, or keep a draft."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from companion.dialogs.wrapup import WrapUpDialog
from companion.domain.session_rules import spent_minutes
from companion.domain.sessions import Reflection, Reflections
from companion.widgets.messages import Request, safely

if TYPE_CHECKING:
    from companion.domain.sessions import Session
    from companion.programme.core import Programme


class WrapUpFlow:
    """Mixin for the session screen: Ctrl+F opens the wrap-up and acts on its answer."""

    programme: Programme
    session: Session
    dirty: bool
    closed: bool
    running: bool

    def action_wrap_up(self) -> None:
        """Rate, reflect, check the length, set the next date, and finish the session."""
        pair = self.programme.journal.pair()
        names = (
            {"mentor": pair.mentor.name.split()[0], "mentee": pair.mentee.name.split()[0]}
            if pair
            else {"mentor": "Mentor", "mentee": "Mentee"}
        )
        self.running = False
        self._show_timer()
        dialog = WrapUpDialog(
            names,
            self._next_date(),
            draft=self.session.reflections,
            minutes=max(1, spent_minutes(self.session.elapsed_seconds)),
            today=self.programme.today(),
        )
        self.app.push_screen(dialog, self._wrapped_up)

    def _wrapped_up(self, values: dict[str, Any] | None) -> None:
        """Finish, discard, or keep the reflections as a draft and carry on."""
        outcome = values.get("outcome") if values else None
        if values is None or outcome is None:
            self.running = True
            self._show_timer()
            return
        reflections = Reflections(
            mentor=Reflection(**values["mentor"]), mentee=Reflection(**values["mentee"])
        )
        session = self.session
        if outcome == "draft":
            self.session = session.model_copy(update={"reflections": reflections})
            self.dirty = True
            self.flush()
            self.running = True
            self._show_timer()
            return
        if outcome == "discard":
            if safely(self, lambda: self.programme.sessions.delete(session.id), "The session"):
                self.closed = True
                self.app.pop_screen()
                self.notify("The session was discarded.", timeout=4)
            return
        next_on = date.fromisoformat(values["next"]) if values["next"] else None
        minutes = int(values["minutes"])
        if safely(
            self,
            lambda: self.programme.sessions.finish(session, reflections, next_on, minutes=minutes),
            "The session",
        ):
            self.closed = True
            self.app.pop_screen()
            self.notify("Session finished. Its lessons are marked done.", title="Well done")
            self.app.post_message(Request("wrapped-up"))
