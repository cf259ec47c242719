"""The glossary's use-case view, its paged table, and a review that draws before it saves."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

import companion.programme.cards as cards_module
from companion.domain.cards import Card
from companion.domain.glossary_query import find_cards
from companion.domain.scheduling import make_scheduler, new_state, review
from companion.formatting import plural
from companion.programme.core import Programme
from companion.programme.glossary import Filters
from companion.screens.glossary import GlossaryScreen
from companion.screens.review import ReviewScreen
from companion.storage.store import Store
from companion.widgets.item_table import PAGE, ItemTable
from tests.apphelpers import NOW, app_on
from tests.conftest import make_pair

WORDS = ["alpha", "beta", "Gamma", "delta", "Straße"]


def _cards(count: int) -> list[Card]:
    return [
        Card(
            id=f"own-{i}",
            term=f"{WORDS[i % 5]} term {i:04d}",
            definition=f"Meaning {i} with {WORDS[(i * 3) % 5]}.",
            example=f"Use {i}.",
            tags=[WORDS[(i * 7) % 5].lower()],
            deck="ours",
            audience="mentee" if i % 2 else "mentor",
        )
        for i in range(count)
    ]


async def _open_glossary(pilot: Any) -> tuple[GlossaryScreen, ItemTable[Any]]:
    """Press ``g`` on the dashboard; return the glossary and its table."""
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GlossaryScreen)
    return screen, screen.query_one(ItemTable)


def _folder(tmp_path: Path, count: int) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.cards.put_cards(_cards(count))
    return data


def test_the_view_finds_what_the_domain_search_finds_also_when_typing_on(tmp_path: Path) -> None:
    data = _folder(tmp_path, 300)
    with Programme.opened(data, clock=lambda: NOW) as programme:
        view = programme.cards.glossary.view(NOW)
        cards = programme.cards.all()
        states = {(s.role, s.card_id): s for s in programme.cards.states()}
        typed = ""
        for char in "gamma me 1":  # each keystroke narrows the last result
            typed += char
            found = [r.id for r in view.find(Filters(text=typed, deck="ours"))]
            known = find_cards(cards.values(), states, NOW, text=typed, deck="ours")
            expected = [c.id for c in known]
            assert found == expected
        assert found  # the search still finds something at the end
        wider = [r.id for r in view.find(Filters(text="gam"))]  # back to fewer letters
        assert wider == [c.id for c in find_cards(cards.values(), states, NOW, text="gam")]
        assert len(wider) > len(found)
        straße = view.find(Filters(text="STRASSE", audience="mentor"))  # case-folded
        assert straße and all(r.role == "mentor" for r in straße)


def test_the_view_is_kept_until_a_card_or_a_state_changes(tmp_path: Path) -> None:
    data = _folder(tmp_path, 20)
    with Programme.opened(data, clock=lambda: NOW) as programme:
        glossary = programme.cards.glossary
        first = glossary.view(NOW)
        assert glossary.view(NOW) is first  # a second ask in the same minute costs nothing
        card = programme.cards.get("own-3")
        assert card is not None
        programme.cards.save(card, {"term": "Renamed card"})
        second = glossary.view(NOW)
        assert second is not first
        assert [r.term for r in second.find(Filters(text="renamed"))] == ["Renamed card"]
        assert programme.cards.delete("own-4")
        assert "own-4" not in {r.id for r in glossary.view(NOW).rows}


async def test_the_glossary_fills_a_page_first_and_end_reaches_the_last_card(
    tmp_path: Path,
) -> None:
    app = app_on(_folder(tmp_path, 3 * PAGE))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await _open_glossary(pilot)
        total = table.total
        assert total > 3 * PAGE and table.row_count == ItemTable.FIRST_PAGE
        assert screen.sub_title == f"{total} cards"
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == total and table.cursor_row == total - 1
        last = screen.view().find(screen.filters())[-1]
        assert screen.selected_key() == last.id
        await pilot.press("home")
        await pilot.pause()
        for _ in range(PAGE):  # walking down adds the next page before the cursor gets there
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == PAGE and table.row_count >= PAGE + ItemTable.MARGIN


async def test_a_review_answer_that_cannot_be_saved_brings_its_card_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _folder(tmp_path, 5)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first = screen.queue[0]

        def full_disk(*_: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.programme.store, "record_review", full_disk)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        # The answer was not saved: the same card is back with its answers, nothing counted.
        assert screen.position == 0 and screen.revealed and screen.queue[0] == first
        assert screen.reviewed == 0
        assert app.saves_failing
        monkeypatch.undo()
        while not isinstance(app.screen, ReviewScreen):  # close the error dialog
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert screen.position == 1 and screen.reviewed == 1
    with Store.open(data, readonly=True) as store:
        assert [log.card_id for log in store.reviews.logs(role="mentee")] == [first]


async def test_a_long_history_is_read_in_a_thread_and_then_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _folder(tmp_path, 5)
    scheduler = make_scheduler(fuzz=False)
    with Store.open(data) as store:
        state = new_state("own-0", "mentor", NOW - timedelta(days=800))
        for days in (800, 400, 10):  # three years
            state, log = review(scheduler, state, 3, NOW - timedelta(days=days))
            store.record_review(state, log)
    monkeypatch.setattr(cards_module, "QUICK_HISTORY", 0)  # every history counts as long
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        screen.query_one("#search", Input).value = "alpha term 0000"
        for _ in range(200):
            await pilot.pause(0.02)
            shown = str(screen.query_one("#history", Static).render())
            if "Reviews" in shown:
                break
        assert shown.count("Good") == 3 and "Reading" not in shown
        assert not app.programme.store.reviews.unindexed()


def test_an_index_read_while_a_log_is_added_is_not_kept(tmp_path: Path) -> None:
    data = _folder(tmp_path, 2)
    scheduler = make_scheduler(fuzz=False)
    with Store.open(data) as store:
        state, log = review(scheduler, new_state("own-1", "mentee", NOW), 3, NOW)
        store.record_review(state, log)
    with Store.open(data) as store:
        reviews = store.reviews
        built = reviews.build_index(NOW.year)  # as another thread would
        assert built is not None
        later = NOW + timedelta(days=1)
        state, log = review(scheduler, state, 4, later)
        store.record_review(state, log)  # a log added meanwhile
        reviews.install_index(NOW.year, built)
        assert [x.rating for x in reviews.logs(card_id="own-1")] == [3, 4]


async def test_searching_keeps_the_columns_widths_and_the_count_follows(tmp_path: Path) -> None:
    app = app_on(_folder(tmp_path, 3 * PAGE))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await _open_glossary(pilot)
        widths = [column.width for column in table.columns.values()]
        total = table.total
        await pilot.press("slash", "a", "g")
        await pilot.pause(0.5)  # past the pause after typing
        assert table.total < total
        assert [column.width for column in table.columns.values()] == widths
        assert screen.sub_title == plural(table.total, "card")
