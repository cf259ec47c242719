"""SIGKILL during ``restore`` and ``backup``: the next open finds one complete state, never a mix.

A restore killed in the middle of its swap leaves a marker and ``.restore-*``
folders; the next open (or ``companion restore``) rolls it back with a
message. Every rename of the swap is tried as the moment of death, then
random kills over 100 rounds of restores (three backups in turn, so an
acknowledged restore is checked, not only "some backup") and 100 rounds of
backups, each round cheap (a small folder, a forked child).
"""

from __future__ import annotations

import os
import random
import signal
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from companion.domain.cards import Card
from companion.domain.goals import Goal
from companion.domain.sessions import Session
from companion.storage import restore as restore_mod
from companion.storage.backups import (
    BACKUP_DIR,
    KEEP,
    _order,
    best_backup,
    list_backups,
    read_state,
    take_backup,
)
from companion.storage.interrupted import MARKER
from companion.storage.manifest import MANIFEST, manifest_of
from companion.storage.restore import check_backup, restore_backup
from companion.storage.store import DataUnreadableError, Store
from tests.conftest import make_pair

ROUNDS = 100
FRESH_EVERY = 25


def _state(folder: Path, sessions: int, cards: int, lesson: str | None) -> None:
    """Fill ``folder`` with a small, distinct state."""
    with Store.open(folder, backup=False) as store:
        store.journal.save_pair(make_pair())
        for day in range(1, sessions + 1):
            store.journal.add_session(Session(date=date(2026, 2, day), shared_notes=f"s{day}"))
        store.cards.put_cards(
            [
                Card(id=f"c{i}", term=f"T{i}", definition="d", deck="mine", audience="mentee")
                for i in range(cards)
            ]
        )
    if lesson is not None:
        (folder / "content").mkdir(mode=0o700, exist_ok=True)
        (folder / "content" / "mine.md").write_text(lesson, encoding="utf-8")


def _backups(root: Path) -> dict[str, Path]:
    """Three backups of distinct states (one without content, one without cards)."""
    made: dict[str, Path] = {}
    shapes = {"A": (1, 0, None), "B": (2, 3, "# Lesson B\n"), "C": (3, 5, "# Lesson C\n")}
    for name, (sessions, cards, lesson) in shapes.items():
        source = root / f"source-{name}"
        _state(source, sessions, cards, lesson)
        made_path = take_backup(source)
        assert made_path is not None
        made[name] = made_path
    return made


def _members(backup: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(backup) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}


def _which(folder: Path, expected: dict[str, dict[str, bytes]]) -> str:
    """Return which expected state ``folder`` holds, byte for byte (fails on a mix)."""
    now = read_state(folder)
    for name, files in expected.items():
        if now == files:
            return name
    raise AssertionError(f"a mix of states: {sorted(now)}")


def _fresh(folder: Path, backups: dict[str, Path]) -> None:
    """A data folder holding state A (restored from its backup), with the backups beside it."""
    _state(folder, 0, 0, None)
    restore_backup(folder, backups["A"])


# -- every rename of the swap as the moment of death ----------------------------------------


def _die_at(step: int) -> None:
    """In a forked child: make the ``step``-th rename (or the commit) end the process."""
    real_rename, real_unlink = os.rename, Path.unlink
    count = 0

    def rename(source: object, target: object) -> None:
        nonlocal count
        if count == step:
            os._exit(9)
        count += 1
        real_rename(source, target)  # type: ignore[arg-type]

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if path.name == MARKER:  # the commit point: die just before it, then just after
            if step == 100:
                os._exit(9)
            real_unlink(path, missing_ok)
            if step == 101:
                os._exit(9)
            return
        real_unlink(path, missing_ok)

    restore_mod.os.rename = rename  # type: ignore[assignment]
    Path.unlink = unlink  # type: ignore[method-assign]


