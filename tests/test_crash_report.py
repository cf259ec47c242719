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


def test_only_reports_companion_wrote_are_pruned(tmp_path: Path) -> None:
    from companion.crash import KEEP_REPORTS, write_report

    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    outside = tmp_path / "outside.txt"
    outside.write_text("not Companion's")
    # Names that sort before every report Companion writes, so pruning by name took them first.
    foreign = {
        "crash-0-my-notes.txt": "file",
        "crash-00000000-000000-000000.txt": "link",
        "crash-00000000-000001-000000.txt": "folder",
        "crash-00000000-000002.txt": "file",  # not the exact pattern
    }
    for name, kind in foreign.items():
        path = folder / name
        if kind == "link":
            path.symlink_to(outside)
        elif kind == "folder":
            path.mkdir()
            (path / "inside.txt").write_text("kept")
        else:
            path.write_text("mine")
    ours = [folder / f"crash-2020010{d}-000000-000000.txt" for d in range(1, 10)]
    ours += [folder / f"crash-202002{d:02d}-000000-000000.txt" for d in range(1, 15)]
    for path in ours:
        path.write_text("Companion crash report")

    made = write_report(folder, RuntimeError("again"), ["companion"])

    assert made is not None and made.is_file()
    for name in foreign:
        assert (folder / name).exists() or (folder / name).is_symlink(), name
    assert outside.read_text() == "not Companion's"
    assert (folder / "crash-00000000-000001-000000.txt" / "inside.txt").read_text() == "kept"
    kept = sorted(p for p in [*ours, made] if p.exists())
    assert kept == sorted([*ours, made])[-KEEP_REPORTS:]


CRASHING_APP = """
import sys

import companion.screens.session as session
from companion import cli
from companion.app import CompanionApp

# Typing is saved only on the way out: nothing saves it before the crash.
session.NOTES_DEBOUNCE_SECONDS = session.AUTOSAVE_SECONDS = 3600.0


def broken(self: CompanionApp) -> None:
    raise RuntimeError("a bug behind F1")


CompanionApp.action_help = broken
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


def test_a_crash_in_the_app_saves_what_is_typed_exits_1_and_writes_a_report(
    tmp_path: Path,
) -> None:
    import os
    import sys

    from tests.apphelpers import demo_folder, in_progress_notes, in_terminal

    data = demo_folder(tmp_path / "data")
    script = tmp_path / "crashing_app.py"
    script.write_text(CRASHING_APP)
    command = f"{sys.executable} {script} {data}; echo exit status $?; sleep 600"
    words = "Typed just before the crash"
    with in_terminal(data, f"crash{os.getpid()}", command=command) as terminal:
        terminal.start_session()
        terminal.type(words)
        terminal.wait_for(words)  # the last key has reached the app
        terminal.send("F1")
        terminal.wait_for("exit status", timeout=60)
        lines = terminal.screen(joined=True).strip().splitlines()
    assert lines[-1] == "exit status 1"
    said = [line for line in lines if line.startswith("companion:")]
    assert len(said) == 1 and lines[-2] == said[0], lines
    assert "RuntimeError: a bug behind F1" in said[0] and "Traceback" not in "".join(lines)
    reports = list(data.glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in said[0]
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert "a bug behind F1" in reports[0].read_text()
    assert in_progress_notes(data) == [words]


async def test_an_error_that_renders_itself_ends_as_plainly_as_any_other(tmp_path: Path) -> None:
    # Textual "panics" on an exception with __rich__ (its own many-line rendering
    # printed on exit); Companion ends every crash the same way: status 1, one line.
    from rich.text import Text

    from tests.apphelpers import app_on, demo_folder

    class Fancy(Exception):
        def __rich__(self) -> Text:
            return Text("a fancy\nmany-line\nrendering")

    app = app_on(demo_folder(tmp_path / "data"))

    def broken() -> None:
        raise Fancy("a fancy error")

    app.action_help = broken  # type: ignore[method-assign]
    with pytest.raises(Exception) as raised:  # Pilot raises what stopped the app
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
    assert not hasattr(raised.value, "__rich__") and "a fancy error" in str(raised.value)
    assert app.return_code == 1
    assert not app._exit_renderables, "nothing is printed on exit but the CLI's one line"
    assert isinstance(getattr(app._exception, "original", None), Fancy)
