"""Process settings that let a key reach the app sooner (no textual here).

``run_app`` applies them before the app runs.

**Thread switching.** Textual reads the terminal in one thread and writes
each frame to it from another; the event loop runs in the main thread. Only
one of them runs Python at a time, and one that is waiting for the interpreter
lock gets it when the thread holding it has run for the switch interval: 5 ms
by default. While a
long document is built the event loop is rarely idle, so a key press waited
5 ms several times over (the input thread waking, reading, handing the key to
the loop) and so did its frame (the writer thread taking it, writing it,
flushing it). Measured in tmux (``benchmarks/lesson_open.py --long --trace``,
about 30 keys while building, two rounds each way): with 5 ms, a key reached
the app 7-15 ms after it was sent and a frame reached the terminal up to 21 ms
after it was ready, the slowest key 108-109 ms; with 1 ms, 3 ms and 1-6 ms,
the slowest key 86-95 ms, PageDown's 46-50 ms instead of 62-63 ms.
Start-up (``startup.py``, both scales) and opening the journal, log, glossary
and curriculum at ten years (``keys_tmux.py``) measured the same either way.

The other half of a key's wait in a terminal, the escape delay, is in
:mod:`companion.quick_escape`.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL = 0.001
"""Seconds a thread runs before one waiting for the interpreter lock gets it."""


def quicken_thread_switching() -> float:
    """Set ``SWITCH_INTERVAL`` for this process; return the interval it replaces.

    For the running app: its input and output threads wait for the lock far
    less. Threads that compute (a folder opened in the background) then take
    turns with the event loop more often, which costs little next to that.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    return before
