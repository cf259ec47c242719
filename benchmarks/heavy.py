"""A data folder for benchmarks: the demo pair, optionally with ten heavy years on top.

Ten heavy years: 500 sessions with shared notes of 200-450 words, 5,000
mentoring-log entries, 2,000 own cards with both people's review state, and
100,000 review logs (10,000 a year). Written in bulk through TinyDB, so making
it takes seconds; ``scale`` shrinks every count (``--quick`` runs use 0.1).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from companion.commands.demo import write_sample
from companion.domain.cards import Card, CardState, ReviewLog
from companion.domain.log import LogEntry
from companion.domain.sessions import Session
from companion.storage.store import Store

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SAMPLE_TEXT = (
    "we talked about the quarterly plan and how short videos reach customers who never read "
    "email the board wants numbers so we looked at churn retention and the cost of a new "
    "customer then practised a calm answer for the next meeting"
)
WORDS = SAMPLE_TEXT.split()


def demo_folder(folder: Path) -> Path:
    """Write the demo pair as it stands on TODAY (cheap passphrase cost)."""
    write_sample(folder, today=TODAY, cost=2**10)
    return folder


def heavy_folder(folder: Path, scale: float = 1.0) -> Path:
    """Write the demo pair, then ``scale`` times ten heavy years of records, into ``folder``."""
    demo_folder(folder)
    rng = random.Random(18)
    start = date(2016, 11, 7)
    with Store.open(folder, backup=False) as store:
        journal, cards = store.journal, store.cards
        journal._sessions._table.insert_multiple(
            Session(
                date=start + timedelta(days=7 * i),
                minutes=60,
                shared_notes=" ".join(rng.choices(WORDS, k=rng.randint(200, 450))),
            ).model_dump(mode="json")
            for i in range(int(500 * scale))
        )
        journal._log._table.insert_multiple(
            LogEntry(
                date=start + timedelta(days=i * 3650 // max(1, int(5000 * scale))),
                minutes=rng.choice((15, 30, 45)),
                topic=" ".join(rng.choices(WORDS, k=5)).capitalize(),
                taught=" ".join(rng.choices(WORDS, k=20)),
                skills=[rng.choice(("explaining", "listening", "feedback"))],
            ).model_dump(mode="json")
            for i in range(int(5000 * scale))
        )
        count = int(2000 * scale)
        cards._cards._table.insert_multiple(
            Card(
                id=f"own-card-{i}",
                term=f"Term {i} " + rng.choice(WORDS),
                definition=" ".join(rng.choices(WORDS, k=15)),
                deck="mine",
                audience=rng.choice(("mentor", "mentee")),
            ).model_dump(mode="json")
            for i in range(count)
        )
        cards._states._table.insert_multiple(
            CardState(
                card_id=f"own-card-{i}",
                role=role,
                due=NOW + timedelta(days=rng.randint(-5, 60)),
                stability=3.2,
                difficulty=5.5,
                last_review=NOW - timedelta(days=3),
                reviews=50,
            ).model_dump(mode="json")
            for i in range(count)
            for role in ("mentor", "mentee")
        )
        for year in range(2016, 2026):
            store.reviews._year(year)._table.insert_multiple(
                ReviewLog(
                    card_id=f"own-card-{i % count}",
                    role=("mentor", "mentee")[i % 2],
                    rating=rng.randint(1, 4),
                    reviewed_at=datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=50 * i),
                    duration_ms=5000,
                ).model_dump(mode="json")
                for i in range(int(10000 * scale))
            )
    return folder
