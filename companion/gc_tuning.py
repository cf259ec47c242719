"""Garbage collection for a long-lived interactive program (no textual here).

Python's default thresholds (700, 10, 10) run a full collection every few
hundred thousand allocations; with ten years of records in memory each full
pass walks every model and widget and pauses the app for 0.3-1.4 s, mostly in
the middle of a key press. Once start-up is done (the store open, the first
screen drawn, the warm-up imports loaded, the journal's, log's and glossary's
rows built by ``companion.programme.preload``) ``tune_after_start`` moves everything
alive into the permanent generation (``gc.freeze``), so no collection walks it
again, and sets ``THRESHOLDS``. Measured with ``benchmarks/keys.py --sizes heavy``
(BENCHMARKS.md, once the journal and log filled once per open): raising the
young generation's threshold to 10,000 cut full collections from 57 to 3 and
pauses over 100 ms from 52 to 24 in 208 presses, for 34 MB more at the end
(360 against 326 MB); (50,000, 50, 100) had made young collections long and
memory grow (436 MB), so it stays at 10,000 for the youngest only.

The middle and oldest thresholds (3, 1,000) come from the long document
(``benchmarks/long_paints.py``, a key every 0.15 s while 230 sections are
built): with (10, 10) a middle pass held up to 100,000 objects and took 30-90 ms,
and a full pass of 130-450 ms landed under a key in most runs of eight
documents; with (3, 1,000) no pass took over 45 ms in 50 documents. A full
pass then comes from the idle collector (below) long before Python's own.

A full collection still comes every ten passes of the middle generation, and
what it costs grows with what was built since start-up: a long document read
and left (its widgets are freed only by a full pass) made one of them pause the
app 0.3 s at a random moment. ``collect_if_due`` runs that pass early, when the
app has been idle a moment (``companion.screens.idle_collector``), once
``IDLE_DUE`` middle passes have run since the last full one, so the full
passes that reach a key press are few.

The C allocator (glibc's malloc) keeps the pages of memory freed by large
one-off jobs (opening ten years of records, reading every year's reviews for
the glossary's history in a thread) and the process's RSS stays that much
higher for good. ``release_free_memory`` hands those free pages back
(``malloc_trim``); it is called once start-up is tuned and after such a job,
at times the app is idle, and does nothing where glibc is not the allocator.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

THRESHOLDS: tuple[int, int, int] | None = (10_000, 3, 1_000)
"""Collector thresholds to set after start-up; None keeps Python's (700, 10, 10)."""

IDLE_DUE = 2
"""Middle-generation passes since the last full one that make an idle-time full pass due."""

ENABLED = True
"""Benchmarks set this False to measure Python's defaults."""

TRIM = True
"""Benchmarks set this False to measure without ``release_free_memory``."""

_tuned = False
_trim: Callable[[int], int] | None = None
_looked_up = False


def _malloc_trim() -> Callable[[int], int] | None:
    """Return glibc's ``malloc_trim`` (looked up once), or None where there is none."""
    global _trim, _looked_up
    if not _looked_up:
        _looked_up = True
        import ctypes  # here, not at the top: the curriculum load imports this module
        import platform

        if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
            try:
                function = ctypes.CDLL(None).malloc_trim
            except (OSError, AttributeError):
                return None
            function.argtypes = [ctypes.c_size_t]
            function.restype = ctypes.c_int
            _trim = function
    return _trim


def release_free_memory() -> bool:
    """Hand the C allocator's free pages back to the system; return whether it could.

    Only with glibc (Linux): elsewhere, or when ``TRIM`` is off, nothing is done.
    Measured at ten years: 13 ms after start-up (RSS 130 -> 115 MB), 1-2 ms later.
    """
    trim = _malloc_trim() if TRIM else None
    if trim is None:
        return False
    trim(0)
    return True


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, then put it back as it was.

    For a bounded job that builds a large structure it keeps (the curriculum
    load): every pass during it walks the growing structure and frees nothing
    that reference counting does not free anyway. Measured on the shipped
    curriculum plus 500 lessons, in a fresh process: 30 collections, 25-30 ms
    of a 420 ms parse. Left on when it was off; while the body runs (in a
    thread, say) no collection runs in the rest of the process either.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def tune_after_start() -> bool:
    """Freeze what start-up built (and set ``THRESHOLDS``, if any), once per process.

    Return whether it did anything now (False when disabled or already done:
    a process running many apps, such as the test suite, freezes only once).
    """
    global _tuned
    if _tuned or not ENABLED:
        return False
    _tuned = True
    gc.collect()
    gc.freeze()
    if THRESHOLDS is not None:
        gc.set_threshold(*THRESHOLDS)
    release_free_memory()
    return True


def collect_if_due(*, left_behind: bool = False) -> bool:
    """Run a full collection now if one is due (call it when nobody is typing).

    Only once start-up has been tuned (``tune_after_start``), and only when
    ``IDLE_DUE`` middle-generation passes have run since the last full one, or
    when the caller knows that a large structure was ``left_behind`` (a screen
    closed for good: its widgets, kept alive long enough to reach the oldest
    generation, are freed by no other pass); return whether it ran.
    """
    if not _tuned or (gc.get_count()[2] < IDLE_DUE and not left_behind):
        return False
    gc.collect()
    release_free_memory()
    return True
