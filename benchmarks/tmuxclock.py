"""Time how long a program takes to put a given text on a real terminal (tmux).

Shared by the benchmarks in this folder; standard library only.
"""

from __future__ import annotations

import itertools
import os
import shlex
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence

_servers = itertools.count()


class Tmux:
    """A private tmux server (its own socket) that runs programs in fixed-size windows."""

    def __init__(self, width: int = 100, height: int = 30) -> None:
        # Its own name: a server just stopped may still be going away under the last one.
        self.socket = f"companion-bench-{os.getpid()}-{next(_servers)}"
        self.width, self.height = width, height
        self.run(
            "new-session",
            "-d",
            "-s",
            "keepalive",
            "-x",
            str(width),
            "-y",
            str(height),
            "sleep 100000",
        )
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("set-option", "-g", "default-terminal", "tmux-256color")
        self.run("set-option", "-g", "history-limit", "0")

    def run(self, *args: str, check: bool = True) -> str:
        """Run a tmux command on the private server; return its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
        )
        return result.stdout

    def start(self, name: str, command: Sequence[str], env: dict[str, str] | None = None) -> float:
        """Start ``command`` in a new window called ``name``; return the start time."""
        envargs = [x for k, v in (env or {}).items() for x in ("-e", f"{k}={v}")]
        started = time.perf_counter()
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            *envargs,
            shlex.join(command),
        )
        return started

    def screen(self, name: str) -> str:
        """Return the text on ``name``'s screen now."""
        return self.run("capture-pane", "-p", "-t", name, check=False)

    def wait_for(self, name: str, text: str, timeout: float = 30.0, poll: float = 0.004) -> float:
        """Poll until ``text`` is on screen; return the time it appeared (perf_counter)."""
        try:
            return self.wait_until(name, lambda screen: text in screen, timeout, poll)
        except TimeoutError as error:
            raise TimeoutError(f"{text!r} did not appear; {error}") from None

    def wait_until(
        self, name: str, seen: Callable[[str], bool], timeout: float = 30.0, poll: float = 0.004
    ) -> float:
        """Poll until ``seen(screen)`` is true; return the time of that look (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.screen(name)
            now = time.perf_counter()
            if seen(screen):
                return now
            if now > deadline:
                raise TimeoutError(f"the screen was:\n{screen}")
            time.sleep(poll)

    def keys(self, name: str, *keys: str) -> None:
        """Send keys to ``name``."""
        self.run("send-keys", "-t", name, *keys)

    def kill(self, name: str) -> None:
        """Stop the program in ``name``."""
        self.run("kill-session", "-t", name, check=False)

    def close(self) -> None:
        """Stop the private server."""
        self.run("kill-server", check=False)


def describe(label: str, seconds: list[float]) -> str:
    """Return a line with the median, minimum and maximum of ``seconds`` in ms."""
    ms = [s * 1000 for s in seconds]
    return (
        f"{label:28s} median {statistics.median(ms):7.1f} ms   "
        f"min {min(ms):7.1f}   max {max(ms):7.1f}   n={len(ms)}"
    )


class Polled:
    """One session of a :class:`Tmux` server, looked at by polling ``capture-pane``.

    The same calls as :class:`tmuxcontrol.Watched`; each key and each look is a
    tmux process, and the screen is looked at every ``poll`` seconds.
    """

    def __init__(self, tmux: Tmux, name: str, poll: float = 0.004) -> None:
        """Look at session ``name`` every ``poll`` seconds while waiting."""
        self.tmux, self.name, self.poll = tmux, name, poll

    def keys(self, *keys: str) -> float:
        """Send ``keys``; return the time just before the ``send-keys`` process started."""
        sent = time.perf_counter()
        self.tmux.keys(self.name, *keys)
        return sent

    def screen(self) -> str:
        """The text on the session's screen now."""
        return self.tmux.screen(self.name)

    def wait_until(self, seen: Callable[[str], bool], timeout: float = 30.0) -> float:
        """Poll until ``seen(screen)`` is true; return the time of that look."""
        return self.tmux.wait_until(self.name, seen, timeout, self.poll)

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Poll until ``text`` is on screen; return the time it was seen."""
        return self.wait_until(lambda screen: text in screen, timeout)

    def close(self) -> None:
        """Nothing to let go."""
