"""A backup checked before the question is not validated again by the restore that follows,
unless what is restored is not what was checked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import orjson
import pytest

from companion.domain.goals import Goal
from companion.programme.core import Programme
from companion.storage import backups as backups_mod
from companion.storage.backups import take_backup
from companion.storage.interrupted import STAGING_PREFIX
from companion.storage.manifest import build, manifest_of
from companion.storage.schema import InvalidFileError
from companion.storage.store import Store
from tests.conftest import make_pair


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The backup's data files validated record by record (unpacked aside), by name, in order.

    (The safety copy of the data folder's own files is not counted.)
    """
    seen: list[str] = []
    real = backups_mod.validate

    def counted(kind: str, data: dict, path: Path):
        if any(part.startswith(STAGING_PREFIX) for part in path.parts):
            seen.append(path.name)
        return real(kind, data, path)

    monkeypatch.setattr(backups_mod, "validate", counted)
    return seen


def folder_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with two goals, backed up, then changed to hold three."""
    data = tmp_path / "data"
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())
        store.journal.add_goal(Goal(owner="mentor", title="one"))
        store.journal.add_goal(Goal(owner="mentee", title="two"))
    backup = take_backup(data)
    assert backup is not None
    with Store.open(data, backup=False) as store:
        store.journal.add_goal(Goal(owner="mentor", title="three"))
    return data, backup


def goals(data: Path) -> list[str]:
    with Store.open(data, backup=False, readonly=True) as store:
        return sorted(goal.title for goal in store.journal.goals())


def test_a_restore_after_the_check_validates_nothing_again(tmp_path: Path, validations) -> None:
    data, backup = folder_with_backup(tmp_path)
    with Programme.opened(data, backup=False) as programme:
        comparison = programme.data.compare(backup)
        assert "journal.json" in validations
        assert {name for name, _ in comparison.validated} >= {"journal.json"}
        validations.clear()
        programme.data.restore(backup)
        assert validations == []
    assert goals(data) == ["one", "two"]


def test_a_restore_without_a_check_validates_every_file(tmp_path: Path, validations) -> None:
    data, backup = folder_with_backup(tmp_path)
    with Programme.opened(data, backup=False) as programme:
        programme.data.restore(backup)
    assert "journal.json" in validations
    assert goals(data) == ["one", "two"]


def test_a_backup_changed_after_its_check_is_validated_and_refused(tmp_path: Path) -> None:
    data, backup = folder_with_backup(tmp_path)
    with Programme.opened(data, backup=False) as programme:
        programme.data.compare(backup)
        # Meanwhile the zip is replaced: same names, a consistent manifest, a bad goal.
        with zipfile.ZipFile(backup) as archive:
            files = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
        manifest = manifest_of(backup)
        assert manifest is not None
        journal = orjson.loads(files["journal.json"])
        first = next(iter(journal["goals"]))
        journal["goals"][first]["owner"] = "nobody"
        files["journal.json"] = orjson.dumps(journal)
        with zipfile.ZipFile(backup, "w") as archive:
            for name, payload in files.items():
                archive.writestr(name, payload)
            archive.writestr("manifest.json", build(files, manifest.counts, []).to_bytes())
        with pytest.raises(InvalidFileError, match="goals"):
            programme.data.restore(backup)
    assert goals(data) == ["one", "three", "two"]


def test_the_command_line_restore_checks_once(tmp_path: Path, validations, capsys) -> None:
    from companion.cli import main

    data, backup = folder_with_backup(tmp_path)
    assert main(["--data-dir", str(data), "restore", "--yes", str(backup)]) == 0
    assert validations.count("journal.json") == 1
    assert goals(data) == ["one", "two"]
