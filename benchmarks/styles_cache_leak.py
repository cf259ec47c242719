"""Minimal reproduction: Textual keeps every removed widget's drawn lines (textual#6665).

A screen rebuilds a list of 40 labels N times through Pilot (each batch drawn,
then removed); it counts the ``StylesCache`` objects and ``Strip`` lines still
alive afterwards, and the RSS before and after. With Textual's own
``StylesCache.get_inner_outer`` (an ``lru_cache`` on the method, whose keys
hold the instance) up to 1,024 caches stay alive, each with the lines its
widget last drew. ``--fixed`` installs Companion's workaround
(``companion.widgets.styles_cache_fix``); when a Textual release makes both
columns flat, the workaround can go.

    python benchmarks/styles_cache_leak.py [--rebuilds 100] [--fixed] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from pathlib import Path

from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.strip import Strip
from textual.widgets import Label

sys.path.insert(0, str(Path(__file__).resolve().parent))
from footer_leak import rss_mb  # the same reading of the RSS as the other leak


class Rebuilt(App[None]):
    """A list of labels, rebuilt on demand."""

    def compose(self) -> ComposeResult:
        yield Vertical(id="list")


def alive() -> tuple[int, int]:
    """Live StylesCache objects and Strip lines, after a full collection."""
    gc.collect()
    objects = gc.get_objects()
    return (
        sum(type(o) is StylesCache for o in objects),
        sum(type(o) is Strip for o in objects),
    )


async def run(rebuilds: int) -> tuple[tuple[int, int], tuple[int, int], float, float]:
    """Rebuild the list ``rebuilds`` times; return (caches, lines) and RSS before and after."""
    app = Rebuilt()
    async with app.run_test(size=(80, 50)) as pilot:
        board = app.query_one("#list", Vertical)
        await board.mount_all(Label(f"card {n} of the first batch") for n in range(40))
        await pilot.pause()
        before, rss_before = alive(), rss_mb()
        for batch in range(rebuilds):
            await board.remove_children()
            await board.mount_all(Label(f"card {n} of batch {batch}") for n in range(40))
            await pilot.pause()
        return before, alive(), rss_before, rss_mb()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuilds", type=int, default=100)
    parser.add_argument("--fixed", action="store_true", help="with Companion's workaround")
    parser.add_argument("--quick", action="store_true", help="10 rebuilds, both ways")
    args = parser.parse_args()
    rebuilds = 10 if args.quick else args.rebuilds
    ways = [False, True] if args.quick else [args.fixed]
    for fixed in ways:
        if fixed:
            from companion.widgets import styles_cache_fix

            styles_cache_fix.install()
        (caches0, lines0), (caches1, lines1), rss0, rss1 = asyncio.run(run(rebuilds))
        name = "styles_cache_fix" if fixed else "Textual's own"
        print(
            f"{name}: {rebuilds} rebuilds of 40 labels: StylesCache {caches0} -> {caches1}, "
            f"lines {lines0} -> {lines1}, RSS {rss0:.1f} -> {rss1:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
