"""Editing what each person wants from the programme, from the dashboard or the check-ins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from companion.dialogs.expectation import ExpectationDialog
from companion.dialogs.message import ChoiceDialog
from companion.widgets.messages import safely
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.programme.core import Programme


def edit_expectation(screen: Screen[Any], programme: Programme, then: Callable[[], object]) -> None:
    """Ask whose expectation to change, then the sentence and themes; save and call ``then``."""
    pair = programme.journal.pair()
    if pair is None:
        return
    names: dict[Role, str] = {"mentor": pair.mentor.name, "mentee": pair.mentee.name}

    def chosen(role: str | None) -> None:
        if role not in ("mentor", "mentee"):
            return
        who: Role = "mentor" if role == "mentor" else "mentee"
        current = programme.evaluation.latest_expectation(who)

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            saved = safely(
                screen,
                lambda: programme.evaluation.say_expectation(
                    who, values["sentence"], values["themes"]
                ),
                "The expectation",
            )
            if saved is not None:
                screen.notify(f"Saved what {names[who]} wants.", timeout=3, markup=False)
                then()

        screen.app.push_screen(ExpectationDialog(plain_line(names[who]), current), done)

    screen.app.push_screen(
        ChoiceDialog(
            "Whose expectation?",
            [(plain_line(names["mentor"]), "mentor"), (plain_line(names["mentee"]), "mentee")],
        ),
        chosen,
    )
