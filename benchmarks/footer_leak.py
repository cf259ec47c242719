"""Minimal reproduction: Textual's Footer leaves its old keys behind on every focus change.

A screen with a Footer and several Inputs (each with its own binding, so the
footer's keys change with focus) is driven through Pilot: N presses of Tab,
counting live ``FooterKey`` objects (``gc.get_objects``) and the RSS before and
after. ``--fixed`` uses Companion's footer (``companion.widgets.footer``) instead;
when a Textual release makes both columns flat, the workaround can go.

    python benchmarks/footer_leak.py [--tabs 200] [--fixed] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey


class KeyedInput(Input):
    """An Input whose binding shows in the footer only while it has focus."""

    BINDINGS = [Binding("ctrl+y", "noop", "Copy this field")]

    def action_noop(self) -> None:
        """Do nothing; the binding is only there to change the footer."""


def rss_mb() -> float:
    """The process's resident set size now, in MB (from /proc; peak elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def live_footer_keys() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey))


def make_app(footer: type[Footer]) -> App[None]:
    class LeakApp(App[None]):
        BINDINGS = [Binding("ctrl+q", "quit", "Quit"), Binding("f2", "noop", "Other")]

        def compose(self) -> ComposeResult:
            yield Input(placeholder="plain")
            for n in range(3):
                yield KeyedInput(placeholder=f"keyed {n}")
            yield footer()

        def action_noop(self) -> None:
            """Nothing."""

    return LeakApp()


async def run(footer: type[Footer], tabs: int) -> tuple[int, int, float, float]:
    app = make_app(footer)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(8):  # warm up: every widget has had focus once
            await pilot.press("tab")
        await pilot.pause(0.1)
        keys0, rss0 = live_footer_keys(), rss_mb()
        for _ in range(tabs):
            await pilot.press("tab")
            await pilot.pause()
        await pilot.pause(0.2)
        return keys0, live_footer_keys(), rss0, rss_mb()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=200)
    parser.add_argument("--fixed", action="store_true", help="Companion's footer instead")
    parser.add_argument("--quick", action="store_true", help="20 tabs, both footers")
    args = parser.parse_args()
    from companion.widgets.footer import KeysFooter

    footers: list[type[Footer]] = [KeysFooter] if args.fixed else [Footer]
    tabs = args.tabs
    if args.quick:
        footers, tabs = [Footer, KeysFooter], 20
    for footer in footers:
        keys0, keys1, rss0, rss1 = asyncio.run(run(footer, tabs))
        print(
            f"{footer.__module__}.{footer.__name__}: {tabs} Tabs: FooterKey objects"
            f" {keys0} -> {keys1}, RSS {rss0:.1f} -> {rss1:.1f} MB ({rss1 - rss0:+.1f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