@pytest.mark.parametrize("step", [*range(8), 100, 101])
def test_a_restore_killed_at_any_step_of_its_swap_is_rolled_back_on_open(
    tmp_path: Path, step: int
) -> None:
    backups = _backups(tmp_path)
    folder = tmp_path / "data"
    _fresh(folder, backups)
    expected = {n: _members(p) for n, p in backups.items()}
    pid = os.fork()
    if pid == 0:
        try:
            _die_at(step)
            restore_backup(folder, backups["C"])
        finally:
            os._exit(0)  # the restore finished (only when step is past the last rename)
    _, status = os.waitpid(pid, 0)
    died = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 9
    interrupted = (folder / MARKER).exists()
    assert interrupted == (died and step != 101)
    if interrupted:
        with pytest.raises(DataUnreadableError, match="restore"):
            Store.open(folder, readonly=True)
    with Store.open(folder, backup=False) as store:
        assert store.notices() == []
        repaired = store.repaired
        assert len(store.journal.sessions()) in (1, 3)
    assert bool(repaired) == interrupted
    if interrupted:
        assert backups["C"].name in repaired[0] and "back as it was" in repaired[0]
    # Committed (or finished): the new set; otherwise the old one; never a mix.
    assert _which(folder, expected) == ("A" if interrupted else "C")
    assert not list(folder.glob(".restore-*")), "leftovers are removed"


def test_companion_restore_rolls_back_an_interrupted_restore_first(tmp_path: Path) -> None:
    from companion.commands.data import restore

    backups = _backups(tmp_path)
    folder = tmp_path / "data"
    _fresh(folder, backups)
    pid = os.fork()
    if pid == 0:
        try:
            _die_at(3)
            restore_backup(folder, backups["C"])
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert (folder / MARKER).exists()
    assert restore(folder, str(backups["B"]), latest=False, yes=True) == 0
    assert read_state(folder) == _members(backups["B"])
    assert not list(folder.glob(".restore-*"))


# -- random kills ---------------------------------------------------------------------------


