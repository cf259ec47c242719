"""Each benchmark runs in --quick mode so it cannot rot (no timing is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_storage_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "storage_writes.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for path in ("add a session", "notes autosave", "update a goal", "add a log entry"):
        assert path in result.stdout
    for path in ("save settings", "record a review", "import 50 cards"):
        assert path in result.stdout
    assert "slowest p95 write" in result.stdout
    for path in ("take a backup", "restore a backup"):
        (line,) = [line for line in result.stdout.splitlines() if path in line]
        assert "median" in line and "p95" in line


def test_startup_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "scale small" in result.stdout and "ratio dashboard with data" in result.stdout


def test_lesson_open_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "lesson_open.py"), "--quick", "--long"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "key press to lesson text" in result.stdout
    assert "lesson: first" in result.stdout and "lesson: End to last words" in result.stdout


def _quick(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_make_journal_writes_a_folder_that_opens(tmp_path: Path) -> None:
    from companion.storage.store import Store

    out = _quick("make_journal.py", "--scale", "large", "--quick", str(tmp_path / "data"))
    assert "10,000 reviews" in out
    with Store.open(tmp_path / "data", backup=False) as store:
        assert len(store.journal.sessions()) == 50
        assert len(store.journal.log_entries()) == 500
        assert len(store.reviews.logs()) == 10_000
        assert store.notices() == []
    again = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_journal.py"), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 1 and "already holds records" in again.stderr


def test_keystroke_benchmark_runs_quickly() -> None:
    out = _quick("keystrokes.py", "--quick", "--cards", "600")
    for name in ("review answer to next card", "glossary search character", "dashboard to journal"):
        assert name in out
    assert "review answer saved" in out and "glossary: 6" in out
    assert "floor: bare Input echo" in out
    assert "worst p95" in out


def test_memory_benchmark_runs_quickly() -> None:
    out = _quick("memory.py", "--quick", "--tabs", "5")
    assert "peak RSS hello world" in out and "peak RSS companion" in out
    assert "after every screen twice" in out and "after 5 Tabs" in out


def test_content_load_benchmark_runs_quickly() -> None:
    out = _quick("content_load.py", "--quick")
    assert "shipped curriculum + 50 user lessons" in out and "from the valid cache" in out


def test_import_benchmark_runs_quickly() -> None:
    assert "growth:" in _quick("import_cards.py", "--quick")


def test_card_history_benchmark_runs_quickly() -> None:
    assert "card history from the index" in _quick("card_history.py", "--quick")


def test_footer_leak_benchmark_runs_quickly() -> None:
    assert "KeysFooter: 20 Tabs" in _quick("footer_leak.py", "--quick")


def test_keys_benchmark_runs_quickly() -> None:
    out = _quick("keys.py", "--quick", "--sizes", "heavy")
    assert "glossary" in out and "longest pause" in out and "moving in the glossary" in out


def test_keys_benchmark_in_tmux_runs_quickly() -> None:
    out = _quick("keys_tmux.py", "--quick", "--sizes", "heavy")
    assert "tmux 100x30): RSS " in out and "MB at the end" in out
    for name in ("journal", "log", "glossary", "curriculum", "back to the dashboard"):
        assert f"  {name} " in out


def test_profile_open_runs_quickly() -> None:
    out = _quick("profile_open.py", "--quick", "--keys", "j", "g")
    assert "-> JournalScreen" in out and "-> GlossaryScreen" in out


def test_long_paints_benchmark_runs_quickly() -> None:
    out = _quick("long_paints.py", "--quick")
    assert "key while building" in out and "Escape, once built" in out
    assert "key right after Escape" in out


def test_styles_cache_leak_benchmark_runs_quickly() -> None:
    out = _quick("styles_cache_leak.py", "--quick")
    assert "Textual's own: 10 rebuilds" in out and "styles_cache_fix: 10 rebuilds" in out
