"""The app's card import: a worker with a progress bar, and Cancel stops after the batch."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Button, Input, ProgressBar, Static

from companion.dialogs.card_import import ImportDialog
from tests.apphelpers import app_on, demo_folder

ROWS = 3000  # six batches of 500


def _deck(path: Path, rows: int = ROWS) -> Path:
    path.write_text("".join(f"Import term {i}\tmeaning {i}\n" for i in range(rows)))
    return path


async def _wait(pilot, condition, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


@pytest.mark.asyncio
async def test_cancel_stops_after_the_current_batch_and_says_where(
    data: Path, tmp_path: Path
) -> None:
    demo_folder(data)
    deck = _deck(tmp_path / "deck.txt")
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.programme.store.cards
        before = len(app.programme.cards.all())
        real_put = cards.put_cards
        first_batch_started, go_on = threading.Event(), threading.Event()

        def put_cards(batch, **options):  # the first batch waits until Cancel was pressed
            first_batch_started.set()
            go_on.wait(10)
            return real_put(batch, **options)

        cards.put_cards = put_cards
        dialog = ImportDialog(app.programme)
        await app.push_screen(dialog)
        dialog.query_one(Input).value = str(deck)
        await pilot.click("#import")
        await _wait(pilot, first_batch_started.is_set)
        assert dialog.running
        assert not dialog.query_one("#cancel", Button).disabled
        await pilot.click("#cancel")
        go_on.set()
        await _wait(pilot, lambda: not dialog.running)
        await pilot.pause()
        result = str(dialog.query_one("#result", Static).render())
        assert result.startswith("Imported 500 of 3000, stopped at line 501"), result
        assert dialog.query_one(ProgressBar).progress == 500
        assert dialog.query_one("#cancel", Button).disabled
        assert len(app.programme.cards.all()) == before + 500, "the written batch stays"


@pytest.mark.asyncio
async def test_a_full_import_reports_added_and_skipped_rows(data: Path, tmp_path: Path) -> None:
    demo_folder(data)
    deck = tmp_path / "deck.txt"
    deck.write_text("Good term\tfine\n" + "x" * 2100 + "\ttoo long a term\nOther\tfine too\n")
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = ImportDialog(app.programme)
        await app.push_screen(dialog)
        dialog.query_one(Input).value = str(deck)
        await pilot.click("#import")
        await _wait(pilot, lambda: not dialog.query_one("#import", Button).disabled)
        result = str(dialog.query_one("#result", Static).render())
        assert result.startswith("Added 2, updated 0, skipped 1."), result
        assert "Skipped line 2:" in result