def _run_killed(
    rng: random.Random, child: Callable[[int], None], window: float
) -> tuple[list[str], int]:
    """Fork ``child(write_fd)``, kill it at a random moment; return its acknowledgements."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            child(write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    seen = b""
    while not seen.endswith(b"ready\n"):
        byte = os.read(read_fd, 1)
        assert byte, f"the child stopped on its own: {seen!r}"
        seen += byte
    time.sleep(rng.uniform(0.0, window))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    assert os.WIFSIGNALED(status), "the child was killed, not finished"
    return b"".join(chunks).decode().split(), pid


def test_sigkill_during_restore_leaves_one_complete_state(tmp_path: Path) -> None:
    rng = random.Random("restore")
    backups = _backups(tmp_path)
    expected = {n: _members(p) for n, p in backups.items()}
    untouched = {n: p.read_bytes() for n, p in backups.items()}
    order = ["A", "B", "C"]
    folder = tmp_path / "data"
    current = "A"
    rolled_back = 0
    round_number = -1
    # ROUNDS rounds, and more (up to four times as many) until at least five kills have
    # landed inside a swap: on a loaded machine the timing of a kill shifts.
    while round_number + 1 < ROUNDS or (rolled_back < 5 and round_number + 1 < 4 * ROUNDS):
        round_number += 1
        if round_number % FRESH_EVERY == 0:
            folder = tmp_path / f"data{round_number}"
            _fresh(folder, backups)
            current = "A"

        def child(out: int, start: str = current, where: Path = folder) -> None:
            os.write(out, b"ready\n")
            name = start
            while True:
                name = order[(order.index(name) + 1) % 3]
                restore_backup(where, backups[name])
                os.write(out, f"{name}\n".encode())

        acks, _ = _run_killed(rng, child, 0.08)
        last = acks[-1] if acks else current
        following = order[(order.index(last) + 1) % 3]
        interrupted = (folder / MARKER).exists()
        with Store.open(folder, backup=False) as store:
            assert store.notices() == [], store.notices()
            rolled_back += bool(store.repaired)
            store.reviews.logs()
            store.cards.cards()
        found = _which(folder, expected)
        # The last acknowledged restore is there, or the one under way finished.
        assert found in (last, following), f"round {round_number}: {found} after {acks}"
        if interrupted:
            assert found == last, "an interrupted restore is rolled back"
        assert not list(folder.glob(".restore-*"))
        current = found
    assert rolled_back >= 5, f"only {rolled_back} kills landed inside a swap"
    for name, path in backups.items():  # the backups restored from are never touched
        assert path.read_bytes() == untouched[name]
    assert check_backup(backups["C"], tmp_path / "data0").counts.cards == 5


def test_sigkill_during_backup_loses_no_good_backup_and_no_write(tmp_path: Path) -> None:
    rng = random.Random("backup")
    folder = tmp_path / "data"
    acked_goals: list[str] = []
    acked_backups: list[str] = []
    taken = 0
    for round_number in range(ROUNDS):
        if round_number % FRESH_EVERY == 0:
            folder = tmp_path / f"data{round_number}"
            _state(folder, 1, 2, "# Mine\n")
            acked_goals, acked_backups = [], []

        def child(out: int, where: Path = folder, seed: int = round_number) -> None:
            with Store.open(where, backup=False) as store:
                os.write(out, b"ready\n")
                number = 0
                while True:
                    goal = store.journal.add_goal(Goal(owner="shared", title=f"g{seed}-{number}"))
                    os.write(out, f"goal:{goal.id}\n".encode())
                    made = take_backup(where, now=datetime.now(UTC))
                    assert made is not None
                    os.write(out, f"backup:{made.name}\n".encode())
                    number += 1

        acks, _ = _run_killed(rng, child, 0.05)
        acked_goals += [a.split(":", 1)[1] for a in acks if a.startswith("goal:")]
        acked_backups += [a.split(":", 1)[1] for a in acks if a.startswith("backup:")]
        taken += len(acks)
        with Store.open(folder, backup=False) as store:
            assert store.notices() == [], store.notices()
            goals = {g.id for g in store.journal.goals()}
        assert set(acked_goals) <= goals, "every acknowledged write is present"
        assert not list(folder.rglob(".*.tmp")), "no torn temp file is left behind"
        # Every zip in backups/ is whole (written atomically) and Companion's own.
        zips = list_backups(folder)
        assert all(manifest_of(z) is not None for z in zips)
        names = {z.name for z in zips}
        # An acknowledged backup is only rotated out by ten newer ones (some may be
        # backups written by a killed round just before its acknowledgement).
        for missing in set(acked_backups) - names:
            newer = [n for n in names if _order(Path(n)) > _order(Path(missing))]
            assert len(newer) >= KEEP, f"{missing} was lost with only {len(newer)} newer"
        if acked_backups:
            best = best_backup(folder)
            ordered = [z.name for z in zips]  # oldest first
            assert best is not None
            assert ordered.index(best.name) >= ordered.index(acked_backups[-1])
            assert check_backup(best, folder).counts.sessions == 1
            assert (folder / BACKUP_DIR).stat().st_mode & 0o777 == 0o700
    assert taken >= ROUNDS


async def test_the_app_says_an_interrupted_restore_was_undone(tmp_path: Path) -> None:
    from tests.apphelpers import app_on, demo_folder

    folder = demo_folder(tmp_path / "data")
    backup = take_backup(folder)
    assert backup is not None
    before = read_state(folder)
    pid = os.fork()
    if pid == 0:
        try:
            _die_at(2)
            restore_backup(folder, backup)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert (folder / MARKER).exists()
    app = app_on(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
    assert any(backup.name in m and "back as it was" in m for m in messages), messages
    assert read_state(folder) == before


@pytest.mark.parametrize(
    "marker",
    [
        b"not json",
        b'{"backup": "b.zip", "old": "../outside", "staged": ".restore-1", '
        b'"current": [], "incoming": []}',
        b'{"backup": "b.zip", "old": ".restore-old-1", "staged": ".restore-1", '
        b'"current": ["../../etc"], "incoming": []}',
    ],
)
def test_a_planted_or_damaged_marker_moves_nothing_and_says_so(
    tmp_path: Path, marker: bytes
) -> None:
    from companion.storage.interrupted import InterruptedRestoreError

    folder = tmp_path / "data"
    _state(folder, 1, 1, None)
    before = read_state(folder)
    (folder / MARKER).write_bytes(marker)
    with pytest.raises(InterruptedRestoreError) as caught:
        Store.open(folder, backup=False)
    assert str(folder / MARKER) in str(caught.value) and "Errno" not in str(caught.value)
    assert read_state(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
