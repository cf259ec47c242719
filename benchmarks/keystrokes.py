"""Keystroke latency at ten heavy years, through Textual's Pilot (headless, 100x30).

Three keys are timed, each from the key press until the first frame that shows
the result (``paints.PaintClock``: the frame handed to the terminal driver),
and until the last frame before the app is idle again ("settled"):

- review: the answer key ("3") until the next card is on screen (the save
  follows it: "saved" is until the answer is written and the app idle);
- glossary search: one character typed in the search box until the table shows
  the cards for the new text (``--cards N`` first adds own cards until the
  glossary holds about N: issue 17's target is at most 100 ms per keystroke at
  20,000 cards);
- dashboard to journal: "j" on the dashboard until the journal's table is shown.

The same clock times a bare ``Input`` echoing a character (the floor). Prints
p50 and p95 of each. Target: p95 at most 30 ms. Headless, so the time to write
to a real terminal is not included. (Timing from ``pilot.press()`` to
``pilot.pause()`` returning, as this benchmark did before 2026-12-02, adds
Pilot's idle-detection sleeps: about 84 ms for the bare Input.)

    python benchmarks/keystrokes.py [--runs 40] [--quick] [--folder DIR] [--cards 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paints import PaintClock

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


async def floor(runs: int) -> list[float]:
    """A bare ``Input`` echoing one character: the same clock's floor."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = Bare()
    times: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        clock = PaintClock(app)
        box = app.query_one(Input)
        await pilot.pause(0.3)
        for number in range(runs):
            char = "abcdefgh"[number % 8]
            want = box.value + char
            started = clock.arm(lambda w=want: box.value == w)  # type: ignore[misc]
            await pilot.press(char)
            await pilot.pause()
            times.append(shown(clock, started))
    return times


def shown(clock: PaintClock, started: float) -> float:
    """The on-screen time of the last key (it must have been painted)."""
    at = clock.on_screen(started)
    if at is None:
        raise RuntimeError("the result was never painted")
    return at


async def measure(folder: Path, runs: int) -> dict[str, list[float]]:
    """Drive the app on ``folder`` and time the three keys."""
    from textual.widgets import DataTable, Input

    from companion.cli import make_app
    from companion.screens.glossary import GlossaryScreen
    from companion.screens.journal import JournalScreen
    from companion.screens.review import ReviewScreen

    app = make_app(folder)
    names = ["review answer to next card", "review answer saved", "glossary search character"]
    names += ["glossary search settled", "dashboard to journal", "dashboard to journal settled"]
    times: dict[str, list[float]] = {name: [] for name in names}
    async with app.run_test(size=(100, 30)) as pilot:
        clock = PaintClock(app)

        async def until(check: Callable[[], bool]) -> None:
            for _ in range(20_000):
                if check():
                    return
                await asyncio.sleep(0.0005)
            raise TimeoutError("the app did not get there")

        async def timed(key: str, check: Callable[[], bool], into: str, then: str) -> None:
            started = clock.arm(check)
            await pilot.press(key)
            await until(check)
            await pilot.pause()
            times[into].append(shown(clock, started))
            times[then].append(clock.settled(started) or 0.0)

        await until(lambda: app.programme.ready)
        while not app.warm_up.done:  # the user reads the dashboard while it prepares
            await pilot.pause(0.05)
        await pilot.pause(0.2)

        def journal_shown() -> bool:
            screen = app.screen
            return isinstance(screen, JournalScreen) and screen.query_one(DataTable).row_count > 0

        for _ in range(runs):
            await timed("j", journal_shown, "dashboard to journal", "dashboard to journal settled")
            await pilot.press("escape")
            await until(lambda: not isinstance(app.screen, JournalScreen))

        app.navigator.open_target("cards")
        await until(lambda: isinstance(app.screen, GlossaryScreen))
        await pilot.pause()
        await pilot.press("slash")
        glossary = app.screen
        assert isinstance(glossary, GlossaryScreen)
        search = glossary.query_one("#search", Input)

        def filtered() -> bool:
            shown_now = glossary._shown
            return shown_now is not None and shown_now[1].text == search.value

        text = "termnetworkdefinition"
        for number in range(runs):
            char = text[number % len(text)]
            if number % 6 == 0:
                search.value = ""
                await pilot.pause()
            await timed(char, filtered, "glossary search character", "glossary search settled")
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await until(lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.queue))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for _ in range(runs):
            if screen.position >= len(screen.queue):
                break
            await pilot.press("space")
            await until(lambda: screen.revealed)
            position = screen.position
            await timed(
                "3",
                lambda p=position: screen.position > p and not screen.revealed,  # type: ignore[misc]
                "review answer to next card",
                "review answer saved",
            )
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
    times["floor: bare Input echo"] = asyncio.run(floor(runs))
    print(f"data: {folder}")
    for name, values in times.items():
        if values:
            print(report(name, values))
    targets = ["review answer to next card", "glossary search character", "dashboard to journal"]
    worst = max(percentile(times[name], 0.95) for name in targets if times[name])
    print(f"worst p95: {worst:.1f} ms (target: at most 30 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
