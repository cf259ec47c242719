"""The dashboard rebuilds only the panels whose records changed since it drew them."""

from __future__ import annotations

from pathlib import Path

from companion.domain.goals import Goal
from companion.screens.dashboard import DashboardScreen
from tests.apphelpers import app_on, demo_folder


def _rebuilt(screen: DashboardScreen, calls: list[str]) -> None:
    """Record the selector of every panel ``screen`` rebuilds into ``calls``."""
    fill = screen._fill

    def counting(selector: str, widgets: list) -> None:  # type: ignore[type-arg]
        calls.append(selector)
        fill(selector, widgets)

    screen._fill = counting  # type: ignore[method-assign]


async def test_palette_and_dialogs_rebuild_nothing_a_change_rebuilds_its_panels(
    tmp_path: Path,
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, DashboardScreen) and board.filled
        assert board.rebuilds == 9  # every panel once, on opening
        before = " ".join(str(w.render()) for w in board.query("#goals Static"))
        assert "more" not in before
        calls: list[str] = []
        _rebuilt(board, calls)

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")  # the help screen, then back
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is board
        assert calls == []

        await pilot.press("j")  # the journal: nothing written there
        await pilot.pause()
        assert app.screen is not board
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is board
        assert calls == []

        await pilot.press("f1")
        await pilot.pause()
        app.programme.journal.save_goal(Goal(owner="shared", title="Ship the newsletter"))
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is board
        assert "#goals" in calls
        assert not {"#modules", "#sessions", "#wins", "#gains", "#cards"} & set(calls)
        await pilot.pause()
        texts = " ".join(str(w.render()) for w in board.query("#goals Static"))
        assert "… and 1 more" in texts, (calls, texts)  # five goals before, six now
        calls.clear()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert calls == []
