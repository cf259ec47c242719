"""Reviews: FSRS scheduling persists and grows; a review by keys saves every answer at once."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input

from companion.domain.cards import Card
from companion.domain.review_queue import format_interval, todays_queue
from companion.domain.scheduling import make_scheduler, new_state, outcomes, review
from companion.screens.glossary import GlossaryScreen
from companion.screens.review import ReviewScreen
from companion.storage.store import Store
from tests.apphelpers import NOW, app_on
from tests.conftest import make_pair

CARDS = [
    Card(
        id=f"term-{i}",
        term=f"Term {i}",
        definition=f"Meaning {i}.",
        example=f"Use {i}.",
        deck="ours",
        audience="mentee",
    )
    for i in range(5)
]


def test_good_answers_make_intervals_grow_and_state_survives_a_restart(tmp_path: Path) -> None:
    random.seed(3)
    scheduler = make_scheduler(fuzz=False)
    moment = datetime(2026, 1, 5, 9, tzinfo=UTC)
    state = new_state("term-0", "mentee", moment)
    intervals = []
    data = tmp_path / "data"
    for _ in range(6):
        state, log = review(scheduler, state, 3, moment)
        with Store.open(data, backup=False) as store:  # a fresh open each time: a restart
            store.record_review(state, log)
        with Store.open(data, readonly=True) as store:
            state = store.cards.state("term-0", "mentee")
        intervals.append(state.due - moment)
        moment = state.due
    graduated = [i for i in intervals if i >= timedelta(days=1)]
    assert len(graduated) >= 3
    assert graduated == sorted(graduated) and graduated[-1] > graduated[0] * 3
    with Store.open(data, readonly=True) as store:
        assert len(store.reviews.logs(card_id="term-0")) == 6
        assert store.cards.state("term-0", "mentee").reviews == 6


def test_each_button_shows_the_interval_its_answer_gives() -> None:
    random.seed(1)
    scheduler = make_scheduler()
    state = new_state("term-0", "mentee", NOW)
    found = outcomes(scheduler, state, NOW)
    waits = [found[r][2] for r in (1, 2, 3, 4)]
    assert waits == sorted(waits) and waits[0] < waits[3]
    assert format_interval(waits[0].total_seconds()) == "1m"
    assert format_interval(3 * 86400) == "3d" and format_interval(70 * 86400) == "2mo"


def test_new_cards_per_day_are_capped() -> None:
    queue = todays_queue("mentee", CARDS, [], NOW, new_per_day=3)
    assert queue == ["term-0", "term-1", "term-2"]
    assert todays_queue("mentor", CARDS, [], NOW, new_per_day=3) == []


def setup(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.cards.put_cards(CARDS)


async def test_a_review_by_keys_saves_every_answer_before_the_next_card(data: Path) -> None:
    setup(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # who is reviewing?
        await pilot.pause()
        await pilot.click("#choice-mentee")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        screen = app.screen
        for answer, expected in (("4", 1), ("3", 2), ("1", 3)):
            await pilot.press("space")
            await pilot.pause()
            await pilot.press(answer)
            await pilot.pause()
            # The answer is on disk before the next card shows (a second, read-only open).
            with Store.open(data, readonly=True) as other:
                assert len(other.reviews.logs(role="mentee")) == expected
        assert screen.again == 1
        await pilot.press("escape")  # quitting mid-review loses nothing
    with Store.open(data, readonly=True) as store:
        ratings = [log.rating for log in store.reviews.logs(role="mentee")]
        assert ratings == [4, 3, 1]
        assert all(log.duration_ms is not None for log in store.reviews.logs())


async def test_glossary_search_and_an_edit_that_keeps_history(data: Path) -> None:
    setup(data)
    with Store.open(data) as store:
        scheduler = make_scheduler(fuzz=False)
        state, log = review(scheduler, new_state("term-3", "mentee", NOW), 3, NOW)
        store.record_review(state, log)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press("slash")
        await pilot.press("M", "e", "a", "n", "i", "n", "g", "space", "3")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("escape")  # from the search box back to the table, not off the screen
        assert isinstance(app.screen, GlossaryScreen) and app.focused is table
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#input-definition", Input).value = "A clearer meaning."
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store.open(data, readonly=True) as store:
        edited = next(c for c in store.cards.cards() if c.id == "term-3")
        assert edited.definition == "A clearer meaning."
        assert store.cards.state("term-3", "mentee").reviews == 1
        assert len(store.reviews.logs(card_id="term-3")) == 1
