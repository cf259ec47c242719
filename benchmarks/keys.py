"""Open the journal, log, glossary and curriculum and go back, timing each key through Pilot.

On the demo pair and on ten heavy years (``heavy.py``), Companion runs headless
at 100x30 under Textual's Pilot; each round presses ``j`` (journal), ``l``
(log), ``g`` (glossary) and ``c`` (curriculum), moves the cursor, and goes back
to the dashboard with Escape, plus a few Tabs. Moving the cursor in the
glossary is timed to the frame whose detail pane shows the card under it.
For every action it reports the time from the key press to the first frame
that shows the screen's data (its table has rows, the tree has lessons) and to
settled (the last frame painted before the app is idle; ``paints.PaintClock``),
median and p95; the RSS after start and at the end (the data folder is written
by a child process, so the RSS is the app's own); and every garbage
collection during the presses (``gc.callbacks``): how many of each generation,
the longest pause, and the pauses over 100 ms.
``--gc-defaults`` leaves Python's collector as it is (no ``companion.gc_tuning``).

    python benchmarks/keys.py [--sizes demo heavy] [--presses 200] [--gc-defaults]
        [--freeze-only] [--thresholds A B C] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heavy import NOW
from paints import PaintClock

import companion.gc_tuning
from companion.cli import make_app


def make_folder(folder: Path, size: str, scale: float) -> None:
    """Write the data folder in a child process, so the RSS measured is the app's own.

    Building ten years of records in this process left its memory scattered
    with what they allocated (about 20 MB of RSS the app never used).
    """
    here = str(Path(__file__).resolve().parent)
    build = "demo_folder(f)" if size == "demo" else f"heavy_folder(f, {scale!r})"
    script = (
        f"import sys; sys.path.insert(0, {here!r}); from pathlib import Path; "
        f"from heavy import demo_folder, heavy_folder; f = Path(sys.argv[1]); {build}"
    )
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True)


def rss_mb() -> float:
    """The resident set size now, in MB (Linux)."""
    import resource

    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


class GcPauses:
    """Every collection while recording: generation and duration in ms."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self.recording = False
        self._t0 = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
        elif self.recording:
            self.pauses.append((info["generation"], (time.perf_counter() - self._t0) * 1000))


def shows(screen_name: str, ready: Callable[[object], bool] = lambda s: True):
    def check(app) -> bool:
        screen = app.screen
        return type(screen).__name__ == screen_name and ready(screen)

    return check


def table_rows(screen) -> bool:
    from textual.widgets import DataTable

    tables = screen.query(DataTable)
    return bool(tables) and tables.first().row_count > 0


def tree_lessons(screen) -> bool:
    from textual.widgets import Tree

    trees = screen.query(Tree)
    return bool(trees) and bool(trees.first().root.children)


OPEN = {
    "j": ("journal", shows("JournalScreen", table_rows)),
    "l": ("log", shows("LogScreen", table_rows)),
    "g": ("glossary", shows("GlossaryScreen", table_rows)),
    "c": ("curriculum", shows("CurriculumScreen", tree_lessons)),
}


def detail_follows(screen) -> bool:
    """The glossary's detail pane shows the card under the cursor."""
    card = screen.selected()
    return screen._detail is not None and screen._detail[0] == (card.id if card else None)


MOVES = {"GlossaryScreen": ("moving in the glossary", shows("GlossaryScreen", detail_follows))}
"""``down`` on these screens is timed too, to the frame that shows what follows the cursor."""

ROUND = ["j", "down", "down", "escape", "l", "down", "escape", "g", "down", "down", "escape"]
ROUND += ["c", "down", "escape", "tab", "tab"]


async def timed_press(pilot, clock: PaintClock, key: str, ready) -> tuple[float, float]:
    """Press ``key``; return ms to the first frame showing ``ready(app)`` and to the last frame.

    The last frame is the last one painted before the app is idle again (Pilot's
    idle wait itself is not counted: ``paints.py``).
    """
    t0 = clock.arm(lambda: ready(pilot.app))
    task = asyncio.create_task(pilot.press(key))
    while clock.on_screen(t0) is None:
        if task.done() and time.perf_counter() - t0 > 30:
            raise RuntimeError(f"{key}: the screen never showed its data")
        await asyncio.sleep(0.001)
    await task
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    first = clock.on_screen(t0)
    settled = clock.settled(t0)
    assert first is not None and settled is not None
    return first, settled


