"""The start-up summary: the dashboard shows the pair's rhythm before the journal opens."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from companion.programme.start_summary import SUMMARY_FILE, read_summary
from companion.screens.dashboard import DashboardScreen
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY, app_on, demo_folder


async def _run_once(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()


async def test_a_summary_written_by_one_run_is_drawn_first_by_the_next(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    await _run_once(folder)
    assert (folder / SUMMARY_FILE).stat().st_mode & 0o777 == 0o600
    shown = read_summary(folder, TODAY)
    assert shown is not None
    title, lines = shown
    assert "&" in title and any(line.startswith("Next session:") for line in lines)

    app = app_on(folder)
    app.open_store = lambda: None  # type: ignore[method-assign]  # the journal never opens
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, DashboardScreen) and not app.programme.ready
        texts = [str(w.render()) for w in board.query("#rhythm Static")]
        assert any(t.startswith("Next session:") for t in texts), texts
        assert board.sub_title == title


async def test_a_stale_invalid_or_old_summary_is_not_used(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    await _run_once(folder)
    assert read_summary(folder, TODAY) is not None
    assert read_summary(folder, NOW.date().replace(day=24)) is None  # another day

    with Store.open(folder, backup=False) as store:  # a write from elsewhere (the CLI)
        pair = store.journal.pair()
        assert pair is not None
        store.journal.save_pair(pair.model_copy(update={"cadence": "monthly"}))
    assert read_summary(folder, TODAY) is None

    await _run_once(folder)
    assert read_summary(folder, TODAY) is not None
    (folder / SUMMARY_FILE).write_text('{"version": 1, "written_on": "not a date"}')
    assert read_summary(folder, TODAY) is None

    app = app_on(folder)
    app.open_store = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = [str(w.render()) for w in app.screen.query("#rhythm Static")]
        assert texts == ["Opening your journal…"]
        assert isinstance(app.screen.query_one("#rhythm Static"), Static)
