"""Time one write to a data folder holding ten heavy years of data.

Ten heavy years: 500 sessions, 5,000 mentoring-log entries, 2,000 cards with
both people's review state, 100,000 review logs (10,000 a year). Prints the
median and worst time of each kind of write and the time to open the folder.
Target: every write under about 30 ms.

    python benchmarks/storage_writes.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from companion.domain.cards import Card, CardState, ReviewLog
from companion.domain.log import LogEntry
from companion.domain.sessions import PrivateNotes, Session
from companion.storage.store import Store


def fill(folder: Path, scale: float) -> None:
    start = date(2016, 1, 4)
    with Store.open(folder, backup=False) as store:
        journal = store.journal
        db = journal._sessions._table  # bulk load through TinyDB for speed
        db.insert_multiple(
            Session(
                date=start + timedelta(days=7 * i),
                minutes=60,
                lesson_ids=["first-meeting"],
                shared_notes="Notes about the session. " * 40,
                private_notes=PrivateNotes(mentor="m" * 200, mentee="s" * 200),
            ).model_dump(mode="json")
            for i in range(int(500 * scale))
        )
        journal._log._table.insert_multiple(
            LogEntry(
                date=start + timedelta(days=i % 3650),
                minutes=30,
                topic="Helped with a spreadsheet",
                taught="Explained pivot tables and filters.",
                skills=["explaining"],
            ).model_dump(mode="json")
            for i in range(int(5000 * scale))
        )
        cards = store.cards
        now = datetime(2026, 1, 1, tzinfo=UTC)
        cards._cards._table.insert_multiple(
            Card(
                id=f"card-{i}",
                term=f"Term {i}",
                definition="A definition of the term.",
                example="An example sentence.",
                deck="mine",
                audience="mentee",
            ).model_dump(mode="json")
            for i in range(int(2000 * scale))
        )
        cards._states._table.insert_multiple(
            CardState(
                card_id=f"card-{i}",
                role=role,
                due=now,
                stability=3.2,
                difficulty=5.5,
                last_review=now,
                reviews=4,
            ).model_dump(mode="json")
            for i in range(int(2000 * scale))
            for role in ("mentor", "mentee")
        )
        for year in range(2016, 2026):
            store.reviews._year(year)._table.insert_multiple(
                ReviewLog(
                    card_id=f"card-{i % 2000}",
                    role="mentee",
                    rating=3,
                    reviewed_at=datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
                    duration_ms=5000,
                ).model_dump(mode="json")
                for i in range(int(10000 * scale))
            )


def timed(action, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, few runs")
    args = parser.parse_args()
    scale, runs = (0.1, 3) if args.quick else (1.0, 30)
    folder = Path(tempfile.mkdtemp(prefix="companion-bench-")) / "data"
    fill(folder, scale)
    t0 = time.perf_counter()
    store = Store.open(folder, backup=False)
    opened = (time.perf_counter() - t0) * 1000
    results = {"open the folder (journal and cards)": [opened]}
    with store:
        first = store.journal.sessions()[0]
        results["add a session"] = timed(
            lambda: store.journal.add_session(Session(date=date(2026, 2, 1))), runs
        )
        results["update a session's notes"] = timed(
            lambda: store.journal.update_session(
                first.model_copy(update={"shared_notes": "edited"})
            ),
            runs,
        )
        results["add a log entry"] = timed(
            lambda: store.journal.add_log_entry(
                LogEntry(date=date(2026, 2, 1), minutes=10, topic="x")
            ),
            runs,
        )
        state = store.cards.states()[0]
        when = datetime(2026, 3, 1, tzinfo=UTC)

        def review() -> None:
            store.cards.put_state(state)
            store.reviews.add(
                ReviewLog(
                    card_id=state.card_id, role=state.role, rating=3, reviewed_at=datetime.now(UTC)
                )
            )

        results["record a review (state + log)"] = timed(review, runs)
        del when
    print(f"scale {scale:g} of ten heavy years, {runs} runs per write")
    worst_write = 0.0
    for name, values in results.items():
        print(
            f"  {name:40s} median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms"
        )
        if not name.startswith("open"):
            worst_write = max(worst_write, statistics.median(values))
    print(f"slowest median write: {worst_write:.1f} ms (target: under about 30 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
