"""Nothing typed is lost: Esc with edits asks, notes autosave fast, wrap-up never finishes by
accident, and the session's length is the time actually spent."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, TextArea

from companion.dialogs.forms import ActionDialog
from companion.dialogs.message import ChoiceDialog, ConfirmDialog
from companion.dialogs.passphrase import AskPassphraseDialog
from companion.dialogs.private_notes import PrivateNotesEditor
from companion.dialogs.unsaved import UnsavedDialog
from companion.dialogs.wrapup import WrapUpDialog
from companion.domain.session_rules import SessionClock, check_wrap_up_minutes, spent_minutes
from companion.privacy import Vault
from companion.screens.dashboard import DashboardScreen
from companion.screens.session_detail import SessionDetailScreen
from companion.storage.store import Store
from tests.apphelpers import (
    open_latest_session,
    press_and_wait,
    running_demo,
    start_session,
    stored,
    type_into,
)

# -- the clock ---------------------------------------------------------------------------


def test_the_clock_counts_time_spent_and_leaves_out_pauses() -> None:
    clock = SessionClock(base=60.0, segment_base=20.0)
    assert clock.elapsed(100.0) == 60.0 and not clock.running
    clock.start(100.0)
    assert clock.elapsed(130.5) == 90.5
    assert clock.segment_elapsed(130.5) == 50.5
    clock.pause(130.5)
    assert clock.elapsed(1000.0) == 90.5  # the pause does not count
    clock.start(1000.0)
    clock.next_segment(1010.0)
    assert clock.elapsed(1015.0) == 105.5
    assert clock.segment_elapsed(1015.0) == 5.0


def test_wrap_up_minutes_are_checked_with_sentences() -> None:
    assert check_wrap_up_minutes("45") == (45, None)
    # Under five minutes is let through: the wrap-up asks "finish, or discard?".
    assert check_wrap_up_minutes("0") == (0, None)
    assert check_wrap_up_minutes("241")[1] == "Minutes must be between 5 and 240."
    assert check_wrap_up_minutes("")[1] is not None
    assert spent_minutes(89) == 1 and spent_minutes(91) == 2


# -- Esc with unsaved edits ---------------------------------------------------------------


async def test_escape_in_a_form_with_edits_asks_and_keeps_editing(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        await press_and_wait(pilot, "ctrl+o")
        assert isinstance(app.screen, ActionDialog)
        await type_into(pilot, "Send the slides")
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        await press_and_wait(pilot, "escape")  # keep editing
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#input-text", Input).value == "Send the slides"
        await press_and_wait(pilot, "escape")
        await press_and_wait(pilot, "s")  # save
        assert app.screen is session
        assert [a.text for a in app.programme.journal.actions(session.session.id)] == [
            "Send the slides"
        ]


async def test_escape_in_an_untouched_form_closes_and_discard_drops(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        await press_and_wait(pilot, "ctrl+o")
        await press_and_wait(pilot, "escape")  # nothing typed: closes at once
        assert app.screen is session
        await press_and_wait(pilot, "ctrl+o")
        await type_into(pilot, "Not wanted")
        await press_and_wait(pilot, "escape")
        await press_and_wait(pilot, "d")  # discard
        assert app.screen is session
        assert app.programme.journal.actions(session.session.id) == []


async def _open_mentors_private_notes(app, pilot) -> PrivateNotesEditor:
    """In a running session, open the mentor's private notes with the demo passphrase."""
    await press_and_wait(pilot, "ctrl+r")
    await pilot.click("#choice-mentor")
    await pilot.pause()
    assert isinstance(app.screen, AskPassphraseDialog)
    await type_into(pilot, "demo")  # the demo pair's passphrase
    await press_and_wait(pilot, "enter")
    editor = app.screen
    assert isinstance(editor, PrivateNotesEditor)
    return editor


def _mentors_private_notes(data: Path, session_id: str) -> str:
    """The mentor's private notes on ``session_id``, as sealed on disk."""
    with Store.open(data, readonly=True) as store:
        vault = Vault(store.journal)
        assert vault.unlock("mentor", "demo")
        return vault.read("mentor", session_id)


async def test_private_notes_open_at_quit_are_sealed_and_saved(data: Path) -> None:
    async with running_demo(data, (100, 34)) as (app, pilot):
        session = await start_session(pilot)
        await _open_mentors_private_notes(app, pilot)
        await type_into(pilot, "Only mine")
        await app.action_quit()  # Ctrl+Q before the two-second autosave
    assert _mentors_private_notes(data, session.session.id).endswith("Only mine")


