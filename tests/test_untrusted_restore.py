"""A backup is untrusted input: crafted zips never write outside the folder or change the data."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from companion.domain.goals import Goal
from companion.storage import restore as restore_mod
from companion.storage import staging as staging_mod
from companion.storage.backups import KEEP, best_backup, list_backups, take_backup
from companion.storage.manifest import Counts, build, manifest_of
from companion.storage.restore import RestoreError, check_backup, restore_backup
from companion.storage.schema import InvalidFileError
from companion.storage.store import Store
from tests.conftest import make_pair


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``root`` with its mode and bytes (folders: empty bytes)."""
    seen: dict[str, tuple[int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        body = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        seen[str(path.relative_to(root))] = (info.st_mode, body)
    return seen


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """A sandbox holding a data folder with a pair, and nothing else."""
    box = tmp_path / "box"
    data = box / "data"
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentor", title="kept"))
    return box, data


def good_files() -> dict[str, bytes]:
    journal = {"meta": {"1": {"schema": 1}}}
    return {"journal.json": orjson.dumps(journal)}


def crafted(
    tmp_path: Path,
    members: list[tuple[str | zipfile.ZipInfo, bytes]],
    listed: dict[str, bytes] | None = None,
) -> Path:
    """Write a zip with ``members`` and a manifest listing ``listed`` (default: the members)."""
    listed = (
        listed
        if listed is not None
        else {(m if isinstance(m, str) else m.filename): b for m, b in members}
    )
    manifest = build(listed, Counts(), [])
    target = tmp_path / "crafted.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members:
            archive.writestr(name, payload)
        archive.writestr("manifest.json", manifest.to_bytes())
    return target


def symlink_member(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


JOURNAL = good_files()["journal.json"]
CASES: dict[str, list[tuple[str | zipfile.ZipInfo, bytes]]] = {
    "parent traversal": [("journal.json", JOURNAL), ("../escape.txt", b"x")],
    "traversal inside content": [("journal.json", JOURNAL), ("content/../../escape.sh", b"x")],
    "absolute path": [("journal.json", JOURNAL), ("/tmp/escape-abs.txt", b"x")],
    "backslash path": [("journal.json", JOURNAL), ("content\\..\\..\\escape.txt", b"x")],
    "dot segment": [("journal.json", JOURNAL), ("content/./lesson.md", b"x")],
    "hidden name": [("journal.json", JOURNAL), ("content/.escape", b"x")],
    "unknown file": [("journal.json", JOURNAL), ("evil.sh", b"x")],
    "symlink member": [("journal.json", JOURNAL), (symlink_member("content/link.md", ""), b"/")],
    "directory member": [("journal.json", JOURNAL), ("content/sub/", b"")],
    "duplicate": [("journal.json", JOURNAL), ("journal.json", JOURNAL)],
    "no journal": [("cards.json", orjson.dumps({"meta": {"1": {"schema": 1}}}))],
    "invalid journal": [
        ("journal.json", b'{"pair": {"1": {"x": 1}}, "meta": {"1": {"schema": 1}}}')
    ],
    "not json": [("journal.json", b"\x00\xff not json")],
    "bad review year": [("journal.json", JOURNAL), ("reviews/2025.json", b'{"reviews": 3}')],
    "bomb": [("journal.json", JOURNAL), ("content/huge.md", b"a" * (40 * 2**20))],
}


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", sorted(CASES))
def test_crafted_backup_is_refused_and_nothing_changes(
    sandbox: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    box, data = sandbox
    backup = crafted(tmp_path, CASES[case])
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="nothing was changed"):
        restore_backup(data, backup)
    assert snapshot(box) == before
    assert not Path("/tmp/escape-abs.txt").exists()
    assert not (tmp_path / "escape.txt").exists()


def test_member_not_in_the_manifest_is_refused(sandbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, data = sandbox
    backup = crafted(
        tmp_path, [("journal.json", JOURNAL), ("content/extra.md", b"x")], good_files()
    )
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="not listed in its manifest"):
        restore_backup(data, backup)
    assert snapshot(box) == before


def test_checksum_mismatch_is_refused(sandbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, data = sandbox
    same_size_other_bytes = {"journal.json": JOURNAL.replace(b"1", b"2")}
    backup = crafted(tmp_path, [("journal.json", JOURNAL)], same_size_other_bytes)
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="checksum"):
        restore_backup(data, backup)
    assert snapshot(box) == before


def test_size_differing_from_the_manifest_is_refused(
    sandbox: tuple[Path, Path], tmp_path: Path
) -> None:
    box, data = sandbox
    real = b"# Lesson\n" * 1000
    listed = {"journal.json": JOURNAL, "content/a.md": real[:100]}
    backup = crafted(tmp_path, [("journal.json", JOURNAL), ("content/a.md", real)], listed)
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="not listed"):
        restore_backup(data, backup)
    assert snapshot(box) == before


def test_a_good_backup_round_trips_and_keeps_a_safety_copy(sandbox: tuple[Path, Path]) -> None:
    _, data = sandbox
    made = take_backup(data)
    assert made is not None
    manifest = manifest_of(made)
    assert manifest is not None and manifest.counts.sessions == 0
    assert {f.name for f in manifest.files} == {"journal.json", "cards.json"}
    original = (data / "journal.json").read_bytes()
    with Store.open(data, backup=False) as store:
        store.journal.add_goal(Goal(owner="mentee", title="later"))
    done = restore_backup(data, made)
    assert (data / "journal.json").read_bytes() == original
    assert done.safety is not None and done.safety.is_file()
    assert not [p for p in data.iterdir() if p.name.startswith(".restore")]


def test_failed_swap_leaves_the_data_exactly_as_it_was(
    sandbox: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _box, data = sandbox
    made = take_backup(data)
    assert made is not None
    with Store.open(data, backup=False) as store:
        store.journal.add_goal(Goal(owner="mentee", title="later"))
        (data / "reviews" / "2026.json").write_bytes(
            orjson.dumps({"reviews": {}, "meta": {"1": {"schema": 1}}})
        )
    before = {k: v for k, v in snapshot(data).items() if not k.startswith("backups")}
    real_rename = os.rename

    def failing(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(src).name == "reviews" and ".restore-old" in str(dst):
            raise PermissionError(errno.EACCES, "Permission denied", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(restore_mod.os, "rename", failing)
    with pytest.raises(RestoreError, match="exactly as it was"):
        restore_backup(data, made)
    after = {k: v for k, v in snapshot(data).items() if not k.startswith("backups")}
    assert after == before


def test_restore_latest_skips_a_backup_taken_while_a_file_was_set_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
        for number in range(3):
            store.journal.add_goal(Goal(owner="mentor", title=f"goal {number}"))
        from companion.domain.cards import Card

        store.cards.put_card(
            Card(id="mfa", term="MFA", definition="two factors", deck="own", audience="mentee")
        )
    good = take_backup(data)
    (data / "cards.json").write_bytes(b"{ truncated")
    with Store.open(data) as store:
        assert store.recovered and store.recovered[0].latest_backup == good
        assert str(good) in store.recovered[0].message()
    partial = take_backup(data)
    assert partial is not None and partial != good
    manifest = manifest_of(partial)
    assert manifest is not None and manifest.partial
    assert best_backup(data) == good


def test_rotation_keeps_ten_weekly_and_the_newest_good_and_only_its_own(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
    foreign = data / "backups" / "companion-19990101-000000.zip"
    foreign.parent.mkdir(mode=0o700, exist_ok=True)
    foreign.write_bytes(b"not ours")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(60):
        with Store.open(data, backup=False) as store:
            store.journal.add_goal(Goal(owner="mentor", title=f"day {day}"))
        take_backup(data, now=start + timedelta(days=day))
    kept = [p for p in list_backups(data) if p != foreign]
    assert foreign.exists(), "a zip Companion did not write is never deleted"
    stamps = sorted(p.name for p in kept)
    assert len(kept) > KEEP
    assert stamps[-KEEP:] == sorted(p.name for p in kept)[-KEEP:]
    weeks = {
        (start + timedelta(days=d)).isocalendar()[:2]
        for d in range(60)
        if timedelta(days=59 - d) <= timedelta(weeks=8)
    }
    assert len(kept) <= KEEP + len(weeks)


def test_newest_good_backup_survives_rotation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
    good = take_backup(data, now=datetime(2025, 1, 1, tzinfo=UTC))
    (data / "reviews" / "2025.json.corrupt-20250101-000000").write_bytes(b"x")
    for number in range(KEEP + 3):
        with Store.open(data, backup=False) as store:
            store.journal.add_goal(Goal(owner="mentor", title=f"g{number}"))
        take_backup(data, now=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=number))
    assert good is not None and good.exists()


@pytest.mark.parametrize(("cap", "value"), [("MAX_MEMBER", 1000), ("MAX_TOTAL", 1100)])
def test_oversize_members_are_refused(
    sandbox: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cap: str,
    value: int,
) -> None:
    box, data = sandbox
    monkeypatch.setattr(staging_mod, cap, value)
    noise = os.urandom(1200)  # incompressible: the ratio check does not fire
    backup = crafted(tmp_path, [("journal.json", JOURNAL), ("content/big.md", noise)])
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="MiB"):
        restore_backup(data, backup)
    assert snapshot(box) == before


def legacy(tmp_path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    """Write a zip as Companion wrote backups before they carried a manifest."""
    target = tmp_path / "backup-20261101-120000.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members:
            archive.writestr(name, payload)
    return target


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", sorted(CASES))
def test_crafted_backup_without_a_manifest_is_refused_even_unverified(
    sandbox: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    box, data = sandbox
    backup = legacy(tmp_path, CASES[case])
    before = snapshot(box)
    for unverified in (False, True):  # --unverified skips the manifest, no other check
        with pytest.raises(InvalidFileError, match="nothing was changed"):
            restore_backup(data, backup, unverified=unverified)
    assert snapshot(box) == before
    assert not (tmp_path / "escape.txt").exists()


def old_backup(tmp_path: Path) -> Path:
    """A backup as Companion wrote them before they carried a manifest (a valid state)."""
    with Store.open(tmp_path / "old", backup=False) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentee", title="from the old backup"))
    old = tmp_path / "old"
    return legacy(
        tmp_path,
        [(name, (old / name).read_bytes()) for name in ("journal.json", "cards.json")],
    )


def test_a_backup_without_a_manifest_is_refused_unless_unverified(
    sandbox: tuple[Path, Path], tmp_path: Path
) -> None:
    box, data = sandbox
    backup = old_backup(tmp_path)
    before = snapshot(box)
    with pytest.raises(InvalidFileError, match="cannot be verified") as refused:
        restore_backup(data, backup)
    assert refused.value.path == backup and "--unverified" in refused.value.why
    with pytest.raises(InvalidFileError, match="cannot be verified"):
        check_backup(backup, data)
    assert snapshot(box) == before

    restore_backup(data, backup, unverified=True)
    with Store.open(data, backup=False) as store:
        assert [g.title for g in store.journal.goals()] == ["from the old backup"]


def run_restore(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", "--data-dir", str(data), "restore", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_the_command_line_restores_an_unverified_backup_only_when_told(
    sandbox: tuple[Path, Path], tmp_path: Path
) -> None:
    box, data = sandbox
    backup = old_backup(tmp_path)

    def unlocked() -> dict[str, tuple[int, bytes]]:  # .lock holds the last process's id
        return {name: v for name, v in snapshot(box).items() if not name.endswith(".lock")}

    before = unlocked()
    refused = run_restore(data, str(backup), "--yes")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"{backup}: it has no manifest, so it cannot be verified" in refused.stderr
    assert "--unverified" in refused.stderr
    assert unlocked() == before

    helped = run_restore(data, "--help")
    assert "--unverified" in " ".join(helped.stdout.split())
    assert "every other check still applies" in " ".join(helped.stdout.split())

    done = run_restore(data, str(backup), "--yes", "--unverified")
    assert done.returncode == 0, done.stderr
    assert "cannot be verified" in done.stderr
    with Store.open(data, backup=False) as store:
        assert [g.title for g in store.journal.goals()] == ["from the old backup"]


async def test_settings_restore_refuses_a_backup_without_a_manifest(
    sandbox: tuple[Path, Path], tmp_path: Path
) -> None:
    from companion.dialogs.message import MessageDialog
    from tests.apphelpers import running

    _box, data = sandbox
    placed = data / "backups" / "companion-20200101-000000.zip"  # listed in Settings
    placed.parent.mkdir(mode=0o700, exist_ok=True)
    placed.write_bytes(old_backup(tmp_path).read_bytes())
    journal = (data / "journal.json").read_bytes()
    async with running(data) as (app, pilot):
        assert placed in app.programme.data.backups()
        assert not app.navigator.restore_from(placed)
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        shown = str(app.screen._message)
        assert placed.name in shown and "cannot be verified" in shown
        assert "nothing was changed" in shown
    assert (data / "journal.json").read_bytes() == journal


def test_a_broken_manifest_is_refused(sandbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, data = sandbox
    backup = legacy(tmp_path, [("journal.json", JOURNAL), ("manifest.json", b"{not json")])
    before = snapshot(box)
    for unverified in (False, True):
        with pytest.raises(InvalidFileError, match="manifest is not valid"):
            restore_backup(data, backup, unverified=unverified)
    assert snapshot(box) == before


def test_only_safety_copies_companion_wrote_are_pruned(
    sandbox: tuple[Path, Path], tmp_path: Path
) -> None:
    _box, data = sandbox
    made = take_backup(data)
    assert made is not None
    backups = data / "backups"
    outside = tmp_path / "outside.zip"
    outside.write_bytes(b"not Companion's")
    # Names that sort before every copy Companion writes, so pruning by name took them first.
    foreign = {
        "before-restore-0-mine.zip": b"my own zip",
        "before-restore-00000000-000000-000000.zip": legacy(tmp_path, [("a", b"b")]).read_bytes(),
    }
    for name, payload in foreign.items():
        (backups / name).write_bytes(payload)
    (backups / "before-restore-00000000-000001-000000.zip").symlink_to(outside)

    copies = [restore_backup(data, made).safety for _ in range(restore_mod.KEEP_SAFETY + 2)]

    for name, payload in foreign.items():
        assert (backups / name).read_bytes() == payload, name
    assert (backups / "before-restore-00000000-000001-000000.zip").is_symlink()
    assert outside.read_bytes() == b"not Companion's"
    assert restore_mod.safety_copies(data) == copies[-restore_mod.KEEP_SAFETY :]
    assert not any(copy.exists() for copy in copies[: -restore_mod.KEEP_SAFETY] if copy)
