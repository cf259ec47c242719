"""In a real terminal: notes typed one second before a SIGKILL are on disk; SIGTERM saves too."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.apphelpers import demo_folder, in_progress_notes, in_terminal


def _run_and_signal(tmp_path: Path, signum: int, wait: float, words: str) -> list[str]:
    """Type ``words`` into a new session's notes, send ``signum`` after ``wait`` seconds."""
    data = demo_folder(tmp_path / "data")
    with in_terminal(data, f"save{os.getpid()}{signum}") as terminal:
        terminal.start_session()
        terminal.type(words)
        terminal.wait_for(words)  # the last key has reached the app
        time.sleep(wait)
        terminal.signal(signum, within=30)  # a loaded machine exits slowly
    return in_progress_notes(data)


def test_a_sigkill_one_second_after_typing_loses_nothing(tmp_path: Path) -> None:
    words = "Typed one second before the kill"
    assert _run_and_signal(tmp_path, signal.SIGKILL, 1.0, words) == [words]


def test_sigterm_saves_what_is_on_screen_at_once(tmp_path: Path) -> None:
    words = "Typed just before the terminal closed"
    assert _run_and_signal(tmp_path, signal.SIGTERM, 0.0, words) == [words]
