"""One card's review history comes from an index by card and equals a scan of every log."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.base import ROLES, Role
from companion.domain.cards import ReviewLog
from companion.storage.store import Store

CARDS = ["mfa", "ebitda", "okr", "churn"]

logs_strategy = st.lists(
    st.builds(
        ReviewLog,
        card_id=st.sampled_from(CARDS),
        role=st.sampled_from(ROLES),
        rating=st.integers(1, 4),
        # Few distinct instants over three years, so replacements and ties happen.
        reviewed_at=st.integers(0, 40).map(
            lambda n: datetime(2024, 12, 31, 12, tzinfo=UTC) + timedelta(days=n * 17 % 700)
        ),
        duration_ms=st.none() | st.integers(0, 9000),
    ),
    max_size=40,
)


def oracle(added: list[ReviewLog], card_id: str | None, role: Role | None) -> list[ReviewLog]:
    """What a plain scan returns: the last log per key, years in order, then by time."""
    by_year: dict[int, dict[tuple[str, str, datetime], ReviewLog]] = {}
    for log in added:
        by_year.setdefault(log.reviewed_at.year, {})[(log.role, log.card_id, log.reviewed_at)] = log
    found = [log for year in sorted(by_year) for log in by_year[year].values()]
    found = [
        log
        for log in found
        if (card_id is None or log.card_id == card_id) and (role is None or log.role == role)
    ]
    return sorted(found, key=lambda log: log.reviewed_at)


def every_query(store: Store, added: list[ReviewLog]) -> None:
    for card_id in [None, *CARDS, "never-reviewed"]:
        for role in (None, *ROLES):
            assert store.reviews.logs(card_id=card_id, role=role) == oracle(added, card_id, role)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=logs_strategy, after=logs_strategy)
def test_card_history_from_the_index_equals_the_scan(
    before: list[ReviewLog], after: list[ReviewLog]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        with Store.open(data, backup=False) as store:
            for log in before:
                store.reviews.add(log)
            every_query(store, before)  # builds the index
            for log in after:  # adds keep the built index up to date
                store.reviews.add(log)
            every_query(store, before + after)
        with Store.open(data, backup=False) as store:  # the index rebuilt from the files
            every_query(store, before + after)


def test_a_card_history_loads_only_the_years_asked_for(data: Path) -> None:
    with Store.open(data, backup=False) as store:
        for year in (2023, 2024, 2025):
            store.reviews.add(
                ReviewLog(
                    card_id="mfa",
                    role="mentee",
                    rating=3,
                    reviewed_at=datetime(year, 3, 1, tzinfo=UTC),
                )
            )
    with Store.open(data, backup=False) as store:
        assert store.reviews._years == {}  # nothing loaded on open
        store.reviews.add(
            ReviewLog(
                card_id="okr", role="mentor", rating=2, reviewed_at=datetime(2025, 4, 1, tzinfo=UTC)
            )
        )
        assert set(store.reviews._years) == {2025}  # a review touches its own year only
        assert store.reviews.years() == [2023, 2024, 2025]
        assert [log.reviewed_at.year for log in store.reviews.logs(card_id="mfa")] == [
            2023,
            2024,
            2025,
        ]


def test_a_year_index_replaces_and_adds_and_shares_card_ids() -> None:
    from companion.storage.review_index import YearIndex, unpack

    def log(card: str, day: int, rating: int, role: Role = "mentee") -> ReviewLog:
        at = datetime(2025, 1, day, tzinfo=UTC)
        return ReviewLog(card_id=card, role=role, rating=rating, reviewed_at=at, duration_ms=day)

    def history(index: YearIndex, card: str) -> list[tuple[int, int, str]]:
        logs = [unpack(card, m, p) for m, p in index.pairs(card)]
        return [(x.reviewed_at.day, x.rating, x.role) for x in logs]

    index = YearIndex([log("okr", 3, 1), log("mfa", 1, 2), log("okr", 2, 3)])
    assert history(index, "okr") == [(3, 1, "mentee"), (2, 3, "mentee")]  # the file's order
    assert history(index, "never") == []
    index.put(log("okr", 2, 4))  # same moment and person: replaced in place
    index.put(log("okr", 2, 1, "mentor"))  # the other person: added
    index.put(log("churn", 5, 2))  # a card the year had not seen
    index.put(log("churn", 5, 3))
    assert history(index, "okr") == [(3, 1, "mentee"), (2, 4, "mentee"), (2, 1, "mentor")]
    assert history(index, "churn") == [(5, 3, "mentee")]
    again = YearIndex([log("".join(["o", "kr"]), 9, 2)])
    assert again._ids[0] is index._ids[1]  # one string per card id across years
