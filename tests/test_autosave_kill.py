"""In a real terminal: notes typed one second before a SIGKILL are on disk; SIGTERM saves too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from companion.storage.store import Store
from tests.apphelpers import demo_folder


def _run_and_signal(tmp_path: Path, signum: int, wait: float, words: str) -> list[str]:
    """Type ``words`` into a new session's notes, send ``signum`` after ``wait`` seconds."""
    data = demo_folder(tmp_path / "data")
    name = f"save{os.getpid()}{signum}"
    socket = ["tmux", "-L", name, "-f", "/dev/null"]
    command = f"{sys.executable} -m companion.cli --data-dir {data}"

    def screen() -> str:
        return subprocess.run(
            [*socket, "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout

    def wait_for(text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in screen():
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{screen()}"
            time.sleep(0.05)

    def running() -> list[str]:
        return subprocess.run(
            ["pgrep", "-f", f"companion.cli --data-dir {data}"], capture_output=True, text=True
        ).stdout.split()

    subprocess.run(
        [*socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], check=True
    )
    try:
        wait_for("Next session:")
        subprocess.run([*socket, "send-keys", "-t", name, "n"], check=True)
        wait_for("Start a session")
        subprocess.run([*socket, "send-keys", "-t", name, "Enter"], check=True)
        wait_for("Shared notes")
        subprocess.run([*socket, "send-keys", "-t", name, "-l", words], check=True)
        wait_for(words)  # the last key has reached the app
        time.sleep(wait)
        pids = running()
        assert pids, "the app should be running"
        for pid in pids:
            os.kill(int(pid), signum)
        deadline = time.monotonic() + 30  # a loaded machine exits slowly
        while running():
            assert time.monotonic() < deadline, "the app did not go away"
            time.sleep(0.05)
    finally:
        subprocess.run([*socket, "kill-server"], capture_output=True)
    with Store.open(data, readonly=True) as store:
        return [s.shared_notes for s in store.journal.sessions() if s.status == "in-progress"]


def test_a_sigkill_one_second_after_typing_loses_nothing(tmp_path: Path) -> None:
    words = "Typed one second before the kill"
    assert _run_and_signal(tmp_path, signal.SIGKILL, 1.0, words) == [words]


def test_sigterm_saves_what_is_on_screen_at_once(tmp_path: Path) -> None:
    words = "Typed just before the terminal closed"
    assert _run_and_signal(tmp_path, signal.SIGTERM, 0.0, words) == [words]
