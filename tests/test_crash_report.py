"""A bug ends with exit status 1, one line on stderr and a private crash report."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from companion import cli
from companion.commands import data as data_commands


def test_unhandled_error_exits_1_with_one_line_and_a_0600_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)

    def broken(*_args: object) -> int:
        raise RuntimeError("something impossible happened")

    monkeypatch.setattr(data_commands, "backup", broken)
    assert cli.main(["--data-dir", str(folder), "backup"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "RuntimeError" in err and "Traceback" not in err
    reports = list(folder.glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in err
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    text = reports[0].read_text()
    assert "something impossible happened" in text and "Traceback" in text
