"""Storage: permissions, the lock, damaged files, backups, restore and migrations."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion.domain.goals import Goal
from companion.domain.sessions import Session
from companion.storage import jsonstorage, schema
from companion.storage.backups import KEEP, list_backups, take_backup
from companion.storage.lock import LockHeldError
from companion.storage.restore import restore_backup
from companion.storage.store import DataUnreadableError, RestoreFirstError, Store
from tests.conftest import make_pair


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_0600_and_folders_0700(data: Path) -> None:
    os.umask(0o022)
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_session(Session(date=date(2026, 10, 1)))
    with Store.open(data):
        pass
    folders = [data, data / "reviews", data / "backups"]
    files = [data / "journal.json", data / "cards.json", data / ".lock", *list_backups(data)]
    assert list_backups(data), "opening changed data should have taken a backup"
    assert {mode(f) for f in folders} == {0o700}
    assert {mode(f) for f in files} == {0o600}


def test_existing_loose_folder_keeps_its_mode_with_a_warning(data: Path) -> None:
    from companion.storage import atomic

    data.mkdir(mode=0o755)
    data.chmod(0o755)
    atomic.warnings.clear()
    Store.open(data).close()
    assert mode(data) == 0o755
    assert any(str(data) in w and "755" in w for w in atomic.warnings)
    assert mode(data / "reviews") == 0o700


def test_second_store_in_same_process_is_refused(data: Path) -> None:
    with Store.open(data):
        with pytest.raises(LockHeldError) as caught:
            Store.open(data)
        assert str(os.getpid()) in str(caught.value)
    Store.open(data).close()  # released on close


def test_second_process_is_refused_with_exit_code_3(data: Path) -> None:
    with Store.open(data):
        result = subprocess.run(
            [sys.executable, "-m", "companion.cli", "--data-dir", str(data), "backup"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 3
    assert "already open" in result.stderr
    assert "Traceback" not in result.stderr


def damage(path: Path, how: str) -> bytes:
    if how == "truncated":
        payload = path.read_bytes()[:-7]
    elif how == "empty":
        payload = b""
    elif how == "wrong-shape":
        data = json.loads(path.read_text())
        data["sessions"] = [{"date": "not a date", "minutes": "many"}]
        payload = json.dumps(data).encode()
    elif how == "newer-schema":
        data = json.loads(path.read_text())
        data["meta"] = {"1": {"schema": 99}}
        payload = json.dumps(data).encode()
    else:  # no schema
        data = json.loads(path.read_text())
        del data["meta"]
        payload = json.dumps(data).encode()
    path.write_bytes(payload)
    return payload


@pytest.mark.parametrize("how", ["truncated", "empty", "wrong-shape", "newer-schema", "no-schema"])
def test_damaged_journal_is_moved_aside_never_overwritten(data: Path, how: str) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    with Store.open(data):
        pass  # takes the backup of the good state
    payload = damage(data / "journal.json", how)

    with Store.open(data) as store:
        assert len(store.recovered) == 1
        item = store.recovered[0]
        assert item.original == data / "journal.json"
        assert item.moved_to.name.startswith("journal.json.corrupt-")
        assert item.moved_to.read_bytes() == payload
        assert item.latest_backup == list_backups(data)[-1]
        message = item.message()
        assert "journal.json" in message and f"companion restore {item.latest_backup}" in message
        assert store.backup is None, "no backup may be taken over a recovery"
        assert [f.file for f in store.needs_restore] == ["journal.json"]
        with pytest.raises(RestoreFirstError, match=r"journal\.json"):
            store.journal.save_pair(make_pair())
        store.accept_fresh_start()
        assert store.needs_restore == []
        store.journal.add_goal(Goal(owner="shared", title="new start"))
    assert item.moved_to.read_bytes() == payload  # still untouched after more writes


def test_restore_latest_brings_back_the_good_journal(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    Store.open(data).close()
    damage(data / "journal.json", "truncated")
    Store.open(data).close()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "--data-dir",
            str(data),
            "restore",
            "--latest",
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(data) as store:
        assert store.journal.pair() == make_pair()
    safety = list((data / "backups").glob("before-restore-*.zip"))
    assert len(safety) == 1


def test_damaged_cards_file_leaves_the_journal_alone(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    (data / "cards.json").write_text("{not json")
    with Store.open(data) as store:
        assert [r.original.name for r in store.recovered] == ["cards.json"]
        assert store.journal.pair() == make_pair()


def test_readonly_open_reports_damage_without_moving_anything(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    damage(data / "journal.json", "truncated")
    with pytest.raises(DataUnreadableError, match=r"journal\.json"):
        Store.open(data, readonly=True)
    assert (data / "journal.json").exists()
    assert not list(data.glob("*.corrupt-*"))


def test_backups_roll_over_keeping_the_last_ten(data: Path) -> None:
    with Store.open(data, backup=False) as store:
        for number in range(KEEP + 3):
            store.journal.add_goal(Goal(owner="mentor", title=f"goal {number}"))
            take_backup(data)
    backups = list_backups(data)
    assert len(backups) == KEEP
    assert len(set(backups)) == KEEP


def test_unchanged_data_takes_no_new_backup_on_open(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    Store.open(data).close()
    Store.open(data).close()
    Store.open(data).close()
    assert len(list_backups(data)) == 1


def test_restore_refuses_a_damaged_backup_and_changes_nothing(data: Path, tmp_path: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    before = (data / "journal.json").read_bytes()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK not really a zip")
    with pytest.raises(schema.InvalidFileError):
        restore_backup(data, bad)
    assert (data / "journal.json").read_bytes() == before


def test_failed_write_keeps_the_last_committed_state(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentor", title="kept"))

        def disk_full(path: Path, payload: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(jsonstorage, "atomic_write", disk_full)
        with pytest.raises(OSError):
            store.journal.add_goal(Goal(owner="mentor", title="lost"))
        with pytest.raises(OSError):
            store.journal.save_pair(make_pair(session_minutes=90))
        monkeypatch.undo()
        assert [g.title for g in store.journal.goals()] == ["kept"]
        assert store.journal.pair() == make_pair()
        store.journal.add_goal(Goal(owner="mentor", title="after"))
    with Store.open(data) as store:
        assert [g.title for g in store.journal.goals()] == ["kept", "after"]


def test_stray_temp_files_are_cleaned_on_open(data: Path) -> None:
    Store.open(data).close()
    stray = data / ".journal.json.deadbeef.tmp"
    stray.write_text("half a write")
    Store.open(data).close()
    assert not stray.exists()


def test_migration_runs_on_open_and_is_saved(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(data) as store:
        store.journal.add_goal(Goal(owner="mentor", title="old"))
    raw = json.loads((data / "journal.json").read_text())
    for doc in raw["goals"].values():
        doc["name"] = doc.pop("title")  # an imagined schema 1 that called it "name"
    (data / "journal.json").write_text(json.dumps(raw))

    def one_to_two(content: dict) -> dict:
        for doc in content["goals"].values():
            doc["title"] = doc.pop("name")
        return content

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS["journal"], 1, one_to_two)
    with Store.open(data) as store:
        assert [g.title for g in store.journal.goals()] == ["old"]
    saved = json.loads((data / "journal.json").read_text())
    assert saved["meta"]["1"]["schema"] == 2
    assert "title" in next(iter(saved["goals"].values()))


def test_damaged_review_year_is_moved_aside_on_open_and_never_backed_up(data: Path) -> None:
    from datetime import UTC, datetime

    from companion.domain.cards import ReviewLog

    with Store.open(data) as store:
        for year in (2025, 2026):
            store.reviews.add(
                ReviewLog(
                    card_id="mfa",
                    role="mentee",
                    rating=3,
                    reviewed_at=datetime(year, 5, 1, tzinfo=UTC),
                )
            )
    (data / "reviews" / "2025.json").write_text('{"reviews": {"1": {"rating": 9}}, "meta"')
    backups_before = list_backups(data)
    with Store.open(data) as store:
        # The backup on open checks every file first: the damage is noticed now.
        assert [r.original.name for r in store.recovered] == ["2025.json"]
        assert store.backup is None
        logs = store.reviews.logs()
        assert [log.reviewed_at.year for log in logs] == [2026]
    assert len(list((data / "reviews").glob("2025.json.corrupt-*"))) == 1
    assert list_backups(data) == backups_before


def test_backup_members_are_compressed_at_the_fast_level(data: Path) -> None:
    """The level set for speed is the one in effect (writestr ignores the archive's)."""
    import zipfile
    import zlib

    from companion.storage.backups import LEVEL

    with Store.open(data, backup=False) as store:
        for number in range(300):
            store.journal.add_goal(Goal(owner="mentor", title=f"goal {number} of many"))
    backup = take_backup(data)
    assert backup is not None
    with zipfile.ZipFile(backup) as archive:
        info = archive.getinfo("journal.json")
        payload = archive.read(info)

    def deflated(level: int) -> int:
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        return len(packer.compress(payload) + packer.flush())

    assert deflated(LEVEL) != deflated(6), "the payload tells the levels apart"
    assert info.compress_type == zipfile.ZIP_DEFLATED
    assert info.compress_size == deflated(LEVEL)
