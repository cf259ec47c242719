"""A failing save shows one dialog at most and one status line that clears once writing works."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from companion.dialogs.message import MessageDialog
from companion.programme.saving import SaveWatch
from companion.storage import atomic
from companion.widgets.messages import safely
from companion.widgets.save_status import SaveStatus
from tests.apphelpers import (
    NOW,
    app_on,
    demo_folder,
    open_latest_session,
    press_and_wait,
    running_demo,
    start_session,
    stored,
    type_into,
)


def _disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _status(app) -> str:
    lines = [line for s in app.screen_stack for line in s.query(SaveStatus)]
    shown = [str(line.render()) for line in lines if line.display and not line.has_class("-hidden")]
    return "\n".join(shown)


def _dialogs(app) -> int:
    return sum(isinstance(s, MessageDialog) for s in app.screen_stack)


@pytest.mark.asyncio
async def test_ten_failed_saves_show_one_dialog_and_a_line_that_clears(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        journal = app.programme.journal
        monkeypatch.setattr(atomic.os, "replace", _disk_full)
        for n in range(10):  # an autosave every 2 s on a full disk
            title = f"Goal {n}"
            safely(app.screen, lambda t=title: journal.save_theme(t), "The theme")
            await pilot.pause()
        assert _dialogs(app) <= 1
        assert _dialogs(app) == 1, "the first failure is said once, clearly"
        local = app.programme.now()
        assert _status(app) == (
            f"Not saved since {local:%H:%M}: disk full. What you type stays on screen."
        )
        await pilot.press("escape")  # the one dialog closes; the line stays
        await pilot.pause()
        assert _dialogs(app) == 0
        assert "Not saved since" in _status(app)
        app.save_reporter.retry_now()  # the backoff timer's retry, still on a full disk
        await pilot.pause()
        assert _dialogs(app) == 0 and "disk full" in _status(app)

        monkeypatch.undo()  # writing works again
        app.save_reporter.retry_now()
        await pilot.pause()
        assert _status(app) == ""
        assert app.saves_failing is False
    assert app.programme.folder == data


@pytest.mark.asyncio
async def test_a_later_successful_save_clears_the_line(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        journal = app.programme.journal
        monkeypatch.setattr(atomic.os, "replace", _disk_full)
        safely(app.screen, lambda: journal.save_theme("textual-light"), "The theme")
        await pilot.pause()
        assert "disk full" in _status(app)
        monkeypatch.undo()
        safely(app.screen, lambda: journal.save_theme("textual-light"), "The theme")
        await pilot.pause()
        assert _status(app) == ""
        assert journal.settings().theme == "textual-light"


def test_backoff_grows_and_the_episode_ends_when_all_are_saved() -> None:
    watch = SaveWatch()
    error = OSError(errno.ENOSPC, "No space left on device")
    assert watch.failed("notes", error, lambda: None, NOW) is True
    assert watch.failed("notes", error, lambda: None, NOW) is False, "one dialog per episode"
    assert [watch.next_delay() for _ in range(8)] == [2, 4, 8, 15, 30, 60, 60, 60]
    assert watch.line().startswith("Not saved since 09:30: disk full.")
    assert watch.retry() is True and watch.line() == "" and not watch.failing
    assert watch.failed("notes", error, lambda: None, NOW) is True, "a new episode, a new dialog"


@pytest.mark.asyncio
async def test_the_app_opens_on_a_full_disk_skipping_its_backup_with_a_warning(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.storage import backups

    demo_folder(data)
    for old in (data / "backups").glob("*.zip"):
        old.unlink()  # so the open has a backup to take
    tried: list[Path] = []

    def disk_full(target: Path, *_args: object) -> None:
        tried.append(target)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(backups, "write_zip", disk_full)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running and app.lifecycle.is_open
        assert len(tried) == 1, "the open tried its backup"
        assert type(app.screen).__name__ == "DashboardScreen"
        programme = app.programme
        assert programme.journal.pair() is not None and programme.store.journal.sessions()
        warnings = [n for n in app._notifications if n.title == "Warning"]
        assert [n.message for n in warnings] == [
            f"No backup was taken when Companion opened: {os.strerror(errno.ENOSPC)} ({tried[0]})."
        ]
        assert warnings[0].severity == "warning"
        programme.journal.save_theme("nord")  # and writing still works
    assert list((data / "backups").glob("*.zip")) == []


def _failing(code: int) -> Callable[..., None]:
    def replace(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return replace


def _said(app) -> list[str]:
    """The notifications titled "Not saved" (said while someone types, instead of a dialog)."""
    return [n.message for n in app._notifications if n.title == "Not saved"]


async def _until(pilot: Pilot[None], ready: Callable[[], bool], what: str) -> None:
    """Let the app run (its timers fire) until ``ready()``; fail after ten seconds."""
    for _ in range(200):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


def _notes_on_disk(data: Path, session_id: str) -> str:
    saved = stored(data, session_id)
    assert saved is not None
    return saved.shared_notes


@pytest.mark.asyncio
async def test_session_notes_typed_on_a_full_then_locked_disk_stay_and_save_once_it_works(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_demo(data) as (app, pilot):
        screen = await start_session(pilot)
        notes = screen.query_one("#notes", TextArea)
        session_id = screen.session.id
        on_disk = _notes_on_disk(data, session_id)
        status = screen.query_one("#status", Static)

        monkeypatch.setattr(atomic.os, "replace", _failing(errno.ENOSPC))
        await type_into(pilot, "Typed on a full")
        await _until(pilot, lambda: "disk full" in _status(app), "the line says the disk is full")
        await pilot.pause(0.6)  # the autosave between two words fails again meanwhile
        await type_into(pilot, " disk.")  # no dialog took these keys
        assert notes.text.endswith("Typed on a full disk.")
        assert str(status.render()) == "Not saved: see the message"
        assert _dialogs(app) == 0 and app.screen is screen and app.focused is notes
        assert len(_said(app)) == 1 and "disk full" in _said(app)[0], "said once, clearly"
        assert _notes_on_disk(data, session_id) == on_disk, "nothing half-written"

        monkeypatch.setattr(atomic.os, "replace", _failing(errno.EACCES))
        await type_into(pilot, " And on a locked one.")
        await _until(pilot, lambda: "permission denied" in _status(app), "the line says why now")
        assert notes.text.endswith("Typed on a full disk. And on a locked one.")
        assert _status(app).startswith("Not saved since") and _dialogs(app) == 0
        assert len(_said(app)) == 1, "one message per episode"
        assert _notes_on_disk(data, session_id) == on_disk
        assert app.is_running and app._exception is None and app.screen is screen

        monkeypatch.undo()  # the disk works again: the retry saves what is on screen
        app.save_reporter.retry_now()
        await _until(pilot, lambda: _status(app) == "", "the line clears")
        assert _notes_on_disk(data, session_id) == notes.text
        assert notes.text.endswith("Typed on a full disk. And on a locked one.")
    assert app._exception is None


@pytest.mark.asyncio
async def test_a_form_field_saved_on_a_full_then_locked_disk_stays_and_saves_once_it_works(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_demo(data) as (app, pilot):
        screen = await open_latest_session(pilot)
        field = screen.query_one("#input-mentee-worked", Input)
        field.focus()
        field.value = ""
        session_id = screen.session.id

        monkeypatch.setattr(atomic.os, "replace", _failing(errno.ENOSPC))
        await type_into(pilot, "The board liked it")
        await press_and_wait(pilot, "ctrl+s")
        await _until(pilot, lambda: "disk full" in _status(app), "the line says the disk is full")
        assert _dialogs(app) == 0 and len(_said(app)) == 1
        assert app.screen is screen and field.value == "The board liked it"

        monkeypatch.setattr(atomic.os, "replace", _failing(errno.EACCES))
        assert app.focused is field
        await type_into(pilot, ", twice")
        await press_and_wait(pilot, "ctrl+s")
        await _until(pilot, lambda: "permission denied" in _status(app), "the line says why now")
        assert field.value == "The board liked it, twice" and app.screen is screen
        saved = stored(data, session_id)
        assert saved is not None and saved.reflections.mentee.worked != field.value
        assert app.is_running and app._exception is None

        monkeypatch.undo()
        app.save_reporter.retry_now()
        await _until(pilot, lambda: _status(app) == "", "the line clears")
        saved = stored(data, session_id)
        assert saved is not None and saved.reflections.mentee.worked == "The board liked it, twice"
    assert app._exception is None


@pytest.mark.asyncio
async def test_notes_past_the_data_file_limit_are_refused_once_not_called_a_full_disk(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.storage import jsonstorage

    async with running_demo(data) as (app, pilot):
        screen = await start_session(pilot)
        notes = screen.query_one("#notes", TextArea)
        session_id = screen.session.id
        journal = data / "journal.json"
        monkeypatch.setattr(jsonstorage, "MAX_DATA_FILE", journal.stat().st_size + 20)
        await type_into(pilot, "Far more words than the file may still hold")
        await _until(pilot, lambda: bool(_said(app)), "the refusal is said")
        await type_into(pilot, " and more")  # no dialog took these keys
        await pilot.pause(0.8)  # the next autosave is refused again: not said twice
        assert notes.text.endswith("hold and more") and app.focused is notes
        assert _dialogs(app) == 0 and len(_said(app)) == 1
        said = _said(app)[0]
        assert "over the" in said and "limit" in said and "not a full disk" in said
        assert "Free some space" not in said
        assert _status(app) == "", "no retry line: trying again cannot help"
        on_disk = _notes_on_disk(data, session_id)  # an autosave between two keys fitted
        assert notes.text.startswith(on_disk) and len(on_disk) <= 20 < len(notes.text)

        monkeypatch.undo()  # room again: the next autosave writes what is on screen
        await type_into(pilot, ".")
        await _until(
            pilot, lambda: _notes_on_disk(data, session_id) == notes.text, "the notes are saved"
        )
