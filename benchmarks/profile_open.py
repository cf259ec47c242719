"""Profile opening each screen by key at ten heavy years (cProfile, key press to settled).

    python benchmarks/profile_open.py [--keys j l g c] [--rounds 2] [--top 25] [--scale 1]
        [--quick]

For each key and round it prints the wall time from the press to settled
(Pilot's idle) and, with ``--top``, the costliest functions of that open by
cumulative time. A tool for finding what to fix, not a figure for
BENCHMARKS.md (the profiler slows everything down).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heavy import NOW, heavy_folder

from companion.cli import make_app

SORT = "cumulative"


async def drive(folder: Path, keys: list[str], rounds: int, top: int) -> None:
    app = make_app(folder, now=NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        while type(app.screen).__name__ != "DashboardScreen" or not app.programme.ready:
            await pilot.pause(0.05)
        await pilot.pause(1.0)
        for r in range(rounds):
            for key in keys:
                profile = cProfile.Profile()
                t0 = time.perf_counter()
                profile.enable()
                await pilot.press(key)
                await pilot.wait_for_scheduled_animations()
                await pilot.pause()
                profile.disable()
                ms = (time.perf_counter() - t0) * 1000
                print(f"round {r} {key!r} -> {type(app.screen).__name__}: {ms:.0f} ms")
                if top:
                    out = io.StringIO()
                    pstats.Stats(profile, stream=out).sort_stats(SORT).print_stats(top)
                    print(out.getvalue())
                await pilot.press("escape")
                await pilot.pause()
                if type(app.screen).__name__ != "DashboardScreen":
                    await pilot.press("escape")
                    await pilot.pause()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", nargs="+", default=["j", "l", "g", "c"])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, one round")
    args = parser.parse_args()
    if args.quick:
        args.scale, args.rounds, args.top = 0.1, 1, 5
    folder = Path(tempfile.mkdtemp(prefix="companion-profile-")) / "data"
    heavy_folder(folder, args.scale)
    asyncio.run(drive(folder, args.keys, args.rounds, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
