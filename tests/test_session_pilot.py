"""Running a session by keys, surviving a kill, and finding it again afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import DataTable, Input, TextArea

from companion.dialogs.message import ConfirmDialog
from companion.privacy import Vault
from companion.screens.dashboard import DashboardScreen
from companion.screens.journal import JournalScreen
from companion.screens.log import LogScreen
from companion.screens.session import SessionScreen
from companion.storage.store import Store
from tests.apphelpers import (
    demo_folder,
    in_progress_notes,
    in_terminal,
    press_and_wait,
    running,
    running_demo,
    start_session,
    type_into,
)


async def test_a_whole_session_by_keys_then_journal_and_log_after_restart(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        assert isinstance(app.screen, DashboardScreen)
        session = await start_session(pilot)  # the suggested lesson is ticked
        session_id = session.session.id
        lesson_ids = session.session.lesson_ids
        await type_into(pilot, "We set up passkeys")
        await pilot.press("ctrl+down")  # next part of the agenda
        assert app.screen.session.segment == 1
        await press_and_wait(pilot, "ctrl+o")  # an action item
        await type_into(pilot, "Try a passkey")
        await press_and_wait(pilot, "ctrl+s")
        await press_and_wait(pilot, "ctrl+g")  # capture a term (one the shipped decks do not have)
        await type_into(pilot, "Security key")
        await pilot.press("tab")
        await type_into(pilot, "A sign in without a password")
        await press_and_wait(pilot, "ctrl+s")
        await press_and_wait(pilot, "ctrl+f")  # wrap up
        screen = app.screen
        screen.query_one("#rating-mentor").value = 5
        screen.query_one("#rating-mentee").value = 4
        screen.query_one("#input-worked-mentor", Input).value = "Hands on"
        await press_and_wait(pilot, "ctrl+s")
        await pilot.click("#choice-finish")  # a session of a few seconds asks first
        await pilot.pause()
        # A month since the last check-in: the wrap-up offers one; "Later" declines.
        assert isinstance(app.screen, ConfirmDialog)
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)

    async with running(data) as (again, pilot):
        await press_and_wait(pilot, "j")
        assert isinstance(again.screen, JournalScreen)
        table = again.screen.query_one(DataTable)
        assert table.get_row(session_id)[3:5] == ["5", "4"]
        await press_and_wait(pilot, "escape", "l")
        assert isinstance(again.screen, LogScreen)
        assert session_id in [e.session_id for e in again.programme.journal.log_entries()]

    with Store.open(data, readonly=True) as store:
        session = store.journal.session(session_id)
        assert session is not None and session.status == "finished"
        assert session.shared_notes == "We set up passkeys"
        assert [a.text for a in store.journal.actions(session_id)] == ["Try a passkey"]
        card = next(c for c in store.cards.cards() if c.term == "Security key")
        assert card.source.kind == "session" and card.source.ref == session_id
        marks_done = {
            i for s in store.journal.sessions() if s.status == "finished" for i in s.lesson_ids
        }
        assert set(lesson_ids) <= marks_done


async def test_journal_search_finds_a_word_from_the_notes(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        await press_and_wait(pilot, "j")
        table = app.screen.query_one(DataTable)
        everything = table.row_count
        await pilot.press("slash")
        await type_into(pilot, "phishing")
        await pilot.pause()
        assert 1 <= table.row_count < everything
        notes = [
            app.programme.sessions.get(str(table.coordinate_to_cell_key((r, 0)).row_key.value))
            for r in range(table.row_count)
        ]
        assert all("phishing" in n.shared_notes.lower() for n in notes if n)


def test_killing_the_app_mid_session_keeps_the_notes_and_offers_resumption(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    with in_terminal(data, f"kill{os.getpid()}") as terminal:
        terminal.start_session()
        terminal.type("Notes typed long before the kill")
        time.sleep(6)  # more than the five seconds a kill may cost
        terminal.signal(signal.SIGKILL, within=10)

    assert in_progress_notes(data) == ["Notes typed long before the kill"]

    import asyncio

    async def check_offer() -> None:
        async with running(data) as (app, pilot):
            assert (
                "Resume the open session?" in str(app.screen.query("*").first().parent or "")
                or type(app.screen).__name__ == "ConfirmDialog"
            )
            await press_and_wait(pilot, "y")
            assert isinstance(app.screen, SessionScreen)
            assert (
                app.screen.query_one("#notes", TextArea).text == "Notes typed long before the kill"
            )

    asyncio.run(check_offer())


def test_private_notes_stay_out_of_exports_unless_asked(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    with Store.open(data, readonly=True) as store:
        vault = Vault(store.journal, migrate=False)
        assert vault.unlock("mentor", "demo")
        secret = vault.read("mentor", store.journal.sessions()[0].id)
    assert secret
    for args in (
        ["--format", "md"],
        ["--format", "csv", "--what", "sessions"],
        ["--format", "json"],
    ):
        plain = subprocess.run(
            [sys.executable, "-m", "companion.cli", "export", *args, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert secret not in plain, args
        full = subprocess.run(
            [
                sys.executable,
                "-m",
                "companion.cli",
                "export",
                *args,
                "--include-private",
                "--data-dir",
                str(data),
            ],
            input="demo\ndemo\n",
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert secret in full, args


async def test_follow_up_lists_earlier_open_actions_to_tick_off(data: Path) -> None:
    from textual.widgets import SelectionList

    async with running_demo(data) as (app, pilot):
        await start_session(pilot)
        listing = app.screen.query_one("#follow-up", SelectionList)
        assert app.screen.has_class("-no-follow-up")  # hidden during the check-in
        await pilot.press("ctrl+down")
        assert not app.screen.has_class("-no-follow-up")
        open_before = [a for a in app.programme.journal.actions() if not a.done]
        assert listing.option_count == len(open_before) > 0
        listing.focus()
        await press_and_wait(pilot, "space")  # tick the first one off
    with Store.open(data, readonly=True) as store:
        ticked = next(a for a in store.journal.actions() if a.id == open_before[0].id)
        assert ticked.done and ticked.done_on is not None


async def test_the_agenda_can_be_edited_before_starting(data: Path) -> None:
    from companion.dialogs.start_session import StartSessionDialog

    async with running_demo(data) as (app, pilot):
        await press_and_wait(pilot, "n")
        field = app.screen.query_one("#input-agenda", Input)
        assert field.value == "6 6 24 18 6"
        field.value = "5 5"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, StartSessionDialog)  # refused: five numbers are needed
        assert app.screen.query_one("#field-agenda").has_class("-invalid")
        field.value = "5 5 20 15 5"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, SessionScreen)
        assert [item.minutes for item in app.screen.session.agenda] == [5, 5, 20, 15, 5]
        assert app.screen.session.minutes == 50
