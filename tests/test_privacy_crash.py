"""A passphrase change killed with SIGKILL at random moments leaves every note readable."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import date
from pathlib import Path

from companion.domain.checkins import CheckIn
from companion.domain.sessions import Session
from companion.privacy import Vault
from companion.storage.store import Store
from tests.privacyhelpers import CHEAP

ROUNDS = 110
PASSPHRASES = ("first passphrase", "second passphrase")


def _changer(folder: str, out_fd: int) -> None:
    """Flip the mentor's passphrase back and forth until killed; report each completed change."""
    with Store.open(Path(folder), backup=False) as store:
        vault = Vault(store.journal, cost=CHEAP)
        current = next(p for p in PASSPHRASES if vault.unlock("mentor", p))
        os.write(out_fd, f"ready {PASSPHRASES.index(current)}\n".encode())
        while True:
            new = PASSPHRASES[1 - PASSPHRASES.index(current)]
            os.write(out_fd, b"start\n")
            vault.change_passphrase("mentor", current, new)
            current = new
            os.write(out_fd, f"changed {PASSPHRASES.index(current)}\n".encode())


def _read_line(fd: int) -> str:
    line = b""
    while not line.endswith(b"\n"):
        line += os.read(fd, 1)
    return line.decode().strip()


def _read_all(fd: int) -> list[str]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


def test_passphrase_change_killed_at_random_moments(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    texts: dict[str, str] = {}
    with Store.open(folder, backup=False) as store:
        vault = Vault(store.journal, cost=CHEAP)
        vault.set_passphrase("mentor", PASSPHRASES[0])
        vault.set_passphrase("mentee", "the mentee's own phrase")
        for number in range(25):
            s = store.journal.add_session(Session(date=date(2026, 1, 1 + number)))
            texts[s.id] = f"private note {number}: " + "words " * (number * 20)
            vault.write("mentor", s.id, texts[s.id])
        vault.write("mentee", s.id, "the mentee's note")
        c = store.journal.add_checkin(CheckIn(date=date(2026, 2, 1)))
        vault.write_comment("mentor", c.id, "a private comment", shared=False)
        # Time one change (there and back) so the kills spread over a few changes under any load.
        began = time.perf_counter()
        vault.change_passphrase("mentor", PASSPHRASES[0], PASSPHRASES[1])
        vault.change_passphrase("mentor", PASSPHRASES[1], PASSPHRASES[0])
        one_change = (time.perf_counter() - began) / 2
    context = multiprocessing.get_context("fork")
    rng = random.Random(13)
    changes = mid_change = 0
    seen = set()
    for round_number in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        child = context.Process(target=_changer, args=(str(folder), write_fd))
        child.start()
        os.close(write_fd)
        ready = _read_line(read_fd)
        assert ready.startswith("ready"), ready
        expected = int(ready.split()[1])
        time.sleep(rng.uniform(0.0, 3 * one_change))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        lines = _read_all(read_fd)
        os.close(read_fd)
        for line in lines:
            if line.startswith("changed"):
                expected = int(line.split()[1])
                changes += 1
        mid_change += bool(lines) and lines[-1] == "start"
        with Store.open(folder, backup=False) as store:
            assert store.recovered == [], f"round {round_number}: {store.recovered}"
            vault = Vault(store.journal, cost=CHEAP)
            # The acknowledged passphrase, or the one being set when the kill landed.
            works = [i for i, p in enumerate(PASSPHRASES) if vault.unlock("mentor", p)]
            assert len(works) == 1, f"round {round_number}: {works}"
            assert works[0] in (expected, 1 - expected)
            seen.add(works[0])
            assert {sid: vault.read("mentor", sid) for sid in texts} == texts
            assert vault.read_comment("mentor", c.id) == "a private comment"
            assert vault.unlock("mentee", "the mentee's own phrase")
            assert vault.read("mentee", s.id) == "the mentee's note"
    # Most kills landed inside a change; changes completed; either passphrase was left in force.
    assert mid_change >= ROUNDS // 3, mid_change
    assert changes >= 3
    assert seen == {0, 1}
