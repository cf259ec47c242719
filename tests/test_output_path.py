"""``export -o FILE`` writes only to a regular file or a new path; ``-o -`` is standard output."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.cli import main
from companion.storage.output import OutputRefusedError, check_output_path, write_output
from companion.storage.store import Store
from tests.conftest import make_pair


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
    return data


FORMATS = (["--format", "md"], ["--format", "json"], ["--format", "anki"], ["--format", "ics"])


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f[1])
def test_export_to_a_fifo_is_refused_and_the_fifo_stays(
    folder: Path, tmp_path: Path, fmt: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = main(["export", *fmt, "-o", str(fifo), "--data-dir", str(folder)])
    err = capfd.readouterr().err
    assert code == 1
    assert "it is a named pipe (FIFO)" in err and str(fifo) in err and "Traceback" not in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_to_a_symlink_is_refused_and_both_link_and_target_are_untouched(
    folder: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    code = main(["export", "--format", "md", "-o", str(link), "--data-dir", str(folder)])
    assert code == 1
    assert "it is a symbolic link" in capfd.readouterr().err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "keep me"


def test_export_to_dev_null_is_refused_and_it_stays_a_device(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--format", "json", "-o", "/dev/null", "--data-dir", str(folder)])
    assert code == 1
    assert "it is a device" in capfd.readouterr().err
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_export_to_a_folder_is_refused(
    folder: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code = main(["export", "--format", "json", "-o", str(out), "--data-dir", str(folder)])
    assert code == 1
    assert "it is a folder" in capfd.readouterr().err
    assert out.is_dir() and list(out.iterdir()) == []


def test_export_writes_a_new_path_privately_and_replaces_a_regular_file(
    folder: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.json"
    assert main(["export", "--format", "json", "-o", str(new), "--data-dir", str(folder)]) == 0
    assert '"Aisha Khan"' in new.read_text() and stat.S_IMODE(new.stat().st_mode) == 0o600
    old = tmp_path / "old.md"
    old.write_text("last week's report")
    assert main(["export", "--format", "md", "-o", str(old), "--data-dir", str(folder)]) == 0
    assert "Aisha Khan" in old.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_dash_means_standard_output(
    folder: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "json", "-o", "-", "--data-dir", str(folder)]) == 0
    assert '"Aisha Khan"' in capfd.readouterr().out
    assert not (tmp_path / "-").exists()


def test_the_check_names_each_kind_and_allows_a_linked_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputRefusedError) as caught:
        check_output_path(Path("/dev/null"))
    assert caught.value.kind == "a device"
    assert str(caught.value).startswith("/dev/null: it is a device: exports are written only")
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)
    written = write_output(tmp_path / "via" / "out.txt", b"hello")
    assert written == real.resolve() / "out.txt" and (real / "out.txt").read_bytes() == b"hello"
    with pytest.raises(FileNotFoundError):
        check_output_path(tmp_path / "missing" / "out.txt")
