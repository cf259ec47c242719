"""SIGKILL at random moments on every write path: every acknowledged write survives.

One child process per round opens the folder and repeats one kind of write,
acknowledging each on a pipe after it returns; it is killed at a random
moment, and the parent re-opens the folder and checks that every file opens
cleanly and every acknowledged write is there. Folders start afresh every few
rounds so the files (and each round) stay small.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from companion.domain.cards import Card, ReviewLog
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.scheduling import new_state
from companion.domain.sessions import Session
from companion.storage.store import Store

ROUNDS = 100
FRESH_EVERY = 25
DAY = date(2026, 1, 1)


def _notes_counter(store: Store) -> int:
    session = store.journal.session("notes")
    return int(session.shared_notes.split()[0]) if session else 0


def _theme_counter(store: Store) -> int:
    theme = store.journal.settings().theme
    return int(theme[2:]) if theme.startswith("n-") else 0


def _write(kind: str, store: Store, number: int, seed: int) -> str:
    """Make one write of ``kind``; return the token that proves it landed."""
    journal = store.journal
    if kind == "sessions":
        return journal.add_session(Session(date=DAY, shared_notes="n" * (number % 500))).id
    if kind == "notes autosave":
        counter = _notes_counter(store) + 1
        notes = f"{counter} " + "typed " * (number % 300)
        journal.update_session(Session(id="notes", date=DAY, shared_notes=notes))
        return str(counter)
    if kind == "reviews":
        when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seed * 100_000 + number)
        state = new_state("mfa", "mentee", when)
        log = ReviewLog(card_id="mfa", role="mentee", rating=3, reviewed_at=when)
        store.record_review(state.model_copy(update={"reviews": 1, "last_review": when}), log)
        return when.isoformat()
    if kind == "goals":
        return journal.add_goal(Goal(owner="shared", title=f"goal {number}")).id
    if kind == "log":
        return journal.add_log_entry(LogEntry(date=DAY, minutes=10, topic=f"t {number}")).id
    if kind == "settings":
        counter = _theme_counter(store) + 1
        journal.save_settings(journal.settings().model_copy(update={"theme": f"n-{counter}"}))
        return str(counter)
    assert kind == "card import"
    prefix = f"c{seed}-{number}"
    store.cards.put_cards(
        [
            Card(id=f"{prefix}-{k}", term=f"T {k}", definition="d", deck="imp", audience="mentee")
            for k in range(20)
        ]
    )
    return prefix


def _child(folder: Path, kind: str, out_fd: int, seed: int) -> None:
    """Repeat writes of ``kind`` until killed (runs in a forked child; never returns)."""
    try:
        with Store.open(folder, backup=False) as store:
            os.write(out_fd, b"ready\n")
            number = 0
            while True:
                token = _write(kind, store, number, seed)
                os.write(out_fd, f"{token}\n".encode())
                number += 1
    finally:
        os._exit(1)


def _present(kind: str, store: Store) -> Callable[[str], bool]:
    """Return a check that a token's write is on disk."""
    if kind == "sessions":
        ids = {s.id for s in store.journal.sessions()}
        return ids.__contains__
    if kind == "notes autosave":
        counter = _notes_counter(store)
        return lambda token: int(token) <= counter
    if kind == "reviews":
        logs = {log.reviewed_at.isoformat() for log in store.reviews.logs()}
        state = store.cards.state("mfa", "mentee")
        last = state.last_review.isoformat() if state and state.last_review else ""
        return lambda token: token in logs and last >= token
    if kind == "goals":
        return {g.id for g in store.journal.goals()}.__contains__
    if kind == "log":
        return {e.id for e in store.journal.log_entries()}.__contains__
    if kind == "settings":
        counter = _theme_counter(store)
        return lambda token: int(token) <= counter
    cards = {c.id for c in store.cards.cards()}
    return lambda prefix: all(f"{prefix}-{k}" in cards for k in range(20))


def _read_all(fd: int) -> list[str]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


KINDS = ["sessions", "notes autosave", "reviews", "goals", "log", "settings", "card import"]


@pytest.mark.parametrize("kind", KINDS)
def test_sigkill_on_each_write_path_keeps_every_acknowledged_write(
    tmp_path: Path, kind: str
) -> None:
    rng = random.Random(kind)
    folder = tmp_path / "data"
    acknowledged: list[str] = []
    total = 0
    for round_number in range(ROUNDS):
        if round_number % FRESH_EVERY == 0:
            folder = tmp_path / f"data{round_number}"
            acknowledged = []
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: a plain fork, cheaper than multiprocessing
            os.close(read_fd)
            _child(folder, kind, write_fd, round_number)
        os.close(write_fd)
        # Read byte by byte (a buffered read could swallow acknowledgements): "ready",
        # then a random number of acknowledged writes, then kill after a random delay,
        # which lands anywhere in the next write.
        seen = b""
        wanted = 1 + rng.randint(0, 2)
        while seen.count(b"\n") < wanted:
            byte = os.read(read_fd, 1)
            assert byte, f"{kind}: the writer stopped on its own: {seen.decode()!r}"
            seen += byte
        assert seen.startswith(b"ready\n"), "writer did not start"
        time.sleep(rng.uniform(0.0, 0.01))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        landed = seen.decode().splitlines()[1:] + _read_all(read_fd)
        os.close(read_fd)
        acknowledged += landed
        total += len(landed)
        with Store.open(folder, backup=False) as store:
            assert store.notices() == [], f"{kind}, round {round_number}: {store.notices()}"
            present = _present(kind, store)
            lost = [token for token in acknowledged if not present(token)]
        assert not lost, f"{kind}, round {round_number}: acknowledged writes lost: {lost[:3]}"
        assert not list(folder.rglob(".*.tmp")), "stray temp files are cleaned on open"
    assert total >= ROUNDS, f"only {total} writes were acknowledged in {ROUNDS} rounds"
