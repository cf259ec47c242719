"""Time from launch to the dashboard's own text, against a hello-world Textual app.

For each scale (``make_journal.py``: small is the demo pair, large ten heavy
years) writes the data into a temporary folder, then alternates: hello world,
Companion, hello world, Companion … in tmux at 100x30, each polled until its
text is on screen, after one untimed warm-up of each. For Companion two moments
are timed: the dashboard's frame (its panel titles) and the dashboard with the
pair's data in it. Prints the medians and the ratios to hello world.
Target: data on screen at most 1.8 times hello world (small), 2.2 times (large).

    python benchmarks/startup.py [--runs 9] [--scale small|large|both] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxclock import Tmux, describe

HERE = Path(__file__).parent


def measure(folder: Path, runs: int, warmup: int) -> dict[str, list[float]]:
    """Alternate hello world and Companion on ``folder``; return the times of each moment."""
    programs = {
        "hello world": ([sys.executable, str(HERE / "hello_app.py")], ["Hello from Textual"]),
        "companion": (
            [sys.executable, "-m", "companion.cli", "--data-dir", str(folder)],
            ["Our rhythm", "Next session:"],
        ),
    }
    labels = {
        "Hello from Textual": "hello world",
        "Our rhythm": "dashboard frame",
        "Next session:": "dashboard with data",
    }
    times: dict[str, list[float]] = {label: [] for label in labels.values()}
    tmux = Tmux(100, 30)
    try:
        for round_number in range(warmup + runs):
            for name, (command, texts) in programs.items():
                window = f"r{round_number}-{name.split()[0]}"
                started = tmux.start(window, command)
                seen = {text: tmux.wait_for(window, text) for text in texts}
                tmux.kill(window)
                if round_number >= warmup:
                    for text, when in seen.items():
                        times[labels[text]].append(when - started)
    finally:
        tmux.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--scale", choices=("small", "large", "both"), default="both")
    parser.add_argument(
        "--quick", action="store_true", help="the small scale, one timed run, no warm-up"
    )
    args = parser.parse_args()
    runs, warmup = (1, 0) if args.quick else (args.runs, 1)
    scales = (
        ["small"] if args.quick else (["small", "large"] if args.scale == "both" else [args.scale])
    )
    targets = {"small": 1.8, "large": 2.2}
    for scale in scales:
        folder = Path(tempfile.mkdtemp(prefix="companion-startup-")) / "data"
        command = [sys.executable, str(HERE / "make_journal.py"), "--scale", scale, str(folder)]
        subprocess.run(command, check=True, capture_output=True)
        times = measure(folder, runs, warmup)
        print(f"scale {scale}:")
        for name, values in times.items():
            print("  " + describe(name, values))
        hello = statistics.median(times["hello world"])
        for label in ("dashboard frame", "dashboard with data"):
            ratio = statistics.median(times[label]) / hello
            print(f"  ratio {label} / hello world: {ratio:.2f}")
        print(f"  target for data on screen: at most {targets[scale]} times hello world")
    return 0


if __name__ == "__main__":
    sys.exit(main())
