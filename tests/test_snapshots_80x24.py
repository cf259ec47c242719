"""Snapshots at 80x24 of every screen with a table, and the dashboard at 80x24 and 200x60.

Demo pair, clock pinned. Each table's header is checked in full as well (a test
that reads the rendered header row), so a cut header fails even before an SVG
is compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.apphelpers import app_on, demo_folder
from tests.test_snapshots import settle

SMALL = (80, 24)
LARGE = (200, 60)
TABLE_SCREENS = ["sessions", "log", "goals", "actions", "cards", "timeline", "wins"]


def _opening(name: str):
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.navigator.open_target(name)
        await settle(pilot, rounds=5)

    return run


@pytest.mark.parametrize("name", TABLE_SCREENS)
def test_table_screen_at_80x24(snap_compare, data: Path, name: str) -> None:
    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=SMALL, run_before=_opening(name))


def test_dashboard_at_80x24(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SMALL, run_before=settle)


def test_dashboard_at_200x60(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=LARGE, run_before=settle)


def header_line(table: DataTable[object]) -> str:
    """The table's header row as drawn."""
    return table.render_lines(table.region.reset_offset)[0].text


@pytest.mark.parametrize("name", TABLE_SCREENS)
async def test_every_header_is_shown_in_full_at_80x24(data: Path, name: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=SMALL) as pilot:
        await _opening(name)(pilot)
        tables = list(app.screen.query(DataTable))
        assert tables, f"{name} has no table"
        for table in tables:
            header = header_line(table)
            for column in table.columns.values():
                label = column.label.plain
                assert label in header, f"{name}: {label!r} cut in {header!r}"
                assert column.get_render_width(table) >= cell_len(label) + 2 * table.cell_padding


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 60)])
async def test_dashboard_module_names_are_never_cut_by_their_bars(
    data: Path, size: tuple[int, int]
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#modules")
        titles = [m.title for m in app.programme.curriculum.modules.values()]
        shown = [
            label
            for label in panel.query("Label")
            if label.display and label.region.width and str(label.content) in titles
        ]
        assert sorted(str(label.content) for label in shown) == sorted(titles)
        for label in shown:
            assert label.region.width >= cell_len(str(label.content)), str(label.content)


async def test_a_200x60_dashboard_uses_its_height(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        board = app.screen.query_one("#board")
        assert board.virtual_size.height >= 0.75 * board.size.height
        assert len(app.screen.query_one("#sessions").children) > 3  # more than at 80x24
