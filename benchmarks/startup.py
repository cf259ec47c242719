"""Time from launch to the dashboard's own text, against a hello-world Textual app.

Writes the demo pair into a temporary folder, then alternates: hello world,
Companion, hello world, Companion … in tmux at 100x30, each polled until its
text is on screen, after one untimed warm-up of each. Prints both medians and
the ratio. Target: Companion at most 2.0 times hello world.

    python benchmarks/startup.py [--runs 9] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxclock import Tmux, describe  # noqa: E402

HERE = Path(__file__).parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="one timed run of each, no warm-up")
    args = parser.parse_args()
    runs, warmup = (1, 0) if args.quick else (args.runs, 1)
    folder = Path(tempfile.mkdtemp(prefix="companion-startup-")) / "data"
    subprocess.run([sys.executable, "-m", "companion.cli", "demo", "--no-open", "--data-dir", str(folder)],
                   check=True, capture_output=True)
    programs = {
        "hello world": ([sys.executable, str(HERE / "hello_app.py")], "Hello from Textual"),
        "companion dashboard": ([sys.executable, "-m", "companion.cli", "--data-dir", str(folder)], "Our rhythm"),
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    tmux = Tmux(100, 30)
    try:
        for round_number in range(warmup + runs):
            for name, (command, text) in programs.items():
                window = f"r{round_number}-{name.split()[0]}"
                started = tmux.start(window, command)
                seen = tmux.wait_for(window, text)
                tmux.kill(window)
                if round_number >= warmup:
                    times[name].append(seen - started)
    finally:
        tmux.close()
    for name, values in times.items():
        print(describe(name, values))
    ratio = statistics.median(times["companion dashboard"]) / statistics.median(times["hello world"])
    print(f"ratio companion / hello world: {ratio:.2f} (target: at most 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
