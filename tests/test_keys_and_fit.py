"""Every key can be found and every screen fits: footers and tables at 80x24, F1 anywhere."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import DataTable, Footer, TextArea

from companion.screens.help import HelpScreen, binding_rows
from companion.screens.registry import SCREENS
from tests.apphelpers import app_on, demo_folder


async def settle(pilot, rounds: int = 4) -> None:
    """Let the app open its store and lay out."""
    for _ in range(rounds):
        await pilot.pause()


@asynccontextmanager
async def on_screen(data: Path, name: str, size: tuple[int, int]) -> AsyncIterator[tuple]:
    """Run the demo pair's app at ``size`` with screen ``name`` open: yield (app, pilot)."""
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if name != "dashboard":
            app.navigator.open_target(name)
            await settle(pilot)
        yield app, pilot


@pytest.mark.parametrize("name", list(SCREENS))
async def test_footer_and_tables_fit_80_columns(data: Path, name: str) -> None:
    async with on_screen(data, name, (80, 24)) as (app, _pilot):
        screen = app.screen
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= 80, f"{name} footer is {footer.virtual_size.width}"
        for table in screen.query(DataTable):
            assert table.virtual_size.width <= table.size.width, f"{name} scrolls sideways"


async def test_tables_use_a_wide_terminal(data: Path) -> None:
    async with on_screen(data, "actions", (200, 60)) as (app, _pilot):
        table = app.screen.query_one(DataTable)
        action = list(table.columns.values())[1]
        assert action.get_render_width(table) > 100
        assert table.virtual_size.width <= table.size.width


@pytest.mark.parametrize("name", ["sessions", "log", "actions", "goals", "cards"])
async def test_at_40_columns_what_a_table_shows_can_be_read(data: Path, name: str) -> None:
    """Columns are narrowed to what can be read, then the rightmost go: never "Fri…"."""
    from companion.widgets.fit import MAIN_MIN

    async with on_screen(data, name, (40, 12)) as (app, _pilot):
        table = app.screen.query_one(DataTable)
        widths = [column.width for column in table.columns.values()]
        assert table.virtual_size.width <= table.size.width, f"{name} scrolls sideways"
        assert 0 in widths, f"{name}: every column squeezed in: {widths}"
        main = widths.index(max(widths))
        assert widths[main] >= MAIN_MIN
        others = [i for i in range(len(widths)) if i != main]
        dropped = [i for i in others if widths[i] == 0]
        assert dropped == others[len(others) - len(dropped) :], f"{name}: rightmost first {widths}"
        if name in ("sessions", "log"):  # the date stays whole
            lines = [strip.text for strip in table.render_lines(table.region.reset_offset)]
            assert any(line.lstrip().startswith(("Fri ", "Mon ", "Wed ")) for line in lines)
            first = str(table.get_cell_at((0, 0)))
            assert any(line.lstrip().startswith(first) for line in lines), (first, lines[:3])


async def test_long_text_ends_in_an_ellipsis_and_dates_are_short(data: Path) -> None:
    async with on_screen(data, "sessions", (80, 24)) as (app, _pilot):
        table = app.screen.query_one(DataTable)
        date = str(table.get_cell_at((0, 0)))
        assert len(date.split()) == 3 and date.split()[0] in (
            "Mon",
            "Tue",
            "Wed",
            "Thu",
            "Fri",
            "Sat",
            "Sun",
        )
        lines = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        assert any("…" in line for line in lines)


async def test_f1_opens_help_while_typing_in_the_session_notes(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # start the suggested session
        await settle(pilot)
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        await pilot.press("a", "question_mark")
        assert "a?" in notes.text  # "?" is typed, not taken as help
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_session_footer_and_help_put_the_screens_keys_first(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # start the suggested session
        await settle(pilot)
        app.screen.query_one("#notes", TextArea).focus()
        await pilot.pause()
        shown = [
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        ]
        assert shown[:4] == ["Wrap up", "Action", "Term", "Private"]
        assert "Help" in shown
        assert app.screen.query_one(Footer).virtual_size.width <= 80
        rows = binding_rows(app.screen)
        assert rows[0][1] == "Wrap up"
        more = [label for label, _ in rows].index("")
        scroll_or_cursor = [
            i for i, (_, d) in enumerate(rows) if "scroll" in d.lower() or "cursor" in d.lower()
        ]
        assert all(i > more for i in scroll_or_cursor)


async def test_at_40_columns_curriculum_titles_end_in_an_ellipsis(data: Path) -> None:
    from textual.widgets import Tree

    async with on_screen(data, "curriculum", (40, 12)) as (app, pilot):
        tree = app.screen.query_one(Tree)
        lines = [strip.text.rstrip() for strip in tree.render_lines(tree.region.reset_offset)]
        assert tree.virtual_size.width <= tree.scrollable_content_region.width
        cut = [line for line in lines if line.endswith("…")]
        assert cut, lines  # the demo's titles do not fit 40 columns
        assert all("min" in line or "done" in line or line in cut for line in lines if line)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        lines = [strip.text.rstrip() for strip in tree.render_lines(tree.region.reset_offset)]
        assert not [line for line in lines if line.endswith("…")], "room again: whole titles"
