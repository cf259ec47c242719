"""At 40x12 (the smallest terminal) module names are whole and the mentoring log shows rows."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import DataTable

from companion.screens.review import ReviewScreen
from companion.widgets.panel import Panel
from tests.apphelpers import app_on, demo_folder
from tests.test_snapshots import settle


def screen_lines(app) -> list[str]:
    """The screen as drawn, one string per terminal row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@asynccontextmanager
async def opened(data: Path, size: tuple[int, int], target: str) -> AsyncIterator[tuple]:
    """The demo pair's app at ``size`` with ``target`` open and settled: (app, pilot)."""
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.navigator.open_target(target)
        await settle(pilot, rounds=5)
        yield app, pilot


def panel_text(app, title: str) -> str:
    """The text inside the box titled ``title`` (rows of the box joined by spaces)."""
    lines = screen_lines(app)
    top = next(i for i, line in enumerate(lines) if f"─ {title} ─" in line)
    left = lines[top].rindex("╭", 0, lines[top].index(f"─ {title} ─"))
    inside: list[str] = []
    for line in lines[top + 1 :]:
        if line[left] != "│":
            break
        inside.append(line[left + 1 :].split("│")[0].strip())  # up to the box's right side
    return " ".join(" ".join(inside).split())


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_every_module_name_is_shown_whole(data: Path, size: tuple[int, int]) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#modules", Panel)
        panel.focus()  # brings it into view on a short terminal
        await settle(pilot)
        shown = panel_text(app, "Curriculum progress")
        titles = [m.title for m in app.programme.curriculum.ordered_modules()]
        assert "Leadership and the business" in titles  # the longest, cut before
        for title in titles:
            assert title in shown, f"{title!r} not whole in {shown!r}"
        # The full name is also the tooltip of its row (wherever it is cut).
        assert [str(row.tooltip) for row in panel.query(".module-row")] == titles


@pytest.mark.asyncio
async def test_the_dashboard_at_40_columns_gives_each_panel_the_full_width(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        widths = {panel.id: panel.outer_size.width for panel in app.screen.query(Panel)}
        assert set(widths.values()) == {widths["rhythm"]} and widths["rhythm"] >= 36, widths
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.has_class("-narrow")
        assert app.screen.query_one("#rhythm", Panel).outer_size.width < 40  # side by side


@pytest.mark.asyncio
async def test_the_log_shows_rows_at_40x12(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        app.navigator.open_target("log")
        await settle(pilot, rounds=5)
        table = app.screen.query_one(DataTable)
        assert table.row_count >= 5
        assert table.region.height - 1 >= 5, "at least five rows in view under the header"
        text = "\n".join(screen_lines(app))
        assert "Security an" in text  # the newest entry's topic
        assert "8 sessions · 3 informal" in text  # the totals, folded into one line
        assert not app.screen.query_one("#top").display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen.query_one("#top").display  # totals and chart back when there is room
        assert "Aisha Khan's mentoring" in "\n".join(screen_lines(app))


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["sessions", "cards", "curriculum", "log"])
async def test_filter_bars_stay_one_row_with_a_usable_search_at_40x12(
    data: Path, name: str
) -> None:
    async with opened(data, (40, 12), name) as (app, _):
        assert app.screen.query_one("#filters").outer_size.height == 1
        for search in app.screen.query("#search"):
            assert search.outer_size.width >= 8, "room to see what is typed"


@pytest.mark.asyncio
async def test_check_in_statements_are_whole_at_40_columns(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 24)) as pilot:
        await settle(pilot)
        app.navigator.open_target("checkins")
        await settle(pilot, rounds=5)
        text = " ".join(" ".join(screen_lines(app)).split())
        assert "Our sessions are worth the time they take." in text
        assert "Aisha Richard" in text  # whose scores are whose, above them
        assert "3 4 4" in text and "4 4 5" in text


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["log", "cards", "goals"])
async def test_a_cut_column_label_ends_in_an_ellipsis_at_40x12(data: Path, name: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        app.navigator.open_target(name)
        await settle(pilot, rounds=5)
        table = app.screen.query_one(DataTable)
        header = table.render_lines(table.region.reset_offset)[0].text
        columns = list(table.columns.values())
        cut = [c for c in columns if 0 < c.width < len(c.label.plain)]
        left_out = [c for c in columns if c.width == 0]  # the rightmost, when room is short
        assert cut or left_out, "40 columns is too narrow for every label: some are cut"
        for column in cut:
            label = column.label.plain
            assert label[: column.width - 1] + "…" in header, (label, header)
        for column in left_out:
            assert column.label.plain[:3] not in header, (column.label.plain, header)


@pytest.mark.asyncio
async def test_all_four_answers_show_in_a_review_at_40x12(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        for answer in ("1 Again", "2 Hard", "3 Good", "4 Easy"):
            assert answer in text, text


@pytest.mark.asyncio
async def test_settings_labels_are_whole_at_40_columns(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 60)) as pilot:
        await settle(pilot)
        app.navigator.open_target("settings")
        await settle(pilot, rounds=5)
        drawn = re.sub("[▁-█]", "", " ".join(screen_lines(app)))  # not the scrollbar
        text = " ".join(drawn.split())
        assert "The junior mentor teaches technology and culture" in text
        assert "The senior mentee learns, and coaches in return" in text
        assert re.search(r"First session \(\d{4}-\d\d-\d\d, [\d/]+, today, \+7d\)", text), text
        assert "Agreement: one ground rule per line" in text


@pytest.mark.asyncio
@pytest.mark.parametrize("target", ["skills", "closing"])
async def test_skills_under_64_columns_are_names_and_changes_without_bars(
    data: Path, target: str
) -> None:
    """At 40 columns the bars would be two cells each: the change in words takes their room."""
    async with opened(data, (40, 40), target) as (app, pilot):
        lines = screen_lines(app)
        assert not any(bar.display for bar in app.screen.query(".skill-row ProgressBar"))
        assert not any("━" in line for line in lines), "\n".join(lines)
        assert any(re.search(r"Social media +1 → 3 \(\+2\)", line) for line in lines), lines
        # The longest names end in an ellipsis, on the same line as their change.
        assert any(re.search(r"Messaging and chat \S*… +3 → 4 \(\+1\)", line) for line in lines)
        await pilot.resize_terminal(100, 40)
        await settle(pilot, rounds=5)
        assert all(bar.display for bar in app.screen.query(".skill-row ProgressBar"))
        assert any(re.search(r"Messaging and chat tools +━", line) for line in screen_lines(app))
