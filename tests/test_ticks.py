"""Ticked and unticked boxes differ by symbol, not only by colour."""

from __future__ import annotations

from textual.app import App, ComposeResult

from companion.widgets.ticks import TICKED, TickList


class Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList(("first", "a", True), ("second", "b", False))


def line_text(widget: TickList, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


async def test_ticked_and_unticked_boxes_show_different_symbols() -> None:
    app = Ticks()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        ticks = app.query_one(TickList)
        first, second = line_text(ticks, 0), line_text(ticks, 1)
        assert f"▐{TICKED}▌" in first and "first" in first
        assert TICKED not in second and "X" not in second and "second" in second
        ticks.toggle("b")
        await pilot.pause()
        assert f"▐{TICKED}▌" in line_text(ticks, 1)
