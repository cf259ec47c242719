"""Asking about a pair's start date more than a year back or ahead (a likely typo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.screen import Screen

from companion.dialogs.message import ConfirmDialog
from companion.domain.checks import start_question


def confirm_start(
    screen: Screen[object], started_on: date, today: date, then: Callable[[], None]
) -> None:
    """Run ``then`` at once for a start within a year of ``today``; otherwise ask first.

    "Keep this date" runs ``then``; "Change it" (or Escape) leaves the form as it is.
    """
    question = start_question(started_on, today)
    if question is None:
        then()
        return

    def answer(yes: bool | None) -> None:
        if yes:
            then()

    screen.app.push_screen(
        ConfirmDialog("Is the start date right?", question, "Keep this date", "Change it"),
        answer,
    )
