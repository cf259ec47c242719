"""RowTable draws every cell exactly as Textual's DataTable would, only faster.

One difference is meant: a cell the program wrote (a ``str``, a number, a
``Text`` without an overflow) ends in "…" when cut, as user text made by
``cell()`` does, where Textual crops it. The reference table is given those
cells already elided, so everything else must match exactly.
"""

from __future__ import annotations

import random

import pytest
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import DataTable, Input

from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

TRICKY = [
    "",
    "plain",
    "a rather long value that is much wider than the column it sits in, by far",
    "日本語のテキストと混在 mixed",
    "emoji 👩‍💻🎉 and more",
    "e\u0301 combining",
    "مرحبا بالعالم right to left",
    "[b]not markup[/b]",
    "tab\tinside",
    "x" * 200,
    "a note of many paragraphs, " * 400,  # cut before it is laid out: the same line
    "e\u0301" * 300,  # zero-width marks: the cut must still leave a full line
    "日本語" * 500,
]


def _random_cells(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abc XYZ 123 日本 👍 é ß — [] / \\ 😀 中文 ñ"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


class Plain(DataTable[object]):
    """Textual's DataTable as it is, to compare against."""


def elided(value: object) -> object:
    """``value`` as RowTable draws it in a one-line row: ending in "…" when cut."""
    if isinstance(value, Text):
        if value.overflow is not None:
            return value
        value = value.copy()
    else:
        text = value if isinstance(value, str) else str(value)
        value = Text.from_markup(text, end="") if isinstance(value, str) else Text(text, end="")
    value.overflow, value.no_wrap = "ellipsis", True
    return value


class TwoTables(App[None]):
    """The same rows in a RowTable and in Textual's own DataTable, side by side."""

    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Input(id="elsewhere")
        yield RowTable(cursor_type="row", zebra_stripes=True, id="fast")
        yield Plain(cursor_type="row", zebra_stripes=True, id="plain")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.styles.height = 12
            table.add_column("Term", width=14)
            table.add_column("What it means", width=22)
            table.add_column("n", width=3)
            for number, row in enumerate(self.rows):
                table.add_row(*_cells_for(table, row), key=str(number))


def _cells_for(table: DataTable[object], row: tuple[object, ...]) -> list[object]:
    """The row's cells, elided first for Textual's own table (as RowTable draws them)."""
    return [elided(value) if isinstance(table, Plain) else value for value in row]


def _looks(strip: Strip) -> list[tuple[str, object]]:
    """What a line shows: its characters and their styles (however the segments split)."""
    return [(seg.text, seg.style) for seg in Segment.simplify(list(strip))]


def _drawn(table: DataTable[object]) -> list[list[tuple[str, object]]]:
    return [_looks(table.render_line(y)) for y in range(table.size.height)]


async def _same_drawing(app: TwoTables, pilot: object, focused: bool = False) -> None:
    """Both tables draw the same lines, both blurred or (``focused``) each in turn focused."""
    fast, plain = app.query_one("#fast", RowTable), app.query_one("#plain", Plain)
    assert fast.size == plain.size
    drawn = []
    for table in (fast, plain):
        if focused:
            table.focus()
            await pilot.pause()  # type: ignore[attr-defined]
        drawn.append(_drawn(table))
    assert drawn[0] == drawn[1]


@pytest.mark.parametrize("cells", [TRICKY, _random_cells(1, 30), _random_cells(2, 30)])
async def test_every_cell_is_drawn_as_textual_draws_it(cells: list[str]) -> None:
    rows: list[tuple[object, ...]] = []
    for number, value in enumerate(cells):
        styled = Text(value[:10], style="bold red") + Text(value[10:], style="italic")
        rows.append((cell(value), styled if number % 2 else value.replace("[", "("), number))
    app = TwoTables(rows)
    async with app.run_test(size=(60, 40)) as pilot:
        fast, plain = app.query_one("#fast", RowTable), app.query_one("#plain", Plain)
        await pilot.pause()
        await _same_drawing(app, pilot)  # neither focused
        for moves in range(3):
            for table in (fast, plain):
                table.move_cursor(row=moves * 4)
            await _same_drawing(app, pilot, focused=True)
        app.query_one("#elsewhere", Input).focus()  # both blurred again
        await pilot.pause()
        await _same_drawing(app, pilot)
        for table in (fast, plain):
            table.update_cell("3", table.ordered_columns[0].key, cell("changed value"))
            table.add_row(*_cells_for(table, (cell("added"), "row", 99)), key="new")
        await pilot.pause()
        await _same_drawing(app, pilot)
        await _same_drawing(app, pilot, focused=True)


async def test_a_cut_cell_the_program_wrote_ends_in_an_ellipsis() -> None:
    app = TwoTables([(cell("term"), "a status far wider than its column", 12345)])
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        line = app.query_one("#fast", RowTable).render_line(1).text
        assert "a status far wider th…" in line, line


async def test_a_new_cursor_style_redraws_the_cells() -> None:
    app = TwoTables([(cell("term"), "meaning", 1), (cell("other"), "text", 2)])
    async with app.run_test(size=(60, 40)) as pilot:
        fast = app.query_one("#fast", RowTable)
        fast.focus()
        await pilot.pause()
        before = _looks(fast.render_line(1))  # the cursor's row
        app.stylesheet.add_source("DataTable > .datatable--cursor { background: #ff0000; }")
        app.refresh_css()
        await pilot.pause()
        after = _looks(fast.render_line(1))
        assert after != before
        assert all(style.bgcolor.triplet.hex == "#ff0000" for _, style in after[:2])  # type: ignore[union-attr]
        await _same_drawing(app, pilot, focused=True)


async def test_cells_of_fixed_width_columns_are_never_measured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import textual.widgets._data_table as data_table

    measured: list[object] = []
    measure = data_table.measure

    def counted(console: object, renderable: object, default: int) -> int:
        measured.append(renderable)
        return measure(console, renderable, default)  # type: ignore[arg-type]

    monkeypatch.setattr(data_table, "measure", counted)
    app = TwoTables([])
    async with app.run_test(size=(60, 40)) as pilot:
        fast = app.query_one("#fast", RowTable)
        plain = app.query_one("#plain", Plain)
        for table in (fast, plain):
            for number in range(200):
                table.add_row(cell(f"term {number}"), "meaning", number, key=f"k{number}")
        measured.clear()
        await pilot.pause()  # the tables size themselves when idle
        ours = [r for r in measured if isinstance(r, Text) and r.plain.startswith("term")]
        assert len(ours) >= 200  # Textual's own table measured every new cell...
        fast_cells = {id(fast.get_cell_at(data_table.Coordinate(n, 0))) for n in range(200)}
        assert not [r for r in measured if id(r) in fast_cells]  # ...ours none
        await _same_drawing(app, pilot)