async def drive(folder: Path, presses: int) -> dict[str, object]:
    app = make_app(folder, now=NOW)
    recorder = GcPauses()
    gc.callbacks.append(recorder)
    times: dict[str, list[tuple[float, float]]] = {}
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            clock = PaintClock(app)
            while not shows("DashboardScreen")(app) or not app.programme.ready:
                await pilot.pause(0.05)
            while not app.warm_up.done:  # the user reads the dashboard while it prepares
                await pilot.pause(0.05)
            await pilot.pause(0.2)
            rss_start = rss_mb()
            recorder.recording = True
            done = 0
            while done < presses:
                for key in ROUND:
                    if key in OPEN:
                        name, ready = OPEN[key]
                    elif key == "escape":
                        name, ready = "back to the dashboard", shows("DashboardScreen")
                    elif key == "down" and type(app.screen).__name__ in MOVES:
                        name, ready = MOVES[type(app.screen).__name__]
                    else:
                        name, ready = None, lambda _app: True
                    first, settled = await timed_press(pilot, clock, key, ready)
                    done += 1
                    while key == "escape" and not shows("DashboardScreen")(app):
                        await pilot.press("escape")  # from a search box: twice
                        done += 1
                    if name is not None:
                        times.setdefault(name, []).append((first, settled))
            recorder.recording = False
            rss_end = rss_mb()
    finally:
        gc.callbacks.remove(recorder)
    return {"times": times, "rss": (rss_start, rss_end), "gc": recorder.pauses, "presses": done}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(size: str, result: dict[str, object]) -> None:
    times = result["times"]
    rss_start, rss_end = result["rss"]
    pauses = result["gc"]
    print(
        f"{size}: {result['presses']} presses; RSS {rss_start:.0f} MB after start, "
        f"{rss_end:.0f} MB at the end"
    )
    for name, pairs in times.items():
        firsts = [p[0] for p in pairs]
        settled = [p[1] for p in pairs]
        print(
            f"  {name:22s} data median {statistics.median(firsts):7.1f} p95 {p95(firsts):7.1f}"
            f"   settled median {statistics.median(settled):7.1f} p95 {p95(settled):7.1f} ms"
        )
    by_gen = {g: [ms for gen, ms in pauses if gen == g] for g in (0, 1, 2)}
    longest = max((ms for _, ms in pauses), default=0.0)
    over = sum(1 for _, ms in pauses if ms > 100)
    counts = ", ".join(f"gen{g} {len(v)}" for g, v in by_gen.items())
    gen2 = max(by_gen[2], default=0.0)
    print(
        f"  gc: {counts}; longest pause {longest:.1f} ms (gen2 max {gen2:.1f}); {over} over 100 ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["demo", "heavy"], choices=["demo", "heavy"])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--gc-defaults", action="store_true", help="no companion.gc_tuning")
    parser.add_argument("--thresholds", type=int, nargs=3, help="instead of gc_tuning's")
    parser.add_argument("--freeze-only", action="store_true", help="freeze, Python's thresholds")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, 20 presses")
    args = parser.parse_args()
    scale, presses = (0.1, 20) if args.quick else (1.0, args.presses)
    if args.gc_defaults:
        companion.gc_tuning.ENABLED = False
    if args.thresholds:
        companion.gc_tuning.THRESHOLDS = tuple(args.thresholds)
    if args.freeze_only:
        companion.gc_tuning.THRESHOLDS = None
    tuning = "off (Python defaults)" if args.gc_defaults else f"on {companion.gc_tuning.THRESHOLDS}"
    print(f"gc tuning: {tuning}")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="companion-keys-")) / "data"
        make_folder(folder, size, scale)
        result = asyncio.run(drive(folder, presses))
        report(size if size == "demo" else f"ten heavy years x{scale:g}", result)
    print(f"gc thresholds at the end {gc.get_threshold()}, frozen {gc.get_freeze_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
