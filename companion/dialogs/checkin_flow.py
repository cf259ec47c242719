"""Taking a check-in: the mentor answers, hands the laptop over, the mentee answers, both see.

Each comment is private by default (sealed in its writer's vault, which needs
their passphrase) unless its writer ticks "share with my partner". Run
:func:`checkin_flow` in a worker: it waits for each dialog.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from companion.dialogs.checkin import AnswersDialog, CheckInResultDialog, HandOverDialog
from companion.dialogs.expectation import ExpectationDialog
from companion.dialogs.message import ChoiceDialog
from companion.dialogs.private_notes import ensure_unlocked
from companion.domain.checkin_trends import raised_by
from companion.widgets.messages import safely
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from textual.app import App

    from companion.domain.base import Role
    from companion.domain.checkins import CheckIn
    from companion.programme.core import Programme


async def _keep_comment(
    app: App[Any], programme: Programme, role: Role, answers: dict[str, Any]
) -> None:
    """Make sure a private comment can be sealed: unlock, set a passphrase, share or leave out.

    Changes ``answers`` in place: ``shared`` when the person chose to share
    instead, an empty ``comment`` when they left it out.
    """
    if not answers["comment"] or answers["shared"]:
        return
    privacy = programme.privacy
    name = privacy.name(role)
    if not privacy.vault.has_passphrase(role):
        choice = await app.push_screen_wait(
            ChoiceDialog(
                f"{name}: your comment is private",
                [
                    ("Set a passphrase to keep it private", "set"),
                    ("Share it with my partner", "share"),
                    ("Leave the comment out", "skip"),
                ],
            )
        )
        if choice == "share":
            answers["shared"] = True
            return
        if choice != "set":
            answers["comment"] = ""
            return
    if await ensure_unlocked(app, privacy, role):
        return
    choice = await app.push_screen_wait(
        ChoiceDialog(
            f"{name}: your notes stay locked",
            [("Leave the comment out", "skip"), ("Share it with my partner", "share")],
        )
    )
    if choice == "share":
        answers["shared"] = True
    else:
        answers["comment"] = ""


def _store(
    app: App[Any], programme: Programme, values: dict[str, Any], role: Role, answers: dict[str, Any]
) -> CheckIn | None:
    """Store the check-in with ``role``'s scores, then their comment (sealed unless shared)."""
    values[role] = {"scores": answers["scores"]}
    saved = safely(app, lambda: programme.journal.take_checkin(values), "The check-in")
    if saved is None:
        return None
    values["id"] = saved.id
    if answers["comment"]:
        vault = programme.privacy.vault
        text, shared = answers["comment"], answers["shared"]
        if safely(
            app,
            lambda: vault.write_comment(role, saved.id, text, shared=shared) or True,
            "The comment",
        ):
            values[role] = {"scores": answers["scores"], "comment": text if shared else ""}
            values[role]["shared"] = shared
    return saved


async def checkin_flow(app: App[Any], programme: Programme) -> CheckIn | None:
    """Take a check-in from each person in turn; return it as stored (None when stopped early)."""
    privacy = programme.privacy
    names = {role: plain_line(name) for role, name in programme.journal.first_names().items()}
    values: dict[str, Any] = {"date": programme.today()}
    stored: CheckIn | None = None
    order: tuple[Role, Role] = ("mentor", "mentee")
    was_open = privacy.vault.is_unlocked(order[1])
    for turn, role in enumerate(order):
        if turn:
            privacy.vault.lock(order[0])  # the first person has left the keyboard
            if not await app.push_screen_wait(HandOverDialog(names[order[0]], names[role])):
                app.notify(f"Only {names[order[0]]}'s answers were saved.", markup=False)
                return stored
        answers = await app.push_screen_wait(AnswersDialog(names[role]))
        if answers is None:
            if stored is not None:
                app.notify(f"Only {names[order[0]]}'s answers were saved.", markup=False)
            return stored
        await _keep_comment(app, programme, role, answers)
        stored = _store(app, programme, values, role, answers)
        if stored is None:
            return None
    if not was_open:
        privacy.vault.lock(order[1])  # opened for the comment only: the pair now looks together
    checkin = next((c for c in programme.journal.checkins() if c.id == values["id"]), stored)
    raised = raised_by(checkin, programme.reports.playbook())
    await app.push_screen_wait(CheckInResultDialog(names, checkin, raised))
    app.notify("Check-in saved.", timeout=3)
    await _ask_expectations(app, programme, names, checkin.id)
    return checkin


async def _ask_expectations(
    app: App[Any], programme: Programme, names: dict[Role, str], checkin_id: str
) -> None:
    """Offer each person to say again what they want from the programme (Esc keeps it)."""
    evaluation = programme.evaluation
    for role in ("mentor", "mentee"):
        who: Role = "mentor" if role == "mentor" else "mentee"
        current = evaluation.latest_expectation(who)
        prompt = (
            f"{names[who]}: has what you want from the programme changed? (Esc keeps it)"
            if current is not None
            else f"{names[who]}: what do you want from the programme? (Esc skips)"
        )
        values = await app.push_screen_wait(ExpectationDialog(names[who], current, prompt))
        if values is None:
            continue
        said = functools.partial(
            evaluation.say_expectation, who, values["sentence"], values["themes"]
        )
        safely(app, functools.partial(said, "checkin", checkin_id), "The expectation")
