"""The start-up summary: the whole dashboard is drawn before the journal opens."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from companion.programme.start_summary import SUMMARY_FILE, read_summary
from companion.screens.dashboard import PANELS, DashboardScreen
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY, app_on, demo_folder


async def _run_once(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_open(pilot)


async def _until_open(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the data folder, opened in the background, is open and the board filled."""
    for _ in range(400):
        await pilot.pause(0.05)
        if pilot.app.lifecycle.is_open:
            break
    await pilot.pause()
    assert pilot.app.lifecycle.is_open


def _board_text(board: DashboardScreen) -> dict[str, list[str]]:
    """Return the text of every panel (each Static and Label in it)."""
    return {s: [str(w.render()) for w in board.query(f"{s} Static")] for s in PANELS}


async def test_a_summary_written_by_one_run_is_drawn_first_by_the_next(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    await _run_once(folder)
    assert (folder / SUMMARY_FILE).stat().st_mode & 0o777 == 0o600
    shown = read_summary(folder, TODAY)
    assert shown is not None
    title, panels = shown
    assert "&" in title and set(PANELS) <= set(panels)

    app = app_on(folder)
    app.open_store = lambda: None  # type: ignore[method-assign]  # the journal never opens
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, DashboardScreen) and not app.programme.ready
        from_summary = _board_text(board)
        assert any(t.startswith("Next session:") for t in from_summary["#rhythm"])
        assert any("due ·" in t for t in from_summary["#cards"])
        assert any("recall" in t for t in from_summary["#cards"])
        assert all(from_summary.values()), from_summary  # every panel has its rows
        assert "Opening your journal…" not in str(from_summary)
        assert board.sub_title == title

    app = app_on(folder)  # the journal opens: the same rows, so nothing is redrawn
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_open(pilot)
        board = app.screen
        assert isinstance(board, DashboardScreen) and board.filled
        assert board.rebuilds == 0
        assert _board_text(board) == from_summary


async def test_live_data_replaces_only_the_panels_that_differ(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    await _run_once(folder)
    with Store.open(folder, backup=False) as store:  # a write from elsewhere (the CLI)
        pair = store.journal.pair()
        assert pair is not None
        store.journal.save_pair(pair.model_copy(update={"cadence": "monthly"}))
    assert read_summary(folder, TODAY) is None  # stale: the dashboard waits for the journal
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_open(pilot)
        texts = _board_text(app.screen)  # type: ignore[arg-type]
        assert any("(monthly)" in t for t in texts["#rhythm"]), texts["#rhythm"]
    shown = read_summary(folder, TODAY)  # written again with the new cadence
    assert shown is not None
    assert any("monthly" in p.text for row in shown[1]["#rhythm"] for p in row.pieces)


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
    (folder / SUMMARY_FILE).write_text('{"version": 2, "written_on": "not a date"}')
    assert read_summary(folder, TODAY) is None

    app = app_on(folder)
    app.open_store = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = [str(w.render()) for w in app.screen.query("#rhythm Static")]
        assert texts == ["Opening your journal…"]
        assert isinstance(app.screen.query_one("#rhythm Static"), Static)
