"""The dashboard's "cards due" is what the review will show, person by person."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from companion.domain.cards import CardState
from companion.programme.core import Programme
from tests.apphelpers import NOW, demo_folder


def _started(card_id: str, role: str, due_days_ago: int) -> CardState:
    """A card in long-term review for ``role``, due ``due_days_ago`` days ago."""
    return CardState(
        card_id=card_id,
        role=role,  # type: ignore[arg-type]
        due=NOW - timedelta(days=due_days_ago),
        phase=2,
        step=None,
        stability=5.0,
        difficulty=5.0,
        last_review=NOW - timedelta(days=10),
        reviews=3,
        first_review=NOW - timedelta(days=30),
    )


def test_cards_due_equals_each_persons_review_queue(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    with Programme.opened(folder, clock=lambda: NOW) as programme:
        cards = programme.cards.all().values()
        mentor_card = next(c for c in cards if c.audience == "mentor")
        mentee_card = next(c for c in cards if c.audience == "mentee")
        store = programme.store.cards
        # States that are not on the mentee's list: one for a card meant for the
        # mentor, one for a card that no longer exists. Both are due.
        store.put_state(_started(mentor_card.id, "mentee", 2))
        store.put_state(_started("a-card-since-deleted", "mentee", 2))
        store.put_state(_started(mentee_card.id, "mentee", 1))
        settings = programme.journal.settings()
        programme.store.journal.save_settings(settings.model_copy(update={"new_cards_per_day": 2}))

        overview = programme.reports.overview()
        assert overview is not None
        for role in ("mentor", "mentee"):
            queue = programme.cards.queue(role)  # type: ignore[arg-type]
            shown = overview.due[role]
            assert shown.total == len(queue), role
        mentee_queue = programme.cards.queue("mentee")
        assert mentor_card.id not in mentee_queue
        assert "a-card-since-deleted" not in mentee_queue
        assert overview.due["mentee"].new <= 2
        assert mentee_card.id in mentee_queue
