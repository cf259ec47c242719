"""The long document in-process: each key timed to the frame that shows its effect.

Runs ``long_app.py``'s app headless under Pilot (100x30, lesson view) and
uses :class:`paints.PaintClock`, so a figure is the time from the key press to
the first frame handed to the terminal driver that shows the key's effect (not
Pilot's idle wait, not a real terminal). Per run: Enter, then while the
document is being built a key every 0.15 s (``x`` updating the status line;
every other time also PageDown, shown when the view has moved), then Escape
once built and Escape half a second after a fresh open (each shown when the
first screen says ``back N``). It also watches the event loop: every callback
that holds it longer than 30 ms is counted, and the longest are named.

    python benchmarks/long_paints.py [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from long_app import LongApp
from paints import PaintClock

SLOW = 0.030
"""Event-loop callbacks longer than this (seconds) are recorded."""

TIMELINE: list[tuple[float, float, str]] = []
"""(start, seconds, what) of every slow callback, for ``--worst``."""

WORST: list[tuple[float, float, float, str]] = []
"""(ms, sent, shown, which key) of each key while building."""

TICKED: list[float] = []

GC_PAUSES: list[tuple[int, float]] = []
"""(generation, ms) of every garbage collection over 30 ms."""


def _gc_timer() -> Callable[[str, dict[str, int]], None]:
    started = [0.0]

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif (took := (time.perf_counter() - started[0]) * 1000) > SLOW * 1000:
            GC_PAUSES.append((info["generation"], took))

    return noted


PHASE = ["start"]
"""What the run is doing (slow callbacks are labelled with it)."""


class Sampler(threading.Thread):
    """Notes where the main thread is every 2 ms while a callback runs (``--profile``)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.main = threading.main_thread().ident
        self.samples: list[str] | None = None

    def run(self) -> None:
        while True:
            time.sleep(0.002)
            samples = self.samples
            frame = sys._current_frames().get(self.main or 0)
            if samples is None or frame is None:
                continue
            names, handling = [], ""
            while frame is not None:
                name = frame.f_code.co_filename
                if len(names) < 3 and any(
                    part in name for part in ("textual", "companion", "markdown_it", "rich")
                ):
                    names.append(f"{Path(name).stem}.{frame.f_code.co_name}")
                if frame.f_code.co_name == "_dispatch_message" and not handling:
                    message, pump = frame.f_locals.get("message"), frame.f_locals.get("self")
                    handling = f" [{type(message).__name__} to {type(pump).__name__}]"
                frame = frame.f_back
            samples.append(" < ".join(names) + handling)


@contextmanager
def slow_callbacks(into: list[tuple[float, str]], sampler: Sampler | None) -> Iterator[None]:
    """Record (seconds, what) for each event-loop callback longer than ``SLOW``."""
    original = asyncio.events.Handle._run

    def timed(handle: asyncio.events.Handle) -> None:
        if sampler is not None:
            sampler.samples = []
        started = time.perf_counter()
        original(handle)
        took = time.perf_counter() - started
        if took > SLOW:
            label = f"{PHASE[0]}: {_label(handle)}"
            if sampler is not None and sampler.samples:
                top = Counter(sampler.samples).most_common(3)
                label += "".join(f"\n        {n:3} x {where}" for where, n in top)
            into.append((took, label))
            TIMELINE.append((started, took, label))

    asyncio.events.Handle._run = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        asyncio.events.Handle._run = original  # type: ignore[method-assign]


def _label(handle: asyncio.events.Handle) -> str:
    callback = getattr(handle, "_callback", None)
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        return getattr(coro, "__qualname__", repr(coro))
    return getattr(callback, "__qualname__", repr(callback))