async def test_the_journal_session_editor_asks_before_leaving_with_edits(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        detail = await open_latest_session(pilot)
        detail.query_one("#notes", TextArea).focus()
        await pilot.press("ctrl+end")
        await type_into(pilot, " Added later")
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        await press_and_wait(pilot, "s")
        assert not isinstance(app.screen, SessionDetailScreen | UnsavedDialog)
        assert "Added later" in stored(data, detail.session.id).shared_notes


# -- autosave ----------------------------------------------------------------------------


async def test_notes_are_saved_half_a_second_after_the_last_key(data: Path) -> None:
    async with running_demo(data) as (_, pilot):
        session = await start_session(pilot)
        await type_into(pilot, "Fast save")
        await pilot.pause(0.8)
        assert stored(data, session.session.id).shared_notes == "Fast save"


async def test_quitting_saves_the_notes_on_screen(data: Path) -> None:
    async with running_demo(data) as (_, pilot):
        session = await start_session(pilot)
        session_id = session.session.id
        await type_into(pilot, "Typed just before quitting")
        await press_and_wait(pilot, "ctrl+q")  # well within the half second
    assert stored(data, session_id).shared_notes == "Typed just before quitting"


async def test_a_signal_saves_notes_on_screen_whose_changed_message_still_waits(
    data: Path,
) -> None:
    """SIGTERM's handler runs before queued messages: saving reads the editor itself."""
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        area = session.query_one("#notes", TextArea)
        area.insert("Typed as the terminal closed")  # its Changed message is only queued
        app.lifecycle.save_what_is_typed()  # what SIGHUP and SIGTERM do first, synchronously
        assert stored(data, session.session.id).shared_notes == "Typed as the terminal closed"


async def test_private_notes_whose_changed_message_still_waits_are_sealed(data: Path) -> None:
    async with running_demo(data, (100, 34)) as (app, pilot):
        session = await start_session(pilot)
        editor = await _open_mentors_private_notes(app, pilot)
        editor.query_one(TextArea).insert("Sealed at once")  # its Changed is only queued
        app.lifecycle.save_what_is_typed()
        assert _mentors_private_notes(data, session.session.id).endswith("Sealed at once")


# -- wrap-up -----------------------------------------------------------------------------


async def test_enter_in_the_wrap_up_never_finishes(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        await press_and_wait(pilot, "ctrl+f")
        dialog = app.screen
        assert isinstance(dialog, WrapUpDialog)
        dialog.query_one("#input-worked-mentor", Input).focus()
        await type_into(pilot, "Hands on")
        for _ in range(8):  # round every field, twice over the last one
            await press_and_wait(pilot, "enter")
            assert app.screen is dialog
            assert isinstance(app.focused, Input)
        assert stored(data, session.session.id).status == "in-progress"


async def test_a_missing_rating_is_named_and_a_short_session_asks(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        session_id = session.session.id
        await press_and_wait(pilot, "ctrl+f")
        dialog = app.screen
        assert dialog.query_one("#input-minutes", Input).value == "1"  # time spent, ≥ 1
        dialog.query_one("#rating-mentor").value = 5
        dialog.query_one("#input-minutes", Input).value = "3"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        names = dialog._names
        question = str(app.screen._question)
        assert question == f"{names['mentee']} has not rated this session yet — finish anyway?"
        await press_and_wait(pilot, "y")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert stored(data, session_id) is None


async def test_wrap_up_finishes_with_the_length_typed_and_keeps_a_draft(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        session_id = session.session.id
        await press_and_wait(pilot, "ctrl+f")
        app.screen.query_one("#input-worked-mentee", Input).value = "Clear examples"
        await press_and_wait(pilot, "escape")
        await press_and_wait(pilot, "s")  # keep the reflections as a draft
        assert app.screen is session
        assert stored(data, session_id).reflections.mentee.worked == "Clear examples"
        await press_and_wait(pilot, "ctrl+f")
        dialog = app.screen
        assert dialog.query_one("#input-worked-mentee", Input).value == "Clear examples"
        dialog.query_one("#rating-mentor").value = 5
        dialog.query_one("#rating-mentee").value = 4
        dialog.query_one("#input-minutes", Input).value = "50"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the demo pair is due a check-in
        await press_and_wait(pilot, "escape")  # later
        assert isinstance(app.screen, DashboardScreen)
    done = stored(data, session_id)
    assert done.status == "finished" and done.minutes == 50
    assert done.reflections.mentee.worked == "Clear examples"


async def test_the_clock_is_real_time_not_ticks(data: Path) -> None:
    async with running_demo(data) as (_, pilot):
        session = await start_session(pilot)
        session.clock.base += 600  # as if ten minutes had run
        # Ctrl+T pauses: the clock's reading is copied into the session.
        await press_and_wait(pilot, "ctrl+t")
        assert 600 <= session.session.elapsed_seconds < 660
        await asyncio.sleep(1.2)
        assert session.clock.elapsed(0) == session.clock.base  # paused: no time added


# -- an open session is visible; nothing impossible is stored ------------------------------


async def test_an_open_session_shows_on_the_dashboard_and_in_the_journal(data: Path) -> None:
    from textual.widgets import DataTable

    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        session_id = session.session.id
        await press_and_wait(pilot, "escape")  # leave: the session stays open
        assert isinstance(app.screen, DashboardScreen)
        lines = [str(w.render()) for w in app.screen.query("#rhythm Static")]
        assert "Session in progress since 09:30 — n resumes" in lines
        await press_and_wait(pilot, "j")
        assert "in progress" in app.screen.query_one(DataTable).get_row(session_id)


async def test_a_held_session_cannot_be_dated_after_today(data: Path) -> None:
    from companion.widgets.form import FormField

    async with running_demo(data) as (_, pilot):
        detail = await open_latest_session(pilot)
        before = stored(data, detail.session.id)
        date_field = detail.query_one("#field-date", FormField)
        date_field.value = "tomorrow"
        await pilot.pause()
        await press_and_wait(pilot, "ctrl+s")
        error = str(date_field.query_one(".field-error").render())
        assert error.startswith("A held session cannot be after today")
        assert stored(data, detail.session.id) == before
        date_field.value = "20/11/2026"  # valid: the error clears and the date is read back
        await pilot.pause()
        assert not date_field.has_class("-invalid")
        assert str(date_field.query_one(".field-hint").render()) == "Understood: Fri 20 Nov 2026"
        minutes = detail.query_one("#field-minutes", FormField)
        minutes.value = "3"
        await press_and_wait(pilot, "ctrl+s")
        assert str(minutes.query_one(".field-error").render()) == (
            "Minutes must be between 5 and 240."
        )
        minutes.value = "45"
        await press_and_wait(pilot, "ctrl+s")
        saved = stored(data, detail.session.id)
        assert saved.date.isoformat() == "2026-11-20" and saved.minutes == 45
        assert detail.title == "Session of 2026-11-20"


async def test_an_action_cannot_be_due_before_its_session(data: Path) -> None:
    from companion.widgets.form import FormField

    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        await press_and_wait(pilot, "ctrl+o")
        dialog = app.screen
        await type_into(pilot, "Read the policy")
        due = dialog.query_one("#field-due", FormField)
        due.value = "20/11/2026"
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is dialog
        assert str(due.query_one(".field-error").render()) == (
            "An action cannot be due before the session that made it (2026-11-23)."
        )
        due.value = "+7d"
        await pilot.pause()
        assert not due.has_class("-invalid")
        assert str(due.query_one(".field-hint").render()) == "Understood: Mon 30 Nov 2026"
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is session
        [item] = app.programme.journal.actions(session.session.id)
        assert item.due is not None and item.due.isoformat() == "2026-11-30"


async def test_the_agenda_editor_shows_its_total_live(data: Path) -> None:
    from companion.widgets.form import FormField

    async with running_demo(data) as (app, pilot):
        await press_and_wait(pilot, "n")
        field = app.screen.query_one("#field-agenda", FormField)
        assert str(field.query_one(".field-hint").render()) == "Total: 60 minutes"
        field.value = "100 100 50 5 5"
        await pilot.pause()
        assert str(field.query_one(".field-hint").render()) == "Total: 260 minutes"
        await press_and_wait(pilot, "ctrl+s")
        assert str(field.query_one(".field-error").render()) == (
            "The parts add up to 260 minutes; a session lasts 5 to 240."
        )
        field.value = "10 10 20 15 5"
        await pilot.pause()
        assert not field.has_class("-invalid")  # the error clears at once


async def test_an_achieved_goal_is_at_100_and_escape_with_edits_asks(data: Path) -> None:
    from companion.dialogs.goal import GoalDialog
    from companion.widgets.form import FormField

    results: list[object] = []
    async with running_demo(data) as (app, pilot):
        app.push_screen(GoalDialog(None), results.append)
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#field-title", FormField).value = "Post weekly"
        dialog.query_one("#status").value = "achieved"
        await pilot.pause()
        progress = dialog.query_one("#field-progress", FormField)
        assert progress.value == "100"
        progress.value = "90"
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is dialog and results == []
        assert str(progress.query_one(".field-error").render()).startswith(
            "A goal marked achieved is at 100 %"
        )
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        await press_and_wait(pilot, "d")
        assert results == [None]


async def test_settings_ask_before_dropping_an_edit_but_not_a_theme(data: Path) -> None:
    from companion.screens.settings import SettingsScreen

    async with running_demo(data) as (app, pilot):
        await press_and_wait(pilot, "s")
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        settings.query_one("#theme").value = "textual-light"  # applied at once: not an edit
        await pilot.pause()
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
        await press_and_wait(pilot, "s")
        app.screen.query_one("#input-mentor-name", Input).value = "Ada Lovelace"
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        await press_and_wait(pilot, "s")
        assert isinstance(app.screen, DashboardScreen)
        assert app.programme.journal.pair().mentor.name == "Ada Lovelace"
