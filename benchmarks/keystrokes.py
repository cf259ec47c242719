"""Keystroke latency at ten heavy years, through Textual's Pilot (headless, 100x30).

Three keys are timed, each from the key press until the app has handled it and
its screen shows the result (and the app is idle again):

- review: the answer key ("3") until the next card is shown and the answer saved
  (and, separately, until the next card is drawn: the moment the save starts);
- glossary search: one character typed in the search box until the table is filtered
  (``--cards N`` first adds own cards until the glossary holds about N: issue 17's
  target is at most 100 ms per keystroke at 20,000 cards);
- dashboard to journal: "j" on the dashboard until the journal's table is filled.

Prints p50 and p95 of each. Target: p95 at most 30 ms. Headless, so the time
to write to a real terminal is not included.

    python benchmarks/keystrokes.py [--runs 40] [--quick] [--folder DIR] [--cards 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(name: str, values: list[float]) -> str:
    """One line: p50 and p95 in milliseconds."""
    return (
        f"{name:34s} p50 {statistics.median(values):6.1f} ms   "
        f"p95 {percentile(values, 0.95):6.1f} ms   ({len(values)} presses)"
    )


def make_data(scale: str) -> Path:
    """Write a data set of ``scale`` (small or large) into a new folder."""
    folder = Path(tempfile.mkdtemp(prefix="companion-keys-")) / "data"
    command = [sys.executable, str(HERE / "make_journal.py"), "--scale", scale, str(folder)]
    subprocess.run(command, check=True, capture_output=True)
    return folder


def add_cards(folder: Path, total: int) -> int:
    """Add generated own cards to ``folder`` until the glossary holds about ``total``."""
    from companion.domain.cards import Card
    from companion.programme.core import Programme

    words = ["network", "term", "ledger", "margin", "stream", "pivot", "churn", "brand"]
    with Programme.opened(folder, backup=False) as programme:
        have = len(programme.cards.all())
        extra = [
            Card(
                id=f"bench-{i}",
                term=f"{words[i % 8].title()} {words[(i * 3) % 8]} {i}",
                definition=f"What {words[(i * 5) % 8]} {i} means, in a sentence or two.",
                example=f"An example with {words[(i * 7) % 8]} number {i}.",
                tags=[words[i % 8]],
                deck=f"bench-{i % 12}",
                audience="mentee" if i % 2 else "mentor",
            )
            for i in range(max(0, total - have))
        ]
        programme.store.cards.put_cards(extra)
        return len(programme.cards.all())


async def measure(folder: Path, runs: int) -> dict[str, list[float]]:
    """Drive the app on ``folder`` and time the three keys."""
    from companion.cli import make_app
    from companion.screens.glossary import GlossaryScreen
    from companion.screens.journal import JournalScreen
    from companion.screens.review import ReviewScreen

    app = make_app(folder)
    times: dict[str, list[float]] = {"review answer to next card": []}
    times["review answer to next card drawn"] = []
    times["glossary search character"] = []
    times["dashboard to journal"] = []
    async with app.run_test(size=(100, 30)) as pilot:

        async def until(check: Callable[[], bool]) -> None:
            for _ in range(20_000):
                if check():
                    return
                await asyncio.sleep(0.0005)
            raise TimeoutError("the app did not get there")

        async def timed(key: str, check: Callable[[], bool], into: str) -> None:
            started = time.perf_counter()
            await pilot.press(key)
            await until(check)
            await pilot.pause()
            times[into].append((time.perf_counter() - started) * 1000)

        await until(lambda: app.programme.ready)
        await pilot.pause(0.6)  # past the idle-time warm-up the app does after start

        for _ in range(runs):
            await timed("j", lambda: isinstance(app.screen, JournalScreen), "dashboard to journal")
            await pilot.press("escape")
            await until(lambda: not isinstance(app.screen, JournalScreen))

        app.navigator.open_target("cards")
        await until(lambda: isinstance(app.screen, GlossaryScreen))
        await pilot.pause()
        await pilot.press("slash")
        text = "termnetworkdefinition"
        for number in range(runs):
            char = text[number % len(text)]
            if number % 6 == 0:
                app.screen.query_one("#search").value = ""  # type: ignore[attr-defined]
                await pilot.pause()
            await timed(char, lambda: True, "glossary search character")
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await until(lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.queue))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        drawn: list[float] = []
        save = getattr(screen, "save_pending", None)  # absent before the save came after the draw
        if save is not None:

            def saving(**kwargs: bool) -> bool:
                if screen._pending is not None:
                    drawn.append(time.perf_counter())  # the next card is on screen
                return save(**kwargs)

            screen.save_pending = saving  # type: ignore[method-assign]
        for _ in range(runs):
            if screen.position >= len(screen.queue):
                break
            await pilot.press("space")
            await until(lambda: screen.revealed)
            position = screen.position
            drawn.clear()
            started = time.perf_counter()
            await timed(
                "3",
                lambda p=position: screen.position > p and not screen.revealed,  # type: ignore[misc]
                "review answer to next card",
            )
            if drawn:
                times["review answer to next card drawn"].append((drawn[0] - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--quick", action="store_true", help="the demo pair, 3 presses")
    parser.add_argument("--folder", type=Path, help="an existing folder from make_journal.py")
    parser.add_argument("--cards", type=int, help="add own cards until the glossary has this many")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    folder = args.folder or make_data("small" if args.quick else "large")
    if args.cards:
        print(f"glossary: {add_cards(folder, args.cards)} cards")
    times = asyncio.run(measure(folder, runs))
    print(f"data: {folder}")
    for name, values in times.items():
        if values:
            print(report(name, values))
    worst = max(percentile(v, 0.95) for v in times.values() if v)
    print(f"worst p95: {worst:.1f} ms (target: at most 30 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
