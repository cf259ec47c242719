"""Small terminals (40x12, and 80x24): what the first pass left open.

A long card answer scrolls in a review, the key bar shows whole keys only,
program-written table cells end in "…" when cut, a lesson's links fold away
on a short terminal, and the log's chart keeps its hours on one line.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList
from textual.widgets._footer import FooterKey

from companion.screens.reader import ReaderScreen
from companion.screens.review import ReviewScreen
from companion.widgets.footer import KeysFooter
from companion.widgets.lesson_view import LessonView
from tests.apphelpers import app_on, demo_folder
from tests.test_small_screens_pilot import screen_lines
from tests.test_snapshots import settle

LONG_DEFINITION = " ".join(f"Step {n} of how the feed decides what shows." for n in range(1, 31))


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_a_long_answer_scrolls_with_arrows_and_page_down(
    data: Path, size: tuple[int, int]
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        cards = app.programme.cards
        first = cards.get(cards.queue("mentee")[0])
        assert first is not None
        cards.save(first, {"definition": LONG_DEFINITION, "example": "The example ENDS HERE."})
        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert first.term in text and "ENDS HERE" not in text  # too long for the screen
        for key in ("pagedown",) * 12 + ("down", "down"):
            await pilot.press(key)
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "ENDS HERE" in text, text  # the end of the answer is reachable
        for answer in ("1 Again", "2 Hard", "3 Good", "4 Easy"):
            assert answer in text  # and the answers stay in view
        await pilot.press("3")  # the answer keys still answer
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.position == 1
        assert screen.query_one("#card").scroll_y == 0  # the next card starts at its top


def footer_problems(app) -> list[str]:
    """What is wrong with the key bar as drawn: keys cut or hidden, no help key."""
    footer = app.screen.query_one(KeysFooter)
    line = screen_lines(app)[-1]
    keys = list(footer.query(FooterKey))
    problems = [
        f"{key.key_display} {key.description} not whole in {line!r}"
        for key in keys
        if f"{key.key_display} {key.description}" not in line
    ]
    if not any(key.action in ("help", "app.help") for key in keys):
        problems.append(f"no help key in {line!r}")
    return problems


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
@pytest.mark.parametrize("name", ["dashboard", "review", "log", "goals", "curriculum"])
async def test_the_key_bar_shows_whole_keys_and_help(
    data: Path, size: tuple[int, int], name: str
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if name == "review":
            app.push_screen(ReviewScreen(app.programme, "mentee"))
            await settle(pilot)
            await pilot.press("space")
        elif name != "dashboard":
            app.navigator.open_target(name)
        await settle(pilot, rounds=5)
        assert footer_problems(app) == []
        assert len(app.screen.query_one(KeysFooter).query(FooterKey)) >= 3  # not just help


@pytest.mark.asyncio
async def test_the_key_bar_refits_when_the_terminal_is_resized(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        wide = len(footer.query(FooterKey))
        for _ in range(5):
            await pilot.resize_terminal(40, 12)
            await settle(pilot)
            assert footer_problems(app) == []
            assert len(footer.query(FooterKey)) < wide
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert footer_problems(app) == [] and len(footer.query(FooterKey)) == wide
        gc.collect()
        left = [o for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached]
        assert left == [], "no key left behind by the resizes (or by the keys left out)"


def cut_cells(table: DataTable) -> list[tuple[str, str]]:
    """(full value, as drawn) of every visible one-line cell narrower than its value.

    A column left out (width 0) must draw nothing at all.
    """
    cut = []
    for row_index in range(min(table.row_count, table.size.height - 1)):
        line = table.render_lines(table.region.reset_offset)[row_index + 1].text
        x = 0
        for column_index, column in enumerate(table.columns.values()):
            width = column.get_render_width(table)
            value = table.get_cell_at(Coordinate(row_index, column_index))
            plain = value.plain if isinstance(value, Text) else str(value)
            drawn = line[x : x + width].strip()
            if column.width == 0:  # left out (the rightmost, when room is short): nothing drawn
                assert drawn == "", (plain, drawn)
            elif cell_len(plain) > width - 2 * table.cell_padding:
                cut.append((plain, drawn))
            x += width
    return cut


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["goals", "log", "cards", "timeline"])
async def test_every_cut_cell_ends_in_an_ellipsis_at_40_columns(data: Path, name: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 24)) as pilot:
        await settle(pilot)
        app.navigator.open_target(name)
        await settle(pilot, rounds=5)
        table = app.screen.query_one(DataTable)
        cut = cut_cells(table)
        assert cut, "40 columns is too narrow for every cell: some are cut"
        for plain, drawn in cut:
            assert drawn.endswith("…") and plain.startswith(drawn[:-1]), (plain, drawn)


@pytest.mark.asyncio
async def test_a_lessons_links_fold_into_one_line_at_40x12_and_l_lists_them(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        app.navigator.open_lesson("decisions-at-the-top")  # a lesson with links
        await settle(pilot, rounds=6)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.links
        links = reader.query_one("#links", OptionList)
        view = reader.query_one(LessonView)
        assert links.region.height == 0 and view.region.height >= 8, "the lesson keeps the room"
        assert f"{len(reader.links)} links · L lists them" in "\n".join(screen_lines(app))
        await pilot.press("l")
        await settle(pilot)
        assert links.region.height > 0 and app.focused is links
        await pilot.press("enter")  # and a link opens as before
        await settle(pilot, rounds=6)
        assert reader.lesson.id != "decisions-at-the-top"
        assert links.region.height == 0 and app.focused is view
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert links.region.height > 0  # listed under the lesson when there is room


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (58, 24)])
async def test_each_month_of_the_log_chart_is_one_line_with_its_hours(
    data: Path, size: tuple[int, int]
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.navigator.open_target("log")
        await settle(pilot, rounds=5)
        lines = screen_lines(app)
        months = [line for line in lines if re.search(r"\b2026-\d\d\b", line)]
        assert len(months) == 4, lines  # Aug to Nov
        for line in months:
            assert re.search(r"2026-\d\d █+ \d+\.\d h", line), line
        assert not any(re.fullmatch(r"\s*\d+\.\d h\s*", line.split("│")[-1]) for line in lines)
