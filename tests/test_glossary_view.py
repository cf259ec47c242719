"""The glossary's use-case view, its paged table, and a review that draws before it saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.domain.cards import Card
from companion.domain.glossary_query import find_cards
from companion.programme.core import Programme
from companion.programme.glossary import Filters
from companion.screens.glossary import GlossaryScreen
from companion.screens.review import ReviewScreen
from companion.storage.store import Store
from companion.widgets.paged_table import PAGE, PagedTable
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
    data = _folder(tmp_path, 3 * PAGE)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(PagedTable)
        total = table.total
        assert total > 3 * PAGE and table.row_count == PAGE
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
        assert table.cursor_row == PAGE and table.row_count >= PAGE + PAGE // 2


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
