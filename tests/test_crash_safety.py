"""Crash safety: a writer killed with SIGKILL at random moments never loses a returned write."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import date
from pathlib import Path

from companion.domain.sessions import Session
from companion.storage.store import Store

ROUNDS = 120


def _writer(folder: str, out_fd: int, seed: int) -> None:
    """Add sessions (and delete some, so the file also shrinks) until killed."""
    rng = random.Random(seed)
    with Store.open(Path(folder), backup=False) as store:
        os.write(out_fd, b"ready\n")
        while True:
            existing = store.journal.sessions()
            if existing and rng.random() < 0.3:
                victim = rng.choice(existing).id
                os.write(out_fd, f"deleting {victim}\n".encode())
                store.journal.delete_session(victim)
                os.write(out_fd, f"deleted {victim}\n".encode())
            else:
                session = Session(date=date(2026, 1, 1), shared_notes="n" * rng.randint(10, 3000))
                store.journal.add_session(session)
                os.write(out_fd, f"added {session.id}\n".encode())


def _read_all(fd: int) -> list[str]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    rng = random.Random(7)
    folder = tmp_path / "data"
    present: set[str] = set()  # what must be there, carried across rounds
    gone: set[str] = set()  # what was deleted and acknowledged
    total_acknowledged = 0
    for round_number in range(ROUNDS):
        if round_number % 30 == 0:  # start afresh now and then so each round stays quick
            folder = tmp_path / f"data{round_number}"
            present, gone = set(), set()
        read_fd, write_fd = os.pipe()
        child = context.Process(target=_writer, args=(str(folder), write_fd, round_number))
        child.start()
        os.close(write_fd)
        # Read "ready" a byte at a time: a buffered reader could swallow the lines after it.
        first = b""
        while not first.endswith(b"\n"):
            first += os.read(read_fd, 1)
        assert first == b"ready\n", "writer did not start"
        time.sleep(rng.uniform(0.0, 0.06))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        lines = _read_all(read_fd)
        os.close(read_fd)

        uncertain: set[str] = set()
        for line in lines:
            verb, session_id = line.split()
            if verb == "added":
                present.add(session_id)
                total_acknowledged += 1
            elif verb == "deleting":
                uncertain.add(session_id)
            elif verb == "deleted":
                present.discard(session_id)
                uncertain.discard(session_id)
                gone.add(session_id)
                total_acknowledged += 1

        with Store.open(folder, backup=False) as store:
            assert store.recovered == [], f"round {round_number}: {store.recovered}"
            on_disk = {s.id for s in store.journal.sessions()}
        assert present - uncertain <= on_disk, f"round {round_number} lost acknowledged writes"
        assert not (gone & on_disk), f"round {round_number}: an acknowledged delete came back"
        # Anything else on disk can only be the one add in flight when the kill landed.
        assert len(on_disk - present - uncertain) <= 1, f"round {round_number}"
        present = on_disk
        assert not list(folder.glob(".*.tmp")), "stray temp files must be cleaned on open"
    assert total_acknowledged > ROUNDS, "the writer should have completed many writes"
