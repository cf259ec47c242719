"""Garbage collection for a long-lived interactive program (no textual here).

Python's default thresholds (700, 10, 10) run a full collection every few
hundred thousand allocations; with ten years of records in memory each full
pass walks every model and widget and pauses the app for 0.3-1.4 s, mostly in
the middle of a key press. Once start-up is done (the store open, the first
screen drawn, the warm-up imports loaded) ``tune_after_start`` moves everything
alive into the permanent generation (``gc.freeze``), so no collection walks it
again, and raises the thresholds so young collections are rarer and full ones
rarer still. Reference counting still frees almost everything at once; the
collector is only for cycles. Figures: ``benchmarks/keys.py`` (BENCHMARKS.md).
"""

from __future__ import annotations

import gc

THRESHOLDS: tuple[int, int, int] = (50_000, 50, 100)
"""Young collections every 50,000 net allocations; older ones far less often."""

ENABLED = True
"""Benchmarks set this False to measure Python's defaults."""

_tuned = False


def tune_after_start() -> bool:
    """Freeze what start-up built and set the thresholds, once per process.

    Return whether it did anything now (False when disabled or already done:
    a process running many apps, such as the test suite, freezes only once).
    """
    global _tuned
    if _tuned or not ENABLED:
        return False
    _tuned = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return True
