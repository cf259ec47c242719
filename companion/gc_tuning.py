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
"""

from __future__ import annotations

import gc

THRESHOLDS: tuple[int, int, int] | None = (10_000, 10, 10)
"""Collector thresholds to set after start-up; None keeps Python's (700, 10, 10)."""

ENABLED = True
"""Benchmarks set this False to measure Python's defaults."""

_tuned = False


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
    return True
