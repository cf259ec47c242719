"""No symlink in the data folder is followed: its target is never read, written or re-moded."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from companion.domain.goals import Goal
from companion.programme.core import Programme
from companion.programme.start_summary import read_summary, write_summary
from companion.storage.atomic import SymlinkRefusedError
from companion.storage.backups import list_backups, take_backup
from companion.storage.store import Store
from tests.apphelpers import NOW
from tests.conftest import make_pair
from tests.readwatch import age, atimes, require_atime

SECRET = b"private bytes that must never leave this file\n"

# (path in the data folder, whether the link points at a folder)
PLANTED = [
    (".lock", False),
    ("backups", True),
    ("reviews", True),
    ("content", True),
    (".cache", True),
    ("journal.json", False),
    ("cards.json", False),
    ("reviews/2026.json", False),
    ("content/lesson.md", False),
    ("content/05-linked", True),
    ("quarantine.json", False),
    (".cache/dashboard.json", False),
    (".cache/curriculum.json", False),
    ("backups/companion-20260101-000000.zip", False),
]

PASSED_OVER = {
    ".cache/dashboard.json",
    ".cache/curriculum.json",
    "backups/companion-20260101-000000.zip",
}
"""Links where a cache file or a backup would be: nothing of them is used, so nothing is said."""


def state_of(target: Path) -> list[tuple[str, int, bytes]]:
    """Names, modes and bytes of ``target`` (a file, or a folder and its files)."""
    paths = [target, *sorted(target.rglob("*"))] if target.is_dir() else [target]
    return [(str(p), p.stat().st_mode, p.read_bytes() if p.is_file() else b"") for p in paths]


def make_data(data: Path) -> None:
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentor", title="kept — 学习 ✓"))
    (data / "content").mkdir(mode=0o700, exist_ok=True)
    (data / ".cache").mkdir(mode=0o700, exist_ok=True)
    take_backup(data)


def plant(data: Path, where: str, is_dir: bool, outside: Path) -> Path:
    """Replace ``data/where`` with a symlink to a private target outside; return the target."""
    target = outside / ("dir" if is_dir else "file")
    if is_dir:
        target.mkdir(mode=0o750)
        (target / "companion-20200101-000000.zip").write_bytes(SECRET)
        (target / "2026.json").write_bytes(SECRET)
        (target / "note.md").write_bytes(SECRET)
        (target / "curriculum.json").write_bytes(SECRET)
        (target / "dashboard.json").write_bytes(SECRET)
        (target / "_module.md").write_bytes(SECRET)
    else:
        target.write_bytes(SECRET)
        target.chmod(0o640)
    link = data / where
    link.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if link.is_dir() and not link.is_symlink():
        import shutil

        shutil.rmtree(link)
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(target, target_is_directory=is_dir)
    return target


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("where", "is_dir"), PLANTED, ids=[p for p, _ in PLANTED])
def test_planted_symlink_is_refused_and_its_target_untouched(
    tmp_path: Path, where: str, is_dir: bool
) -> None:
    data = tmp_path / "data"
    outside = tmp_path / "outside"
    outside.mkdir()
    make_data(data)
    target = plant(data, where, is_dir, outside)
    before = state_of(target)

    # Open and write the way the app does, back up, and run the writing commands.
    try:
        with Store.open(data) as store:
            store.journal.add_goal(Goal(owner="mentee", title="after"))
            store.reviews.logs()
            take_backup(data)
    except SymlinkRefusedError as exc:
        assert where.split("/")[0] in str(exc) and "symbolic link" in str(exc)
    backup = run_cli("--data-dir", str(data), "backup")
    restore = run_cli("--data-dir", str(data), "restore", "--latest", "--yes")
    for result in (backup, restore):
        assert "Traceback" not in result.stderr
        if result.returncode != 0:
            assert result.stderr.strip(), "a refusal must say why"

    assert state_of(target) == before
    for zipped in list_backups(data) if not (data / "backups").is_symlink() else []:
        with zipfile.ZipFile(zipped) as archive:
            assert all(archive.read(n) != SECRET for n in archive.namelist())


def entries_of(target: Path) -> list[Path]:
    """``target`` and, for a folder, what ``plant`` put in it (listed without reading it)."""
    names = ["companion-20200101-000000.zip", "2026.json", "note.md", "curriculum.json"]
    names += ["dashboard.json", "_module.md"]
    return [target, *([target / n for n in names] if target.is_dir() else [])]


def use_like_the_app(data: Path) -> list[str]:
    """Open, write, back up, load the curriculum (cached) and the start summary, as the app does.

    Return every message met: errors (each step goes on after a refused one),
    the open's warnings and the content problems.
    """
    messages: list[str] = []
    programme = Programme(data, cache_curriculum=True, clock=lambda: NOW)

    def opened() -> None:
        programme.open()
        messages.extend(programme.store.warnings)
        programme.journal.save_goal(Goal(owner="mentee", title="after"))
        programme.store.reviews.logs()
        programme.data.backup()

    def curriculum() -> None:
        assert programme.curriculum.lessons, "the shipped curriculum loads whatever happens"
        messages.extend(str(problem) for problem in programme.content_problems)
        again = Programme(data, cache_curriculum=True)  # the next start: from the cache
        assert again.curriculum.lessons.keys() == programme.curriculum.lessons.keys()

    def summary() -> None:
        write_summary(data, NOW.date(), "title", {})
        read_summary(data, NOW.date())

    for step in (opened, curriculum, summary):
        try:
            step()
        except OSError as exc:
            messages.append(str(exc))
    programme.close()
    return messages


@pytest.mark.parametrize(("where", "is_dir"), PLANTED, ids=[p for p, _ in PLANTED])
def test_planted_symlink_is_never_read_and_is_named(
    tmp_path: Path, where: str, is_dir: bool
) -> None:
    require_atime(tmp_path)
    data = tmp_path / "data"
    outside = tmp_path / "outside"
    outside.mkdir()
    make_data(data)
    target = plant(data, where, is_dir, outside)
    before = state_of(target)
    watched = entries_of(target)
    for path in watched:
        age(path)
    unread = atimes(watched)

    messages = use_like_the_app(data)

    assert atimes(watched) == unread, "the link's target was read (or listed)"
    assert state_of(target) == before
    assert (data / where).is_symlink()
    if where not in PASSED_OVER:
        link = str(data / where)
        assert any(link in m and "symbolic link" in m for m in messages), messages


def test_symlinked_backups_folder_is_named_in_the_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    outside = tmp_path / "outside"
    outside.mkdir()
    make_data(data)
    plant(data, "backups", True, outside)
    result = run_cli("--data-dir", str(data), "backup")
    assert result.returncode == 1
    assert str(data / "backups") in result.stderr
    assert "symbolic link" in result.stderr


def test_companion_home_naming_a_file_is_a_clear_error(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    env = {**os.environ, "COMPANION_HOME": str(a_file)}
    result = subprocess.run(
        [sys.executable, "-m", "companion.cli", "backup"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert "COMPANION_HOME" in result.stderr and "not a folder" in result.stderr
    assert a_file.read_text() == "mine"


def test_folder_of_other_files_is_refused_for_writing(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"jpeg")
    result = run_cli("--data-dir", str(folder), "backup")
    assert result.returncode == 1
    assert "not Companion's" in result.stderr and "holiday.jpg" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg"]


def test_long_output_name_and_plain_locale_give_clear_results(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_data(data)
    long_name = tmp_path / ("r" * 248 + ".md")
    result = run_cli("--data-dir", str(data), "export", "--format", "md", "-o", str(long_name))
    assert result.returncode == 0, result.stderr
    assert long_name.read_text(encoding="utf-8").startswith("#")
    too_long = tmp_path / ("r" * 300 + ".md")
    result = run_cli("--data-dir", str(data), "export", "--format", "md", "-o", str(too_long))
    assert result.returncode == 1
    assert str(too_long) in result.stderr and ".tmp" not in result.stderr
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("PYTHONIOENCODING")
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "--data-dir",
            str(data),
            "export",
            "--format",
            "md",
        ],
        capture_output=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert plain.returncode == 0, plain.stderr
    assert "kept — 学习 ✓" in plain.stdout.decode("utf-8")


async def test_the_cannot_open_dialog_names_the_refused_link(tmp_path: Path) -> None:
    from textual.widgets import Static

    from companion.dialogs.message import MessageDialog
    from tests.apphelpers import app_on

    data = tmp_path / "data [bold]x[/bold]"  # shown literally, never as markup
    outside = tmp_path / "outside"
    outside.mkdir()
    make_data(data)
    target = plant(data, "journal.json", False, outside)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, MessageDialog):
                break
        assert isinstance(app.screen, MessageDialog)
        await pilot.pause()
        texts = [w for w in app.screen.walk_children() if isinstance(w, Static)]
        shown = "".join(str(w.render()) for w in texts).replace("\n", "")
        titles = [str(w.border_title) for w in app.screen.walk_children() if w.border_title]
        assert any("Cannot open" in t for t in titles), titles
        assert f"({data / 'journal.json'})" in shown, shown
        assert "symbolic link" in shown
        await pilot.press("enter")
    assert target.read_bytes() == SECRET
