"""Disk trouble (ENOSPC, EACCES) on each write path; a CLI write refused while a folder is held."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from companion.domain.cards import Card, ReviewLog
from companion.domain.checkins import CheckIn
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.scheduling import new_state
from companion.domain.sessions import Session
from companion.screens.goals import GoalsScreen
from companion.storage import atomic
from companion.storage.backups import KEEP, list_backups, take_backup
from companion.storage.restore import check_backup
from companion.storage.store import Store
from tests.apphelpers import demo_folder, press_and_wait, running, settle, start_session, type_into
from tests.conftest import make_pair

DAY = date(2026, 3, 1)
WHEN = datetime(2026, 3, 1, 9, tzinfo=UTC)

WRITES: dict[str, Callable[[Store], object]] = {
    "pair": lambda s: s.journal.save_pair(make_pair(session_minutes=90)),
    "settings": lambda s: s.journal.save_settings(
        s.journal.settings().model_copy(update={"theme": "nord"})
    ),
    "session": lambda s: s.journal.add_session(Session(date=DAY)),
    "notes autosave": lambda s: s.journal.update_session(
        Session(id="first", date=DAY, shared_notes="typed and not saved")
    ),
    "goal": lambda s: s.journal.add_goal(Goal(owner="mentee", title="lost")),
    "log": lambda s: s.journal.add_log_entry(LogEntry(date=DAY, minutes=5, topic="lost")),
    "check-in": lambda s: s.journal.add_checkin(CheckIn(date=DAY)),
    "review": lambda s: s.record_review(
        new_state("mfa", "mentee", WHEN),
        ReviewLog(card_id="mfa", role="mentee", rating=3, reviewed_at=WHEN),
    ),
    "card import": lambda s: s.cards.put_cards(
        [Card(id="new-card", term="New", definition="d", deck="imp", audience="mentee")]
    ),
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if "backups" not in p.parts
    }


def _filled(folder: Path) -> None:
    with Store.open(folder, backup=False) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_session(Session(id="first", date=DAY, shared_notes="saved notes"))
        store.reviews.add(
            ReviewLog(
                card_id="mfa", role="mentee", rating=2, reviewed_at=datetime(2026, 2, 1, tzinfo=UTC)
            )
        )


def _failing_replace(code: int) -> Callable[..., None]:
    def replace(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return replace


def _failing_fsync(code: int) -> Callable[[int], None]:
    def fsync(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    return fsync


@pytest.mark.parametrize("what", list(WRITES))
@pytest.mark.parametrize(
    ("code", "where"),
    [(errno.ENOSPC, "fsync"), (errno.EACCES, "replace"), (errno.ENOSPC, "replace")],
)
def test_disk_trouble_keeps_the_previous_state_and_says_why(
    data: Path, monkeypatch: pytest.MonkeyPatch, what: str, code: int, where: str
) -> None:
    _filled(data)
    with Store.open(data, backup=False) as store:
        before = _snapshot(data)
        sessions_before = store.journal.sessions()
        if where == "fsync":
            monkeypatch.setattr(atomic.os, "fsync", _failing_fsync(code))
        else:
            monkeypatch.setattr(atomic.os, "replace", _failing_replace(code))
        with pytest.raises(OSError) as caught:
            WRITES[what](store)
        monkeypatch.undo()
        assert caught.value.errno == code
        assert os.strerror(code) in str(caught.value)  # a reason a person can read
        assert _snapshot(data) == before, "the files on disk must be untouched"
        assert not list(data.rglob(".*.tmp")), "the temp file is removed"
        # The open store still serves the last committed state, and a retry works.
        assert store.journal.sessions() == sessions_before
        assert store.journal.pair() == make_pair()
        WRITES[what](store)
    with Store.open(data, backup=False) as store:
        assert store.notices() == []


def test_cli_import_while_the_folder_is_held_is_refused_with_exit_3(
    data: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.txt"
    deck.write_text("#separator:tab\n#html:false\nKPI\tA number that shows progress\n")
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        before = _snapshot(data)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "companion.cli",
                "--data-dir",
                str(data),
                "import-cards",
                str(deck),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 3
        assert "already open" in result.stderr and "Traceback" not in result.stderr
        assert _snapshot(data) == before
        # The holder's later writes all land.
        store.journal.add_goal(Goal(owner="shared", title="after the refused import"))
    with Store.open(data) as store:
        assert [g.title for g in store.journal.goals()] == ["after the refused import"]
        assert store.cards.cards() == []


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``companion --data-dir data ARGS`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_cli_writes_while_the_app_holds_the_folder_are_refused_and_the_app_writes_land(
    data: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.txt"
    deck.write_text("#separator:tab\n#html:false\nKPI\tA number that shows progress\n")
    demo_folder(data)
    async with running(data) as (app, pilot):
        await settle(pilot)
        assert list_backups(data), "restore --latest has a backup to take"
        before = _snapshot(data)
        for args in (["restore", "--latest", "--yes"], ["import-cards", str(deck)]):
            result = await asyncio.to_thread(_cli, data, *args)  # the app keeps running
            assert result.returncode == 3, (args, result.stdout, result.stderr)
            assert f"Companion is already open on {data}" in result.stderr, result.stderr
            assert "Traceback" not in result.stderr + result.stdout
            assert _snapshot(data) == before, f"{args[0]} changed the data"
            assert app.is_running and app._exception is None

        # The app's own writes afterwards: session notes typed, a goal added in its dialog.
        session = await start_session(pilot)
        await type_into(pilot, "Typed after the refused restore")
        await press_and_wait(pilot, "escape")  # leaves the session, saving the notes
        app.navigator.open_target("goals")
        await pilot.pause()
        await press_and_wait(pilot, "a")
        app.screen.query_one("#input-title", Input).value = "Added after the refused import"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, GoalsScreen)
    assert app._exception is None

    with Store.open(data, readonly=True) as store:
        saved = store.journal.session(session.session.id)
        assert saved is not None and saved.shared_notes.endswith("Typed after the refused restore")
        assert "Added after the refused import" in [g.title for g in store.journal.goals()]
        assert "KPI" not in {c.term for c in store.cards.cards()}
    with Store.open(data, backup=False) as store:
        assert store.notices() == []


def _backups(data: Path) -> dict[str, bytes]:
    """Every entry of ``backups/`` (hidden temp files too) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted((data / "backups").iterdir())}


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_backup_on_a_full_disk_leaves_no_partial_zip_and_keeps_every_earlier_one(
    data: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    _filled(data)
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for n in range(KEEP):  # a full rotation: one more backup would delete the oldest
        with Store.open(data, backup=False) as store:
            store.journal.add_goal(Goal(owner="mentee", title=f"goal {n}"))
        assert take_backup(data, now=start + timedelta(minutes=n)) is not None
    with Store.open(data, backup=False) as store:
        store.journal.add_goal(Goal(owner="mentee", title="not backed up"))
    before = _backups(data)
    assert len(before) == KEEP

    if where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", _failing_fsync(errno.ENOSPC))
    else:
        monkeypatch.setattr(atomic.os, "replace", _failing_replace(errno.ENOSPC))
    with pytest.raises(OSError) as caught:
        take_backup(data, now=start + timedelta(minutes=KEEP))
    monkeypatch.undo()

    assert caught.value.errno == errno.ENOSPC and os.strerror(errno.ENOSPC) in str(caught.value)
    assert Path(caught.value.filename).parent == data / "backups", "the error names the backup"
    assert _backups(data) == before, "no partial zip, no earlier backup rotated out"
    made = take_backup(data, now=start + timedelta(minutes=KEEP))  # the disk has room again
    assert made is not None and made.name not in before
    assert check_backup(made, data).counts.sessions == 1
