"""Peak memory (RSS) of Companion on ten heavy years, against a hello-world Textual app.

Each program runs in its own child process, headless through Textual's Pilot:
Companion opens on the data, waits for its warm-up, visits every screen twice
(every one the palette lists, a lesson, a review and the help; a glance of
``GLANCE`` seconds at the dashboard between two), then presses
Tab 200 times on the dashboard; hello world just starts. The child's peak
resident set size is read from ``getrusage``, and the child prints its RSS after
start-up, after the visits and after the Tabs. Targets: at most 150 MB, and
the Tabs add at most 10 MB.

    python benchmarks/memory.py [--quick] [--folder DIR] [--tabs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent

GLANCE = 1.0
"""Seconds spent on the dashboard between two screens (a person's glance, not a reading)."""


def rss_now() -> float:
    """This process's resident set size now, in MB (Linux)."""
    import resource

    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


async def visit(folder: Path, tabs: int) -> None:
    """Open the app on ``folder``, visit every screen twice, then press Tab ``tabs`` times.

    Prints the RSS after start-up, after the visits and after the Tabs (one
    ``rss <when> <MB>`` line each), for the parent to report.
    """
    from companion.cli import make_app
    from companion.screens.registry import SCREENS
    from companion.screens.review import ReviewScreen

    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2000):
            if app.programme.ready:
                break
            await pilot.pause(0.005)
        while not app.warm_up.done:
            await pilot.pause(0.05)
        await pilot.pause(0.6)
        print(f"rss start {rss_now():.1f}", flush=True)
        lesson = app.programme.curriculum.ordered_lessons()[-1].id
        targets = [name for name in SCREENS if name != "dashboard"]
        for _ in range(2):
            for target in targets:
                app.navigator.open_target(target)
                await pilot.pause(0.2)
                await _back_to_dashboard(pilot, GLANCE)
            app.navigator.open_lesson(lesson)
            await pilot.pause(0.5)
            await _back_to_dashboard(pilot, GLANCE)
            app.push_screen(ReviewScreen(app.programme, "mentee"))
            await pilot.pause(0.2)
            await _back_to_dashboard(pilot, GLANCE)
            await pilot.press("f1")
            await pilot.pause(0.2)
            await _back_to_dashboard(pilot, GLANCE)
        await pilot.pause(2.0)  # time for the idle-time collection (as a person reads)
        print(f"rss screens {rss_now():.1f}", flush=True)
        for _ in range(tabs):
            await pilot.press("tab")
        await pilot.pause(2.0)
        print(f"rss tabs {rss_now():.1f}", flush=True)


async def _back_to_dashboard(pilot: object, glance: float = 0.0) -> None:
    """Escape (a few times if a search box or dialog is in the way) to the dashboard.

    Then wait ``glance`` seconds there, as a person looks at the dashboard
    before the next key (the app collects what a closed screen left then).
    """
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(4):
        if type(app.screen).__name__ == "DashboardScreen":
            await pilot.pause(glance)  # type: ignore[attr-defined]
            return
        await pilot.press("escape")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
    if type(app.screen).__name__ != "DashboardScreen":
        raise SystemExit(f"could not leave {type(app.screen).__name__}")


async def hello() -> None:
    """Start the hello-world app."""
    sys.path.insert(0, str(HERE))
    from hello_app import Hello

    async with Hello().run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)


def peak_of(args: list[str]) -> tuple[float, dict[str, float]]:
    """Run this script as a child with ``args``; return its peak RSS in MB and what it printed."""
    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    printed = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the {args[1]} child failed ({child.returncode})")
    rss = {
        line.split()[1]: float(line.split()[2])
        for line in printed.splitlines()
        if line.startswith("rss ")
    }
    return usage.ru_maxrss / 1024, rss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the demo pair instead")
    parser.add_argument("--folder", type=Path, help="an existing folder from make_journal.py")
    parser.add_argument("--tabs", type=int, default=200, help="Tabs on the dashboard at the end")
    parser.add_argument("--child", choices=("companion", "hello"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "companion":
        asyncio.run(visit(args.folder, args.tabs))
        return 0
    if args.child == "hello":
        asyncio.run(hello())
        return 0
    folder = args.folder
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="companion-rss-")) / "data"
        scale = "small" if args.quick else "large"
        command = [sys.executable, str(HERE / "make_journal.py"), "--scale", scale, str(folder)]
        subprocess.run(command, check=True, capture_output=True)
    hello_mb, _ = peak_of(["--child", "hello"])
    child = ["--child", "companion", "--folder", str(folder), "--tabs", str(args.tabs)]
    companion_mb, rss = peak_of(child)
    print(f"data: {folder}")
    print(f"peak RSS hello world:  {hello_mb:6.1f} MB")
    print(f"peak RSS companion:    {companion_mb:6.1f} MB (target: at most 150 MB)")
    print(
        f"RSS after start-up {rss['start']:.1f} MB; after every screen twice "
        f"{rss['screens']:.1f} MB (target: at most 150); after {args.tabs} Tabs "
        f"{rss['tabs']:.1f} MB ({rss['tabs'] - rss['screens']:+.1f}; target: at most +10)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
