"""Peak memory (RSS) of Companion on ten heavy years, against a hello-world Textual app.

Each program runs in its own child process, headless through Textual's Pilot:
Companion opens on the data, then visits the journal, the mentoring log, the
glossary, a review and the curriculum; hello world just starts. The child's
peak resident set size is read from ``getrusage``. Target: at most 150 MB.

    python benchmarks/memory.py [--quick] [--folder DIR]
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


async def visit(folder: Path) -> None:
    """Open the app on ``folder`` and visit the heaviest screens."""
    from companion.cli import make_app
    from companion.screens.review import ReviewScreen

    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2000):
            if app.programme.ready:
                break
            await pilot.pause(0.005)
        await pilot.pause(0.6)
        for target in ("sessions", "log", "cards", "curriculum"):
            app.navigator.open_target(target)
            await pilot.pause(0.2)
            await pilot.press("escape")
            await pilot.pause()
        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await pilot.pause(0.2)


async def hello() -> None:
    """Start the hello-world app."""
    sys.path.insert(0, str(HERE))
    from hello_app import Hello

    async with Hello().run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)


def peak_of(args: list[str]) -> float:
    """Run this script as a child with ``args``; return that child's own peak RSS in MB."""
    child = subprocess.Popen([sys.executable, __file__, *args])
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the {args[1]} child failed ({child.returncode})")
    return usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the demo pair instead")
    parser.add_argument("--folder", type=Path, help="an existing folder from make_journal.py")
    parser.add_argument("--child", choices=("companion", "hello"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "companion":
        asyncio.run(visit(args.folder))
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
    hello_mb = peak_of(["--child", "hello"])
    companion_mb = peak_of(["--child", "companion", "--folder", str(folder)])
    print(f"data: {folder}")
    print(f"peak RSS hello world:  {hello_mb:6.1f} MB")
    print(f"peak RSS companion:    {companion_mb:6.1f} MB (target: at most 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
