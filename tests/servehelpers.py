"""Helpers for `companion serve` tests: the server as a process, Chromium, the terminal's text."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from companion.storage.lock import DataLock, LockHeldError

CLI = "import sys; from companion.cli import main; sys.exit(main())"
INSTALL = "apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def companion(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run the `companion` command line in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=60, **kwargs
    )


def demo_pair(tmp_path: Path) -> Path:
    """Write the demo pair into a new folder and return it."""
    folder = tmp_path / "pair"
    result = companion("demo", "--data-dir", str(folder), "--no-open")
    assert result.returncode == 0, result.stderr
    return folder


def chromium_or_skip() -> str:
    """Return the OS's Chromium, or skip (fail under COMPANION_REQUIRE_BROWSER=1) with why."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = 'Playwright is not installed: pip install -e ".[test]"'
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None and reason is None:
        reason = f"Chromium not found: {INSTALL}"
    if reason is not None:
        if os.environ.get("COMPANION_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (COMPANION_REQUIRE_BROWSER=1: browser tests must run)")
        pytest.skip(reason)
    assert path is not None
    return path


def children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (Linux)."""
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def folder_free(folder: Path) -> bool:
    """True when no process holds the data folder's lock."""
    try:
        DataLock(folder).acquire().release()
    except LockHeldError:
        return False
    return True


def wait_until(check: Any, timeout: float, what: str, pump: Any = None) -> None:
    """Poll ``check()`` until true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        if pump is not None:
            pump(100)
        else:
            time.sleep(0.1)


class Served:
    """`companion serve` running as a process; ``url`` is the printed address."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", CLI, "serve", "--data-dir", str(folder), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.url = self._wait_for_url()
        self.origin = self.url.split("/?", 1)[0]
        self.port = int(urlsplit(self.url).port or 0)

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.out.append(line)
            if found := re.search(r"http://\S+/\?token=\S+", line):
                return found.group(0)
        self.process.kill()
        _, err = self.process.communicate()
        pytest.fail(f"companion serve printed no address: {''.join(self.out)}{err}")

    def stop(self) -> tuple[int, str, str]:
        """Press Ctrl+C on it; return its exit code, all it printed and its stderr."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        while not self.lines.empty():
            self.out.append(self.lines.get())
        assert self.process.stderr is not None
        return code, "".join(self.out), self.process.stderr.read()


@contextmanager
def served(folder: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Run `companion serve` on ``folder``; make sure it is gone afterwards."""
    server = Served(folder, *args, env=env)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            # Apps run in sessions of their own: a failed test must not leave one behind.
            for pid in children(server.process.pid):
                os.kill(pid, signal.SIGKILL)
            server.process.kill()
            server.process.wait()


class TerminalText:
    """The app's screen as the page's terminal shows it, replayed by a VT100 emulator (pyte).

    textual-serve draws with xterm.js on a canvas (WebGL or 2D), so the page's DOM holds
    no text. The bytes the tab's websocket receives are exactly what xterm.js renders;
    pyte renders the same bytes, sized as the page tells the server.
    """

    def __init__(self, page: Any) -> None:
        import pyte

        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.page = page
        page.on("websocket", self._attach)

    def _attach(self, websocket: Any) -> None:
        query = parse_qs(urlsplit(websocket.url).query)
        if "width" in query and "height" in query:
            self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    @property
    def text(self) -> str:
        """Everything on the screen now, one line per row."""
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 60, *, title: bool = False) -> None:
        """Wait until ``needle`` is on the screen (``title``: in its top row, the header)."""
        deadline = time.monotonic() + timeout
        while needle not in (self.screen.display[0] if title else self.text):
            if time.monotonic() > deadline:
                pytest.fail(f"{needle!r} never showed in the browser; the screen:\n{self.text}")
            self.page.wait_for_timeout(100)