async def one_run(figures: dict[str, list[float]], quick: bool) -> None:
    """Open the long document once and add this run's times (ms) to ``figures``."""
    from textual.widgets import Static

    from companion.widgets.lesson_view import LessonView

    app = LongApp("lesson")
    import long_app

    if not hasattr(long_app.Document, "_ticked"):
        original = long_app.Document.action_tick

        def ticked(self: long_app.Document) -> None:
            TICKED.append(time.perf_counter())
            original(self)

        long_app.Document.action_tick = ticked  # type: ignore[method-assign]
        long_app.Document._ticked = True  # type: ignore[attr-defined]
    async with app.run_test(size=(100, 30)) as pilot:
        drawn: list[object] = [None]
        display = app._display

        def noting(screen: object, renderable: object) -> None:
            drawn[0] = screen
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = noting  # type: ignore[method-assign]
        clock = PaintClock(app)
        home = app.query_one("#home", Static)
        first = app.screen

        async def until(check: Callable[[], bool], timeout: float = 60.0) -> None:
            deadline = time.perf_counter() + timeout
            while not check():
                if time.perf_counter() > deadline:
                    raise TimeoutError("the app did not get there")
                await asyncio.sleep(0.001)

        async def shown(started: float) -> float:
            """Wait for the frame showing the effect; its time from ``started`` (ms)."""
            deadline = time.perf_counter() + 60
            while (at := clock.on_screen(started)) is None:
                if time.perf_counter() > deadline:
                    raise RuntimeError("the effect was never painted")
                await asyncio.sleep(0.001)
            return at

        await until(lambda: str(home.content) == "ready")
        await pilot.pause(0.3)
        PHASE[0] = "opening"
        started = clock.arm(lambda: app.screen is not home.screen and _built(app))
        send(app, "enter")
        figures["first words"].append(await shown(started))
        screen = app.screen
        view = screen.query_one(LessonView)
        status = screen.query_one("#status", Static)
        ticks = 0
        PHASE[0] = "building"
        while not view.complete or "MOUNTED" not in str(status.content):
            ticks += 1
            want = f"tick {ticks}"
            started = clock.arm(lambda w=want: w in str(status.content))  # type: ignore[misc]
            send(app, "x", "x")
            figures["key while building"].append(took := await shown(started))
            WORST.append((took, started, started + took / 1000, "key while building"))
            if ticks % 2 == 0:
                before = view.scroll_y
                started = clock.arm(lambda b=before: view.scroll_y != b)  # type: ignore[misc]
                send(app, "pagedown")
                figures["PageDown while building"].append(took := await shown(started))
                WORST.append((took, started, started + took / 1000, "PageDown while building"))
            await asyncio.sleep(0.15)
            if quick and ticks >= 4:
                break
        await until(lambda: view.complete, timeout=120)
        await pilot.pause(0.3)
        for label, wait in (("Escape, once built", 0.0), ("Escape, while building", 0.5)):
            if wait:
                # Opened again, a document having been left: the pass that made due runs now.
                started = clock.arm(lambda: app.screen is not home.screen and _built(app))
                send(app, "enter")
                figures["first words, opened again"].append(await shown(started))
                await until(lambda s=screen: app.screen is not s and app.screen is not first)  # type: ignore[misc]
                screen = app.screen
                await asyncio.sleep(wait)
            PHASE[0] = label
            want = f"back {app.backs + 1}"
            started = clock.arm(
                lambda w=want: drawn[0] is first and str(home.content) == w  # type: ignore[misc]
            )
            send(app, "escape")
            figures[label].append(await shown(started))
            # The next key on the first screen, sent as soon as it is back.
            want = f"home tick {app.home_ticks + 1}"
            started = clock.arm(lambda w=want: drawn[0] is first and str(home.content) == w)  # type: ignore[misc]
            send(app, "x", "x")
            figures["key right after Escape"].append(await shown(started))
            await pilot.pause(0.3)
            PHASE[0] = "idle"


def send(app: LongApp, key: str, char: str | None = None) -> None:
    """Hand ``key`` to the app as its terminal would, without Pilot's wait for idle."""
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


def _built(app: LongApp) -> bool:
    """Whether the current screen shows a built section of the document."""
    from companion.widgets.section_markdown import SectionMarkdown

    return any(widget.region.height for widget in app.screen.query(SectionMarkdown))


def describe(label: str, values: list[float]) -> str:
    """One line: median, max and count of ``values`` (ms)."""
    if not values:
        return f"{label:28} (none)"
    return (
        f"{label:28} median {statistics.median(values):7.1f} ms   "
        f"max {max(values):7.1f} ms   ({len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one short run")
    parser.add_argument("--profile", action="store_true", help="say where slow callbacks spend")
    parser.add_argument("--worst", action="store_true", help="what held the four slowest keys")
    args = parser.parse_args()
    names = ["first words", "first words, opened again", "key while building"]
    names += ["PageDown while building"]
    names += ["Escape, once built", "Escape, while building", "key right after Escape"]
    figures: dict[str, list[float]] = {name: [] for name in names}
    slow: list[tuple[float, str]] = []
    sampler = Sampler() if args.profile else None
    if sampler is not None:
        sampler.start()
    gc.callbacks.append(_gc_timer())
    with slow_callbacks(slow, sampler):
        for _ in range(1 if args.quick else args.runs):
            asyncio.run(one_run(figures, args.quick))
            # Each run stands for a fresh start of Companion, one app per process.
            # Here the finished run's app is left in reference cycles that only a
            # full pass frees, and that pass (80-90 ms) came in the next run at a
            # moment no real session has: gone before the next app starts.
            gc.collect()
    print("long document in-process (100x30; key to the frame showing it)")
    for name in names:
        print(describe(name, figures[name]))
    if args.worst:
        for took, sent, drawn, key in sorted(WORST, reverse=True)[:4]:
            if key == "key while building":
                handled = (next((t for t in TICKED if t >= sent), drawn) - sent) * 1000
                print(f"{key}, {took:.0f} ms (its action ran after {handled:.0f} ms);")
            else:
                print(f"{key}, {took:.0f} ms;")
            print("  slow callbacks from the key to its frame:")
            for at, seconds, label in TIMELINE:
                if at + seconds > sent and at < drawn:
                    start, long = (at - sent) * 1000, seconds * 1000
                    print(f"    at {start:+6.0f} ms, {long:5.0f} ms  {label}")
    pauses = ", ".join(f"gen{g} {ms:.0f} ms" for g, ms in GC_PAUSES) or "none"
    print(f"garbage collections over {SLOW * 1000:.0f} ms: {pauses}")
    print(f"event-loop callbacks over {SLOW * 1000:.0f} ms: {len(slow)}; the longest by phase:")
    phases: dict[str, list[tuple[float, str]]] = {}
    for took, label in slow:
        phases.setdefault(label.split(":")[0], []).append((took, label))
    for phase, entries in phases.items():
        print(f"  {phase}: {len(entries)}")
        for took, label in sorted(entries, reverse=True)[:3]:
            print(f"    {took * 1000:6.1f} ms  {label.split(': ', 1)[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
