"""A failing save shows one dialog at most and one status line that clears once writing works."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from companion.dialogs.message import MessageDialog
from companion.programme.saving import SaveWatch
from companion.storage import atomic
from companion.widgets.messages import safely
from companion.widgets.save_status import SaveStatus
from tests.apphelpers import NOW, app_on, demo_folder


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
