"""Every folder Companion creates is 0700, whatever the umask (issue 17)."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.domain.goals import Goal
from companion.storage.atomic import ensure_private_dir
from companion.storage.backups import take_backup
from companion.storage.restore import restore_backup
from companion.storage.store import Store
from tests.conftest import make_pair


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run the test under umask 000 (the loosest a user can set), then put it back."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def folder_modes(root: Path) -> dict[str, int]:
    """The mode of every folder under ``root`` (links are not followed)."""
    return {
        str(path.relative_to(root)): stat.S_IMODE(path.lstat().st_mode)
        for path in root.rglob("*")
        if stat.S_ISDIR(path.lstat().st_mode)
    }


@pytest.mark.usefixtures("open_umask")
def test_every_folder_made_by_open_backup_and_restore_is_0700(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir(mode=0o700)
    data = root / "not" / "yet" / "data"  # a fresh open creates the missing parents too
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentor", title="kept"))
    lesson = data / "content" / "05-own" / "deeper" / "lesson.md"
    for folder in (data / "content", lesson.parent.parent, lesson.parent):
        folder.mkdir(mode=0o700)
    lesson.write_text("# Lesson\n")
    made = take_backup(data)
    assert made is not None
    shutil.rmtree(data / "content")  # the restore brings content/ and its folders back
    restore_backup(data, made)

    assert lesson.read_text() == "# Lesson\n"
    modes = folder_modes(root)
    for expected in ("not", "not/yet", "not/yet/data", "not/yet/data/reviews"):
        assert expected in modes
    assert "not/yet/data/backups" in modes and "not/yet/data/content/05-own/deeper" in modes
    assert {name: mode for name, mode in modes.items() if mode != 0o700} == {}


@pytest.mark.usefixtures("open_umask")
def test_missing_parents_are_made_0700_and_an_existing_folder_keeps_its_mode(
    tmp_path: Path,
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o751)
    ensure_private_dir(mine / "a" / "b" / "c")
    assert folder_modes(mine) == {"a": 0o700, "a/b": 0o700, "a/b/c": 0o700}
    assert stat.S_IMODE(mine.stat().st_mode) == 0o751
