"""What an app did around each key press, written to a file for a benchmark in another process.

``long_app.py`` installs this when ``LONG_APP_TRACE`` names a file; ``lesson_open.py
--trace`` then lines the file up with the times it measured in tmux, so a slow
key can be split into the part before the app read it, the part the app took,
and the part after its frame went out. Every line is ``seconds kind detail``,
with ``time.perf_counter()`` (``CLOCK_MONOTONIC`` on Linux: the same clock in
both processes). Kinds: ``read`` (the driver's input thread parsed a key),
``event`` (the key reached the app on the event loop), ``tick`` (the ``x``
action ran), ``frame`` (a frame handed to the driver; detail: its ms), ``flush`` (the
writer thread's output reached the terminal; detail: characters, ms),
``gc`` (a collection over 5 ms; detail: generation and ms), and, when asked
for (``LONG_APP_TRACE_CALLBACKS``), ``slow`` (an event-loop callback over
20 ms; detail: ms and what): timing every callback slows the app itself.

Standard library only.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from typing import Any, TextIO

SLOW = float(os.environ.get("LONG_APP_TRACE_SLOW", "0.020"))
"""Event-loop callbacks longer than this (seconds) are written."""

GC_OVER = 0.005
"""Collections longer than this (seconds) are written."""


class AppTrace:
    """Writes an app's key reads, key events, frames, collections and slow callbacks to a file."""

    def __init__(self, path: str) -> None:
        """Open ``path``; made before the app runs, so its terminal output can be watched."""
        self.out: TextIO = open(path, "w", buffering=1)  # noqa: SIM115 (open for the app's life)
        self._gc_started = 0.0
        self._watch_output()

    def _watch_output(self) -> None:
        """Note each flush of Textual's writer thread to the terminal (a ``flush``, its bytes)."""
        from textual.drivers._writer_thread import WriterThread

        trace = self

        class Watched:
            def __init__(self, file: Any) -> None:
                self.file, self.pending = file, 0

            def write(self, text: str) -> int:
                self.pending += len(text)
                return int(self.file.write(text))

            def flush(self) -> None:
                started = time.perf_counter()
                self.file.flush()
                trace.note("flush", f"{self.pending} {(time.perf_counter() - started) * 1000:.1f}")
                self.pending = 0

        run = WriterThread.run

        def watched_run(thread: WriterThread) -> None:
            thread._file = Watched(thread._file)
            run(thread)

        WriterThread.run = watched_run  # type: ignore[method-assign]

    def note(self, kind: str, detail: str = "", at: float | None = None) -> None:
        """Write one line now (or for the moment ``at``)."""
        self.out.write(f"{time.perf_counter() if at is None else at:.6f} {kind} {detail}\n")

    def install(self, app: Any, callbacks: bool = False) -> None:
        """Hook ``app`` (once it has a driver) and the process's collector (and event loop)."""
        gc.callbacks.append(self._gc)
        display = app._display

        def displayed(screen: object, renderable: object) -> None:
            started = time.perf_counter()
            display(screen, renderable)
            self.note("frame", f"{(time.perf_counter() - started) * 1000:.1f}", at=started)

        app._display = displayed
        driver = app._driver
        process = driver.process_message

        def processed(message: object) -> None:
            if type(message).__name__ == "Key":
                self.note("read", getattr(message, "key", ""))
            process(message)

        driver.process_message = processed
        if callbacks:
            self._time_callbacks()

    def _time_callbacks(self) -> None:
        """Write every event-loop callback over ``SLOW`` (this slows every callback a little)."""
        run = asyncio.events.Handle._run

        def timed(handle: asyncio.events.Handle) -> None:
            started = time.perf_counter()
            run(handle)
            if (took := time.perf_counter() - started) > SLOW:
                callback = getattr(handle, "_callback", None)
                task = getattr(callback, "__self__", None)
                what = getattr(callback, "__qualname__", repr(callback))
                if isinstance(task, asyncio.Task):
                    what = getattr(task.get_coro(), "__qualname__", what)
                self.note("slow", f"{took * 1000:.1f} {what}", at=started)

        asyncio.events.Handle._run = timed  # type: ignore[method-assign]

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif (took := time.perf_counter() - self._gc_started) > GC_OVER:
            self.note("gc", f"{info['generation']} {took * 1000:.1f}", at=self._gc_started)


def read_trace(path: str) -> list[tuple[float, str, str]]:
    """Return a trace file's lines as (seconds, kind, detail)."""
    lines: list[tuple[float, str, str]] = []
    with open(path) as handle:
        for line in handle:
            at, kind, *rest = line.rstrip("\n").split(" ", 2)
            lines.append((float(at), kind, rest[0] if rest else ""))
    return lines
