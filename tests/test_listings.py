"""The journal's and the log's rows: built once in the use-case layer, cached, shown in pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from companion.domain.log import LogEntry
from companion.programme.core import Programme
from companion.programme.listings import JOURNAL_COLUMNS, LOG_COLUMNS
from companion.widgets.paged_table import PagedTable
from tests.apphelpers import NOW, TODAY, app_on

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from heavy import heavy_folder


@pytest.fixture(scope="module")
def tenth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tenth of ten heavy years: 50 sessions, 500 log entries (plus the demo pair)."""
    return heavy_folder(tmp_path_factory.mktemp("tenth") / "data", 0.1)


@pytest.fixture
def programme(tenth: Path, tmp_path: Path) -> Programme:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(tenth, folder)
    opened = Programme.opened(folder, backup=False, clock=lambda: NOW)
    yield opened
    opened.close()


def test_the_log_listing_is_the_log_newest_first_as_shown(programme: Programme) -> None:
    view = programme.listings.log()
    entries = programme.journal.log_entries()
    assert [key for key, _ in view.listing.rows] == [e.id for e in reversed(entries)]
    assert view.listing.columns == LOG_COLUMNS
    _, cells = view.listing.rows[0]
    newest = entries[-1]
    assert cells[1] == str(newest.minutes) and cells[2] == newest.topic
    assert cells[4] in ("session", "informal")
    for i, column in enumerate(LOG_COLUMNS):
        widest = max(len(c[i]) for _, c in view.listing.rows)
        assert view.listing.widths[i] == max(widest, len(column))
    assert view.totals.entries == len(entries)


def test_log_filters_are_applied_in_the_use_case_layer(programme: Programme) -> None:
    entries = programme.journal.log_entries()
    informal = programme.listings.log("informal").listing.rows
    assert {k for k, _ in informal} == {e.id for e in entries if e.session_id is None}
    sessions = programme.listings.log("session").listing.rows
    assert {k for k, _ in sessions} == {e.id for e in entries if e.session_id is not None}
    listening = programme.listings.log("all", "listening").listing.rows
    assert listening and {k for k, _ in listening} == {
        e.id for e in entries if "listening" in e.skills
    }


def test_a_listing_is_built_once_and_rebuilt_when_records_change(programme: Programme) -> None:
    listings = programme.listings
    first = listings.log()
    builds = listings.builds
    assert listings.log() is first and listings.builds == builds
    programme.journal.save_log_entry(LogEntry(date=TODAY, minutes=25, topic="Fresh <b>entry"))
    again = listings.log()
    assert again is not first
    assert again.listing.rows[0][1][2] == "Fresh <b>entry"
    assert again.totals.entries == first.totals.entries + 1
    journal = listings.journal()
    assert listings.journal() is journal
    session = programme.sessions.all()[-1]
    programme.sessions.delete(session.id)
    assert session.id not in {k for k, _ in listings.journal().rows}


def test_the_journal_listing_searches_filters_and_counts_open_actions(
    programme: Programme,
) -> None:
    listing = programme.listings.journal()
    sessions = programme.sessions.all()
    names = programme.journal.first_names()  # the ratings are headed by the pair's names
    assert listing.columns == (
        *JOURNAL_COLUMNS[:3],
        f"{names['mentor']} ★",
        f"{names['mentee']} ★",
        *JOURNAL_COLUMNS[5:],
    )
    assert names["mentor"] != "Mentor"
    assert len(listing.rows) == len(sessions)
    dates = [s.date for s in sorted(sessions, key=lambda s: s.date, reverse=True)]
    by_id = {s.id: s for s in sessions}
    assert [by_id[k].date for k, _ in listing.rows] == dates
    actions = programme.journal.actions()
    for key, cells in listing.rows:
        assert cells[5] == str(sum(1 for a in actions if a.session_id == key and not a.done))
    found = programme.listings.journal("QUARTERLY churn")
    assert 0 < len(found.rows) <= len(listing.rows)
    assert all(
        "quarterly" in by_id[k].shared_notes and "churn" in by_id[k].shared_notes
        for k, _ in found.rows
    )
    assert programme.listings.journal("no-such-word-anywhere").rows == ()
    month = programme.listings.journal_months()[3]
    assert {
        by_id[k].date.strftime("%Y-%m") for k, _ in programme.listings.journal(month=month).rows
    } == {month}


