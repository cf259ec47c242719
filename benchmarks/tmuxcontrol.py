"""Watch one tmux session through control mode: keys in and screens out, no process per look.

:class:`~tmuxclock.Tmux` sends each key with a ``tmux send-keys`` process and
looks at the screen with a ``tmux capture-pane`` process every 4 ms. Each look
is a fork and exec on the same cores the program under test runs on, and the
time is only known to the next look. Here one control-mode client
(``tmux -C``) stays attached: keys and looks are lines written to it, and tmux
says when the program wrote anything (``%output``), so the benchmark sleeps
until then instead of polling. A text counts as on screen from the moment tmux
passed on the output that put it there. Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import subprocess
import time
from collections.abc import Callable

from tmuxclock import Tmux


class ControlError(RuntimeError):
    """tmux refused a command sent through control mode, or the client went away."""


class Watched:
    """A control-mode client attached to one session of a :class:`Tmux` server."""

    def __init__(self, tmux: Tmux, name: str) -> None:
        """Attach to session ``name`` without resizing it (``ignore-size``)."""
        self.name = name
        self.process = subprocess.Popen(
            [
                *("tmux", "-L", tmux.socket, "-f", "/dev/null", "-C"),
                *("attach-session", "-t", name, "-f", "ignore-size"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in, self._out = self.process.stdin, self.process.stdout.fileno()
        os.set_blocking(self._out, False)
        self._buffer = b""
        self.output_at = 0.0
        """When tmux last passed on output of the session's program (perf_counter)."""
        self.command("display-message", "-p", "attached")

    def _line(self, timeout: float) -> bytes | None:
        """The next line from tmux, or None if none came within ``timeout`` seconds."""
        deadline = time.perf_counter() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                return None
            chunk = os.read(self._out, 65536)
            if not chunk:
                raise ControlError("the control-mode client exited")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        if line.startswith(b"%output "):
            self.output_at = time.perf_counter()
        return line

    def command(self, *words: str, timeout: float = 10.0) -> list[str]:
        """Run a tmux command through the client; return its output lines."""
        self._in.write((" ".join(shlex.quote(word) for word in words) + "\n").encode())
        reply: list[str] | None = None
        block = b""
        deadline = time.perf_counter() + timeout
        while True:
            line = self._line(max(0.0, deadline - time.perf_counter()))
            if line is None:
                raise ControlError(f"no reply to {' '.join(words)!r}")
            if reply is None:
                # A block flagged 1 answers this client; 0 is the attach's own.
                if line.startswith(b"%begin ") and line.endswith(b" 1"):
                    reply, block = [], line.removeprefix(b"%begin ")
            elif line == b"%end " + block:
                return reply
            elif line == b"%error " + block:
                raise ControlError(f"{' '.join(words)!r}: {' '.join(reply)}")
            else:
                reply.append(line.decode(errors="replace"))

    def keys(self, *keys: str) -> float:
        """Send ``keys`` to the session's program; return the time they were sent."""
        sent = time.perf_counter()
        self.command("send-keys", "-t", self.name, *keys)
        return sent

    def screen(self) -> str:
        """The text on the session's screen now."""
        return "\n".join(self.command("capture-pane", "-p", "-t", self.name))

    def wait_until(self, seen: Callable[[str], bool], timeout: float = 30.0) -> float:
        """Wait until ``seen(screen)`` is true; return when tmux passed on the output that did it.

        The screen is looked at once at first and then after each output of the
        program, never on a timer.
        """
        started = time.perf_counter()
        deadline = started + timeout
        while True:
            screen = self.screen()
            if seen(screen):
                # The look's reply comes after every output tmux passed on before it.
                return max(self.output_at, started)
            before = self.output_at
            while self.output_at == before:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"not seen in {timeout} s; the screen was:\n{screen}")
                line = self._line(left)
                if line is not None and line.startswith(b"%exit"):
                    raise ControlError(f"the session ended; the screen was:\n{screen}")

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Wait until ``text`` is on screen; return when it came (perf_counter)."""
        return self.wait_until(lambda screen: text in screen, timeout)

    def close(self) -> None:
        """Detach the client."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self._in.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
