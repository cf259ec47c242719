"""Card scheduling with FSRS (the ``fsrs`` package does all the maths).

``fsrs`` is imported lazily so that start-up does not pay for it.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from companion.domain.base import Role
from companion.domain.cards import CardState, ReviewLog

if TYPE_CHECKING:
    import fsrs

RATING_NAMES: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
"""The four answers, by number."""


def _fsrs_id(card_id: str, role: Role) -> int:
    """Return a stable integer id for fsrs (which wants ints) from our card id and role."""
    return zlib.crc32(f"{role}:{card_id}".encode()) + 1


def new_state(card_id: str, role: Role, now: datetime) -> CardState:
    """Return the state of a card ``role`` has never reviewed, due ``now``."""
    return CardState(card_id=card_id, role=role, due=now.astimezone(UTC))


def make_scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> fsrs.Scheduler:
    """Return an FSRS scheduler; turn ``fuzz`` off for repeatable schedules."""
    import fsrs

    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def _to_fsrs(state: CardState) -> fsrs.Card:
    import fsrs

    return fsrs.Card(
        card_id=_fsrs_id(state.card_id, state.role),
        state=fsrs.State(state.phase),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due.astimezone(UTC),
        last_review=state.last_review.astimezone(UTC) if state.last_review else None,
    )


def _from_fsrs(card: Any, previous: CardState) -> CardState:
    return previous.model_copy(
        update={
            "due": card.due,
            "phase": int(card.state),
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "last_review": card.last_review,
            "reviews": previous.reviews + 1,
            "first_review": previous.first_review
            or (card.last_review if previous.reviews == 0 else None),
        }
    )


def review(
    scheduler: fsrs.Scheduler,
    state: CardState,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
) -> tuple[CardState, ReviewLog]:
    """Apply one answer (1 Again … 4 Easy) at ``now``; return the new state and its log."""
    import fsrs

    when = now.astimezone(UTC)
    card, _ = scheduler.review_card(_to_fsrs(state), fsrs.Rating(rating), when, duration_ms)
    log = ReviewLog(
        card_id=state.card_id,
        role=state.role,
        rating=rating,
        reviewed_at=when,
        duration_ms=duration_ms,
    )
    return _from_fsrs(card, state), log


def retrievability(scheduler: fsrs.Scheduler, state: CardState, now: datetime) -> float:
    """Return the predicted chance (0-1) that the person recalls the card ``now``."""
    if state.is_new:
        return 0.0
    return float(scheduler.get_card_retrievability(_to_fsrs(state), now.astimezone(UTC)))


def outcomes(
    scheduler: fsrs.Scheduler, state: CardState, now: datetime
) -> dict[int, tuple[CardState, ReviewLog, timedelta]]:
    """Return, for each answer 1-4, the new state, its log, and the time until it is due.

    Computed once when the card is shown, so the interval on each button is
    exactly the one the answer gives (fuzzing included).
    """
    found = {}
    for rating in RATING_NAMES:
        new, log = review(scheduler, state, rating, now)
        found[rating] = (new, log, new.due - now.astimezone(UTC))
    return found


def average_recall(
    scheduler: fsrs.Scheduler, states: list[CardState], now: datetime
) -> float | None:
    """Return the mean predicted recall over the cards a person has started, or None."""
    started = [s for s in states if not s.is_new]
    if not started:
        return None
    return sum(retrievability(scheduler, s, now) for s in started) / len(started)
