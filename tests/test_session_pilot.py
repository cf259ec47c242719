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
from tests.apphelpers import app_on, demo_folder


async def type_into(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ".": "full_stop", ",": "comma"}.get(c, c) for c in text])


async def test_a_whole_session_by_keys_then_journal_and_log_after_restart(data: Path) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("n")  # start a session: the suggested lesson is ticked
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session_id = app.screen.session.id
        lesson_ids = app.screen.session.lesson_ids
        await type_into(pilot, "We set up passkeys")
        await pilot.press("ctrl+down")  # next part of the agenda
        assert app.screen.session.segment == 1
        await pilot.press("ctrl+o")  # an action item
        await pilot.pause()
        await type_into(pilot, "Try a passkey")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+g")  # capture a term (one the shipped decks do not have)
        await pilot.pause()
        await type_into(pilot, "Security key")
        await pilot.press("tab")
        await type_into(pilot, "A sign in without a password")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+f")  # wrap up
        await pilot.pause()
        screen = app.screen
        screen.query_one("#rating-mentor").value = 5
        screen.query_one("#rating-mentee").value = 4
        screen.query_one("#input-worked-mentor", Input).value = "Hands on"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-finish")  # a session of a few seconds asks first
        await pilot.pause()
        # A month since the last check-in: the wrap-up offers one; "Later" declines.
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    again = app_on(data)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(again.screen, JournalScreen)
        table = again.screen.query_one(DataTable)
        assert table.get_row(session_id)[3:5] == ["5", "4"]
        await pilot.press("escape", "l")
        await pilot.pause()
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
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
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
    name = f"kill{os.getpid()}"
    socket = ["tmux", "-L", name, "-f", "/dev/null"]
    command = f"{sys.executable} -m companion.cli --data-dir {data}"

    def screen() -> str:
        return subprocess.run(
            [*socket, "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout

    def wait_for(text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in screen():
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{screen()}"
            time.sleep(0.05)

    subprocess.run(
        [*socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], check=True
    )
    try:
        wait_for("Next session:")
        subprocess.run([*socket, "send-keys", "-t", name, "n"], check=True)
        wait_for("Start a session")
        subprocess.run([*socket, "send-keys", "-t", name, "Enter"], check=True)
        wait_for("Shared notes")
        subprocess.run(
            [*socket, "send-keys", "-t", name, "-l", "Notes typed long before the kill"], check=True
        )
        time.sleep(6)  # more than the five seconds a kill may cost
        pids = subprocess.run(
            ["pgrep", "-f", f"companion.cli --data-dir {data}"], capture_output=True, text=True
        ).stdout.split()
        assert pids, "the app should be running"
        for pid in pids:
            os.kill(int(pid), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while subprocess.run(
            ["pgrep", "-f", f"companion.cli --data-dir {data}"], capture_output=True
        ).stdout:
            assert time.monotonic() < deadline, "the killed app did not go away"
            time.sleep(0.05)
    finally:
        subprocess.run([*socket, "kill-server"], capture_output=True)

    with Store.open(data, readonly=True) as store:
        open_sessions = [s for s in store.journal.sessions() if s.status == "in-progress"]
        assert len(open_sessions) == 1
        assert open_sessions[0].shared_notes == "Notes typed long before the kill"

    import asyncio

    async def check_offer() -> None:
        app = app_on(data)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert (
                "Resume the open session?" in str(app.screen.query("*").first().parent or "")
                or type(app.screen).__name__ == "ConfirmDialog"
            )
            await pilot.press("y")
            await pilot.pause()
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

    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        listing = app.screen.query_one("#follow-up", SelectionList)
        assert app.screen.has_class("-no-follow-up")  # hidden during the check-in
        await pilot.press("ctrl+down")
        assert not app.screen.has_class("-no-follow-up")
        open_before = [a for a in app.programme.journal.actions() if not a.done]
        assert listing.option_count == len(open_before) > 0
        listing.focus()
        await pilot.press("space")  # tick the first one off
        await pilot.pause()
    with Store.open(data, readonly=True) as store:
        ticked = next(a for a in store.journal.actions() if a.id == open_before[0].id)
        assert ticked.done and ticked.done_on is not None


async def test_the_agenda_can_be_edited_before_starting(data: Path) -> None:
    from companion.dialogs.start_session import StartSessionDialog

    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one("#input-agenda", Input)
        assert field.value == "6 6 24 18 6"
        field.value = "5 5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StartSessionDialog)  # refused: five numbers are needed
        assert app.screen.query_one("#field-agenda").has_class("-invalid")
        field.value = "5 5 20 15 5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert [item.minutes for item in app.screen.session.agenda] == [5, 5, 20, 15, 5]
        assert app.screen.session.minutes == 50
