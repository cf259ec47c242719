"""Time one write to a data folder holding ten heavy years of data.

Ten heavy years, as ``make_journal.py --scale large`` writes them: 500
sessions, 5,000 mentoring-log entries, 2,000 cards with both people's review
state, 100,000 review logs, 300 goals, 50 check-ins. Every write path the
program has is timed; prints the median, p95 and worst of each and the time to
open the folder. Target: every write of a record under about 30 ms. Taking a
backup and restoring one write the whole folder; they are timed too (fewer
runs) and reported apart, not held to that target.

    python benchmarks/storage_writes.py [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from companion.domain.cards import Card, ReviewLog
from companion.domain.checkins import CheckIn
from companion.domain.log import LogEntry
from companion.domain.progress import LessonMark
from companion.domain.sessions import ActionItem, Session
from companion.storage.backups import take_backup
from companion.storage.restore import restore_backup
from companion.storage.store import Store


def fill(folder: Path, part: float) -> None:
    """Write ``part`` of ten heavy years with ``make_journal.py``'s bulk path."""
    sys.path.insert(0, str(Path(__file__).parent))
    from make_journal import build

    build("large", folder, part=part)


def timed(action: Callable[[int], object], runs: int) -> list[float]:
    """Run ``action(i)`` ``runs`` times; return each time in milliseconds."""
    out = []
    for number in range(runs):
        t0 = time.perf_counter()
        action(number)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def write_paths(store: Store) -> dict[str, Callable[[int], object]]:
    """Every kind of write the program makes, as ``action(i)``."""
    journal = store.journal
    first = journal.sessions()[0]
    goal = journal.goals()[0]
    pair = journal.pair()
    assert pair is not None
    settings = journal.settings()
    state = store.cards.states()[0]
    today = date.today()

    def review(i: int) -> None:
        when = datetime.now(UTC)
        store.record_review(
            state.model_copy(update={"reviews": state.reviews + i + 1, "last_review": when}),
            ReviewLog(card_id=state.card_id, role=state.role, rating=3, reviewed_at=when),
        )

    def import_cards(i: int) -> None:
        store.cards.put_cards(
            [
                Card(
                    id=f"imported-{i}-{k}",
                    term=f"Imported {i} {k}",
                    definition="A definition from an Anki export.",
                    deck="imported",
                    audience="mentee",
                )
                for k in range(50)
            ]
        )

    return {
        "add a session": lambda i: journal.add_session(Session(date=today)),
        "notes autosave (update a session)": lambda i: journal.update_session(
            first.model_copy(update={"shared_notes": f"edited {i} " * 300})
        ),
        "add an action item": lambda i: journal.add_action(
            ActionItem(owner="mentee", text=f"Try the tool {i}", session_id=first.id)
        ),
        "add a log entry": lambda i: journal.add_log_entry(
            LogEntry(date=today, minutes=10, topic=f"topic {i}")
        ),
        "update a goal": lambda i: journal.update_goal(
            goal.model_copy(update={"progress": i % 100, "updated_on": today})
        ),
        "add a check-in": lambda i: journal.add_checkin(CheckIn(date=today)),
        "mark a lesson": lambda i: journal.mark_lesson(
            LessonMark(lesson_id="first-meeting", status="done", updated_on=today)
        ),
        "save settings": lambda i: journal.save_settings(
            settings.model_copy(update={"new_cards_per_day": 10 + i % 5})
        ),
        "save the pair": lambda i: journal.save_pair(
            pair.model_copy(update={"next_session_on": today})
        ),
        "record a review (log + state)": review,
        "import 50 cards": import_cards,
    }


def folder_paths(store: Store) -> dict[str, Callable[[int], object]]:
    """The writes of the whole folder, as ``action(i)``: a backup, and a restore of one.

    Run last: a restore replaces the files under ``store``, which is not used after it.
    """
    folder = store.folder
    taken = take_backup(folder)
    assert taken is not None
    # Kept beside the folder: the timed backups rotate the oldest out of backups/.
    source = folder.parent / taken.name
    shutil.copyfile(taken, source)

    def restore(_i: int) -> None:
        restore_backup(folder, source, lock_held=True)  # the store holds the lock, as the app

    return {
        "take a backup (Back up now)": lambda i: take_backup(folder),
        "restore a backup (with its safety copy)": restore,
    }


def report(name: str, values: list[float]) -> None:
    """Print one write path's median, p95 and worst."""
    print(
        f"  {name:40s} median {statistics.median(values):6.1f} ms   "
        f"p95 {p95(values):6.1f} ms   max {max(values):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, few runs")
    args = parser.parse_args()
    part, runs = (0.1, 3) if args.quick else (1.0, 40)
    folder_runs = 3 if args.quick else 15
    folder = Path(tempfile.mkdtemp(prefix="companion-bench-")) / "data"
    fill(folder, part)
    t0 = time.perf_counter()
    store = Store.open(folder, backup=False)
    opened = (time.perf_counter() - t0) * 1000
    print(f"{part:g} of ten heavy years, {runs} runs per write")
    print(f"  {'open the folder (journal and cards)':40s} {opened:7.1f} ms")
    worst = 0.0
    with store:
        for name, action in write_paths(store).items():
            values = timed(action, runs)
            worst = max(worst, p95(values))
            report(name, values)
        print(f"slowest p95 write: {worst:.1f} ms (target: under about 30 ms)")
        print(f"the whole folder, {folder_runs} runs each:")
        for name, action in folder_paths(store).items():
            report(name, timed(action, folder_runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
