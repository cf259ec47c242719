"""The command line: help, usage errors, content check, demo, export, backup and restore."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import build_parser, main
from companion.privacy import Vault
from companion.storage.store import Store


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
        cwd=cwd,
        env=os.environ.copy(),
    )


def run_with_input(text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def test_help_lists_every_command_with_a_description() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "content", "export", "backup", "restore"):
        line = next(ln for ln in result.stdout.splitlines() if ln.strip().startswith(command + " "))
        assert len(line.split()) > 3, line


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-flag"],
        ["export", "--format", "pdf"],
        ["export"],
        ["restore"],
        ["content"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_2_with_a_usage_message(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(args)
    assert caught.value.code == 2
    assert "usage: companion" in capsys.readouterr().err


def test_data_dir_before_the_command_is_kept(tmp_path: Path) -> None:
    args = build_parser().parse_args(["--data-dir", str(tmp_path), "backup"])
    assert args.data_dir == str(tmp_path)
    args = build_parser().parse_args(["backup", "--data-dir", str(tmp_path)])
    assert args.data_dir == str(tmp_path)


def test_environment_variable_chooses_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "via-env"))
    assert main(["backup"]) == 0
    assert list((tmp_path / "via-env" / "backups").glob("companion-*.zip"))
    assert main(["--data-dir", str(tmp_path / "flag"), "backup"]) == 0
    assert (tmp_path / "flag" / "journal.json").is_file()


def test_content_check_reports_problems_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "05-extra").mkdir(parents=True)
    (folder / "05-extra" / "01-x.md").write_text("---\nid: Bad Id\n---\nbody\n")
    result = run("content", "check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        ln.startswith(f"{folder}/05-extra/01-x.md:2: id: must be kebab-case") for ln in lines
    )
    assert any("_module.md" in ln for ln in lines)
    assert "Traceback" not in result.stderr


def test_demo_writes_a_sample_pair_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    first = run("demo", "--no-open", "--data-dir", str(folder))
    assert first.returncode == 0, first.stderr
    assert "Aisha Khan" in first.stdout and str(folder) in first.stdout
    with Store.open(folder, readonly=True) as store:
        sessions = store.journal.sessions()
        assert len(sessions) == 8
        assert all(s.shared_notes for s in sessions)
        # Private notes are sealed under the passphrase 'demo', never stored as plain text.
        assert not any(s.private_notes.mentor or s.private_notes.mentee for s in sessions)
        vault = Vault(store.journal, migrate=False)
        assert vault.unlock("mentor", "demo") and vault.unlock("mentee", "demo")
        assert all(vault.read("mentor", s.id) and vault.read("mentee", s.id) for s in sessions)
        assert {g.owner for g in store.journal.goals()} >= {"mentor", "mentee"}
        assert store.journal.actions() and store.journal.log_entries()
    assert "passphrase is 'demo' for both people" in first.stdout
    before = (folder / "journal.json").read_bytes()
    second = run("demo", "--no-open", "--data-dir", str(folder))
    assert second.returncode == 0, second.stderr
    assert "already holds the demo pair" in second.stdout
    assert (folder / "journal.json").read_bytes() == before


def test_export_json_is_the_journal_without_private_notes_by_default(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("demo", "--no-open", "--data-dir", str(folder)).returncode == 0
    plain = run("export", "--format", "json", "--data-dir", str(folder))
    assert plain.returncode == 0, plain.stderr
    document = json.loads(plain.stdout)
    assert document["pair"]["mentee"]["name"] == "Richard Hale"
    assert len(document["sessions"]) == 8
    assert all("private_notes" not in s for s in document["sessions"])
    assert "nervous" not in plain.stdout
    full = json.loads(
        run_with_input(
            "demo\ndemo\n",
            "export",
            "--format",
            "json",
            "--include-private",
            "--data-dir",
            str(folder),
        ).stdout
    )
    assert full["sessions"][0]["private_notes"]["mentor"]


def test_export_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    result = run("export", "--format", "json", "--data-dir", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no Companion data" in result.stderr


def test_backup_then_restore_a_named_file(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("demo", "--no-open", "--data-dir", str(folder)).returncode == 0
    made = run("backup", "--data-dir", str(folder))
    assert made.returncode == 0, made.stderr
    backup_file = Path(made.stdout.split("backup written: ")[1].strip())
    assert backup_file.is_file()
    original = (folder / "journal.json").read_bytes()
    with Store.open(folder, backup=False) as store:
        for session in store.journal.sessions():
            store.journal.delete_session(session.id)
    refused = run("restore", str(backup_file), "--data-dir", str(folder))
    assert refused.returncode == 2, "a script without --yes must not restore"
    assert "--yes" in refused.stderr
    assert "holds now: 0 sessions" in refused.stdout
    restored = run("restore", str(backup_file), "--yes", "--data-dir", str(folder))
    assert restored.returncode == 0, restored.stderr
    assert (folder / "journal.json").read_bytes() == original


def test_restore_latest_without_backups_is_a_clear_error(tmp_path: Path) -> None:
    result = run("restore", "--latest", "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "there is no backup" in result.stderr


def test_os_errors_become_exit_code_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import companion.commands.data as data_commands

    def broken(*_args: object) -> int:
        raise PermissionError(13, "Permission denied", "/somewhere/journal.json")

    monkeypatch.setattr(data_commands, "backup", broken)
    assert main(["backup"]) == 1
    assert capsys.readouterr().err == "companion: Permission denied (/somewhere/journal.json)\n"
