"""Work the lesson view does ahead of a key: sections drawn off screen, heights held."""

from __future__ import annotations

import gc
from pathlib import Path

from markdown_it.token import Token
from textual.widget import Widget

from companion.widgets.lesson_view import LessonView
from tests.test_lesson_view import LONG_BODY, ViewHost
from tests.test_lesson_view_leaving import Opener, _open


async def _complete(app: ViewHost, pilot: object) -> LessonView:
    view = app.query_one(LessonView)
    view.show(LONG_BODY)
    view.focus()
    for _ in range(200):  # up to 10 s on a loaded machine
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if view.complete:
            break
    assert view.complete
    return view


async def test_sections_below_the_view_are_drawn_before_page_down_shows_them(
    monkeypatch: object,
) -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _complete(app, pilot)
        bottom = view.scroll_y + view.size.height
        offsets = view._offsets()
        below = [w for i, w in view.built.items() if offsets[i] >= bottom]
        assert below, "the view builds ahead of the reader"

        def all_drawn() -> bool:
            return view.settled and all(w.drawn_width == w.outer_size.width for w in below)

        for _ in range(100):  # drawn a section a frame once built, and nothing left to lay out
            if all_drawn():
                await pilot.pause(0.05)  # a loaded machine may still lay out a frame late
                if all_drawn():
                    break
            await pilot.pause(0.05)
        assert all(w.drawn_width == w.outer_size.width for w in below), [
            (
                i,
                w.drawn_width,
                w.outer_size,
                w.held_width,
                offsets[i],
                view.heights[i],
                bottom,
                w.finished,
            )
            for i, w in view.built.items()
        ]
        drawn: list[Widget] = []
        render_line = Widget.render_line

        def noting(self: Widget, y: int) -> object:
            drawn.append(self)
            return render_line(self, y)

        monkeypatch.setattr(Widget, "render_line", noting)  # type: ignore[attr-defined]
        await pilot.press("pagedown")
        await pilot.pause()
        ahead = {node for w in below for node in w.walk_children(with_self=True)}
        # The page shown holds blocks drawn ahead: none of them is drawn again.
        on_page = [n for n in ahead if n.region and n.region.overlaps(view.region)]
        assert on_page
        assert not set(drawn) & set(on_page)


async def test_a_built_section_holds_its_height_and_lets_it_go_when_the_width_changes() -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _complete(app, pilot)
        widgets = list(view.built.values())
        for _ in range(100):  # shown and held once laid out whole
            widgets = list(view.built.values())
            if all(w.display and w.held_width == w.size.width > 0 for w in widgets):
                break
            await pilot.pause(0.05)
        assert all(w.display and w.held_width == w.size.width > 0 for w in widgets)
        for widget in widgets:
            natural = widget.get_content_height(view._body.size, app.size, widget.size.width)
            assert widget.styles.height.cells == natural == widget.outer_size.height
        await pilot.resize_terminal(40, 24)
        for _ in range(200):
            await pilot.pause(0.05)
            built = list(view.built.values())
            if built and all(w.display and w.held_width == w.size.width > 0 for w in built):
                break
        # At the new width every section is as tall as its text: nothing cut off.
        for widget in view.built.values():
            assert widget.held_width == widget.size.width < 80
            natural = widget.get_content_height(view._body.size, app.size, widget.size.width)
            assert widget.outer_size.height == natural


def _tokens() -> int:
    return sum(isinstance(o, Token) for o in gc.get_objects())


async def test_leaving_lets_go_of_the_parsed_document_without_a_full_collection() -> None:
    app = Opener()
    async with app.run_test(size=(80, 24)) as pilot:
        gc.collect()
        before = _tokens()
        gc.disable()  # what is freed now is freed by reference counting alone
        try:
            document = await _open(app, pilot)
            opened = _tokens()
            await pilot.press("escape")
            assert document.leaving is not None
            await document.leaving.wait()
            left = _tokens()
        finally:
            gc.enable()
        assert opened - before > 1000  # the parsed document
        # Only the tokens of the few sections still built when it was left remain
        # for the collector (their widgets are held in reference cycles).
        assert left - before < (opened - before) / 10, (before, opened, left)


async def test_sections_built_above_the_text_being_read_never_move_it() -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _complete(app, pilot)
        rows: list[int] = []
        display = app._display

        def noting(screen: object, renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            lines = [strip.text for strip in app.screen._compositor.render_strips()]
            rows.append(next((y for y, line in enumerate(lines) if "Part 200" in line), -1))

        app._display = noting  # type: ignore[method-assign]
        view.go_to_section(200)
        for _ in range(200):
            await pilot.pause(0.05)
            if view.complete and min(view.built) < 200 and not view._wanted.is_set():
                break
        assert min(view.built) < 200, "sections above were built"
        shown = [y for y in rows if y >= 0]
        # From the first frame that shows it, Part 200 stays on the same line.
        assert shown and rows[rows.index(shown[0]) :] == [shown[0]] * len(shown), rows


async def test_home_after_end_lands_at_the_top(data: Path) -> None:
    from companion.screens.reader import ReaderScreen
    from tests.apphelpers import app_on, demo_folder, settle

    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.navigator.open_lesson("how-a-session-runs")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(LessonView)
        view.focus()
        await lesson_settled(view, pilot)
        await pilot.press("end")
        await lesson_settled(view, pilot)
        await pilot.resize_terminal(80, 24)  # every held height is let go and held again
        await lesson_settled(view, pilot)
        await pilot.press("home")
        await lesson_settled(view, pilot)
        assert view.scroll_y == 0
        assert min(view.built) == 0 and view.built[0].region.y == view.content_region.y


async def lesson_settled(view: LessonView, pilot: object) -> None:
    for _ in range(200):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if view.settled and not view._wanted.is_set():
            return


async def test_a_section_is_drawn_ahead_a_little_per_call_and_counts_as_drawn_once_whole(
    monkeypatch: object,
) -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _complete(app, pilot)
        widget = max(view.built.values(), key=lambda w: len(list(w.walk_children())))
        parts = list(widget.walk_children(with_self=True))
        assert len(parts) > 3
        drawn: list[Widget] = []
        render_lines = Widget.render_lines

        def noting(self: Widget, crop: object) -> object:
            drawn.append(self)
            return render_lines(self, crop)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "render_lines", noting)  # type: ignore[attr-defined]
        widget.drawn_width = widget._drawing_width = 0
        calls = 0
        # With no time to spare, each call draws one part: never the whole section at once.
        while not widget.draw_ahead(budget=0):
            calls += 1
            assert len(drawn) == calls
            assert widget.drawn_width == 0
        assert calls + 1 == len(parts)
        assert set(drawn) == {p for p in parts if p.display and p.outer_size.area}
        assert widget.drawn_width == widget.outer_size.width
        # Half drawn at one width, then another: it starts again at the new width.
        widget.drawn_width = 0
        widget.draw_ahead(budget=0)
        widget.draw_ahead(budget=0)
        widget._drawing_width = widget.outer_size.width + 1  # as if drawn at another width
        drawn.clear()
        while not widget.draw_ahead(budget=0):
            pass
        assert len(drawn) == len(parts)
