"""Moving the next session from any screen: ask for the day, save it, say where it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from companion.dialogs.reschedule import RescheduleDialog
from companion.formatting import short_date
from companion.widgets.messages import safely

if TYPE_CHECKING:
    from companion.programme.core import Programme


def ask_reschedule(screen: Screen[Any], programme: Programme, then: Callable[[], None]) -> None:
    """Ask for the next session's new day and time, save the move, then call ``then``."""
    evaluation = programme.evaluation
    today = programme.today()
    overview = programme.reports.overview()
    current = overview.rhythm.next_session if overview is not None else today
    pair = programme.journal.pair()
    at = pair.session_time if pair is not None else None

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        saved = safely(
            screen,
            lambda: evaluation.reschedule_next(values["on"], values["at"]) or True,
            "The new date",
        )
        if saved is not None:
            when = short_date(values["on"])
            if values["at"] is not None:
                when += f" at {values['at']:%H:%M}"
            screen.notify(
                f"Next session moved to {when}; the timeline and calendar export follow.",
                timeout=4,
            )
            then()

    screen.app.push_screen(RescheduleDialog(today, max(current, today), at), done)
