"""A frame's layout is used for looks at off-screen widgets (Textual arranged them all again)."""

from __future__ import annotations

from pathlib import Path

from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.widgets import compositor_fix


class Tall(App[None]):
    """A scrolling list far taller than the screen."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for number in range(60):
                yield Static(f"line {number}\nsecond line", id=f"s{number}")


async def _arranged_by_a_look() -> int:
    """After a frame that an off-screen widget asked to redraw: arrangements made by one look."""
    app = Tall()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        compositor = screen._compositor
        off_screen = app.query_one("#s50", Static)
        assert off_screen not in compositor.visible_widgets
        arranged: list[object] = []
        arrange = Compositor._arrange_root

        def counting(self: Compositor, *args: object, **kwargs: object) -> object:
            arranged.append(args)
            return arrange(self, *args, **kwargs)  # type: ignore[arg-type]

        Compositor._arrange_root = counting  # type: ignore[method-assign,assignment]
        try:
            compositor.update_widgets({off_screen})  # as a block mounted below the view asks
            screen._refresh_layout()  # one frame's layout
            assert len(arranged) == 1
            arranged.clear()
            region = off_screen.region  # a look at where it is (Widget.size does the same)
            looks = len(arranged)
        finally:
            Compositor._arrange_root = arrange  # type: ignore[method-assign]
        # Whichever way, the look finds the widget where a fresh arrangement puts it.
        fresh, _ = arrange(compositor, screen, compositor.size, visible_only=False)
        assert region == fresh[off_screen].region
        for widget in app.query(Static):
            assert widget.region == fresh[widget].region, widget.id
        return looks


async def test_textual_arranges_again_at_the_first_look_and_the_fix_does_not(
    monkeypatch: object,
) -> None:
    # Textual's own first (when this fails, a release clears the mark itself, and
    # compositor_fix can go).
    own = compositor_fix._textual_own
    monkeypatch.setattr(Compositor, "reflow", own)  # type: ignore[attr-defined]
    assert await _arranged_by_a_look() == 1

    monkeypatch.setattr(Compositor, "reflow", compositor_fix._reflow)  # type: ignore[attr-defined]
    assert compositor_fix.installed()
    assert await _arranged_by_a_look() == 0


async def test_companion_installs_it(data: Path, monkeypatch: object) -> None:
    from tests.apphelpers import app_on, demo_folder

    monkeypatch.setattr(Compositor, "reflow", compositor_fix._textual_own)  # type: ignore[attr-defined]
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)):
        assert compositor_fix.installed()
