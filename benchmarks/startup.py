"""Time from launch to the dashboard's own text, against a hello-world Textual app.

For each scale (``make_journal.py``: small is the demo pair, large ten heavy
years) writes the data into a temporary folder, then alternates: hello world,
Companion, hello world, Companion … in tmux at 100x30, each polled until its
text is on screen, after one untimed warm-up of each. For Companion two moments
are timed: the dashboard's frame (its panel titles) and the dashboard with the
pair's data in it. Prints the medians and the ratios to hello world.
Target: data on screen at most 1.8 times hello world (small), 2.2 times (large).

    python benchmarks/startup.py [--runs 9] [--scale small|large|both] [--quick] [--compare DIR]

Each instance is killed (tmux kill-session) and the next run starts only once it
has exited and released the data folder's lock.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxclock import Tmux, describe

HERE = Path(__file__).parent

EXIT_TIMEOUT = 30.0
"""Seconds a killed instance gets to exit and release the folder's lock."""


def pane_pid(tmux: Tmux, window: str) -> int | None:
    """Return the pid of the program running in ``window`` (None when tmux cannot say)."""
    out = tmux.run("display-message", "-p", "-t", window, "#{pane_pid}", check=False).strip()
    return int(out) if out.isdigit() else None


def lock_free(folder: Path) -> bool:
    """Return True when no process holds the data folder's lock (a non-blocking flock)."""
    try:
        fd = os.open(folder / ".lock", os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return True  # no lock file yet
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def stop(tmux: Tmux, window: str, folder: Path | None) -> None:
    """Kill ``window`` and wait until its program has exited and released ``folder``'s lock.

    Under load a killed instance can take seconds to save and exit; the next run
    must not start while it still holds the lock (it would be refused).
    """
    pid = pane_pid(tmux, window)
    tmux.kill(window)
    deadline = time.monotonic() + EXIT_TIMEOUT
    while time.monotonic() < deadline:
        alive = False
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, 0)
                alive = True
        if not alive and (folder is None or lock_free(folder)):
            return
        time.sleep(0.02)
    raise TimeoutError(f"the program in {window} did not exit within {EXIT_TIMEOUT:.0f} s")


def measure(
    folder: Path, runs: int, warmup: int, compare: Path | None = None
) -> dict[str, list[float]]:
    """Alternate hello world and Companion on ``folder``; return the times of each moment.

    With ``compare`` (a checkout's source folder, e.g. ``git archive main``) a third
    program joins the rotation: that checkout's Companion, on the same folder.
    """
    # -P: the working directory is not on sys.path, so PYTHONPATH picks the checkout.
    command = [sys.executable, "-P", "-m", "companion.cli", "--data-dir", str(folder)]
    programs: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
        "hello world": ([sys.executable, str(HERE / "hello_app.py")], {}, ["hello world"]),
        "companion": (command, {}, ["dashboard frame", "dashboard with data"]),
    }
    if compare is not None:
        programs["old companion"] = (
            command,
            {"PYTHONPATH": str(compare)},
            ["old: dashboard frame", "old: dashboard with data"],
        )
    texts = {
        "hello world": "Hello from Textual",
        "dashboard frame": "Our rhythm",
        "dashboard with data": "Next session:",
    }
    times: dict[str, list[float]] = {
        label: [] for _command, _env, labels in programs.values() for label in labels
    }
    tmux = Tmux(100, 30)
    try:
        for round_number in range(warmup + runs):
            for name, (argv, env, labels) in programs.items():
                window = f"r{round_number}-{name.replace(' ', '-')}"
                started = tmux.start(window, argv, env=env)
                seen = {
                    label: tmux.wait_for(window, texts[label.removeprefix("old: ")])
                    for label in labels
                }
                stop(tmux, window, None if name == "hello world" else folder)
                if round_number >= warmup:
                    for label, when in seen.items():
                        times[label].append(when - started)
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
    parser.add_argument(
        "--compare",
        type=Path,
        help="also time the Companion in this source folder (alternating), e.g. git archive main",
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
        times = measure(folder, runs, warmup, args.compare)
        print(f"scale {scale}:")
        for name, values in times.items():
            print("  " + describe(name, values))
        hello = statistics.median(times["hello world"])
        for label in [t for t in times if t != "hello world"]:
            ratio = statistics.median(times[label]) / hello
            print(f"  ratio {label} / hello world: {ratio:.2f}")
        print(f"  target for data on screen: at most {targets[scale]} times hello world")
    return 0


if __name__ == "__main__":
    sys.exit(main())