def _count_shows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    calls: list[tuple[str, int]] = []
    original = PagedTable.show

    def show(self: PagedTable, rows, widths) -> None:  # type: ignore[no-untyped-def]
        calls.append((type(self.screen).__name__, len(rows)))
        original(self, rows, widths)

    monkeypatch.setattr(PagedTable, "show", show)
    return calls


@pytest.mark.parametrize(("key", "screen"), [("l", "LogScreen"), ("j", "JournalScreen")])
async def test_each_screen_fills_its_table_once_per_open(
    programme: Programme, monkeypatch: pytest.MonkeyPatch, key: str, screen: str
) -> None:
    folder = programme.folder
    programme.close()
    calls = _count_shows(monkeypatch)
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen
            await pilot.press("down", "escape")
            await pilot.pause()
    # Once on the first open (or while built off screen), every row; the screen is
    # kept, so nothing to fill again.
    mine = [rows for name, rows in calls if name == screen]
    assert len(mine) == 1 and mine[0] > 50


async def test_the_log_shows_a_first_page_then_the_rest_and_fits_its_width(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = programme.folder
    count = len(programme.journal.log_entries())
    newest = programme.journal.log_entries()[-1].topic
    programme.close()
    at_first: list[int] = []
    original = PagedTable.show

    def show(self: PagedTable, rows, widths) -> None:  # type: ignore[no-untyped-def]
        original(self, rows, widths)
        if type(self.screen).__name__ == "LogScreen":  # not the journal, built off screen
            at_first.append(self.row_count)

    monkeypatch.setattr(PagedTable, "show", show)
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert at_first == [PagedTable.FIRST_PAGE] and table.row_count < count
        await pilot.press("end")
        assert table.row_count == count
        assert all(not c.auto_width for c in table.columns.values())
        widths = [c.width for c in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 100  # fits: no sideways scrolling
        topic = table.get_row_at(0)[2]
        assert isinstance(topic, Text) and topic.plain == newest


class OneTable(App[None]):
    """A paged table of two columns, the second user text, alone on screen."""

    def compose(self) -> ComposeResult:
        table = PagedTable(main=1, user_text=[1])
        table.add_columns("N", "Text")
        yield table


async def test_end_reaches_the_last_row_before_the_rest_has_arrived() -> None:
    rows = [(f"row-{i}", (f"{i}", f"[b]text {i}")) for i in range(1000)]

    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(PagedTable)
        table.show(rows, (4, 12))
        assert table.row_count == PagedTable.FIRST_PAGE and table.pending
        table.action_scroll_bottom()
        assert table.row_count == 1000 and table.cursor_row == 999
        assert table.get_row("row-999")[1].plain == "[b]text 999"  # literally, not markup
        await pilot.press("home")
        assert table.cursor_row == 0
        table.move_cursor(row=500)
        table.show(rows[::-1], (4, 12))  # refilled: the cursor stays on its row
        await pilot.pause()
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "row-500"


async def test_more_rows_arrive_as_the_cursor_and_the_scroll_near_the_end() -> None:
    rows = [(f"row-{i}", (f"{i}", f"text {i}")) for i in range(1000)]

    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(PagedTable)
        table.show(rows, (4, 12))
        await pilot.pause()
        assert table.row_count == PagedTable.FIRST_PAGE
        await pilot.press(*["pagedown"] * 4)
        await pilot.pause()
        assert table.row_count == PagedTable.FIRST_PAGE + PagedTable.PAGE
        assert table.cursor_row > PagedTable.FIRST_PAGE - PagedTable.MARGIN
        table.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert table.row_count == PagedTable.FIRST_PAGE + 2 * PagedTable.PAGE
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            str(i) for i in range(table.row_count)
        ]
