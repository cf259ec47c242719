"""Open the journal, log, glossary and curriculum in a real terminal (tmux, 100x30) and time them.

The tmux variant of ``keys.py``: ``companion --data-dir`` runs in a private tmux
server on the demo pair or on ten heavy years (``heavy.py``); each round sends
``j``, ``l``, ``g`` and ``c`` (journal, log, glossary, curriculum), moves the
cursor and goes back with Escape. After each key the pane is captured every few
ms: *data* is when the screen shows its first data (the table's first row under
its column labels, the curriculum's lessons), *settled* when the pane last
changed before staying the same for ``QUIET`` seconds. Median and p95 per action,
and the program's RSS after start-up and at the end.

    python benchmarks/keys_tmux.py [--sizes demo heavy] [--rounds 30] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heavy import demo_folder, heavy_folder
from tmuxclock import Tmux

QUIET = 0.3
"""Seconds without a change of the pane that count as settled."""

WINDOW = "companion"


def table_has_rows(*labels: str) -> Callable[[str], bool]:
    """Return a check: a line holds every label and the line under it holds a row."""

    def check(screen: str) -> bool:
        lines = screen.splitlines()
        for i, line in enumerate(lines[:-1]):
            if all(label in line for label in labels):
                return bool(lines[i + 1].strip())
        return False

    return check


def shows(*texts: str) -> Callable[[str], bool]:
    """Return a check: every text is on screen."""
    return lambda screen: all(t in screen for t in texts)


OPEN: dict[str, tuple[str, Callable[[str], bool]]] = {
    "j": ("journal", table_has_rows("Date", "Lessons", "Status")),
    "l": ("log", table_has_rows("Date", "Minutes", "Topic", "Kind")),
    "g": ("glossary", table_has_rows("Term", "Deck", "State")),
    "c": ("curriculum", shows("Curriculum", "├── ")),
}
DASHBOARD = shows("Dashboard")
ROUND = ["j", "Down", "Down", "Escape", "l", "Down", "Escape", "g", "Down", "Escape"]
ROUND += ["c", "Down", "Escape"]


def timed(
    tmux: Tmux, key: str, ready: Callable[[str], bool], timeout: float = 60
) -> tuple[float, float]:
    """Send ``key``; return (ms to ``ready``, ms to settled)."""
    before = tmux.screen(WINDOW)
    t0 = time.perf_counter()
    tmux.keys(WINDOW, key)
    first = None
    last_change, last = t0, before
    while True:
        screen = tmux.screen(WINDOW)
        now = time.perf_counter()
        if screen != last:
            last, last_change = screen, now
        if first is None and ready(screen):
            first = now
        if first is not None and now - last_change >= QUIET:
            return (first - t0) * 1000, (last_change - t0) * 1000
        if now - t0 > timeout:
            raise TimeoutError(f"{key}: not ready after {timeout} s; the screen was:\n{screen}")
        time.sleep(0.003)


def rss_of(tmux: Tmux) -> float:
    """The resident set size, in MB, of the program running in the pane (Linux)."""
    pid = tmux.run("display-message", "-p", "-t", WINDOW, "#{pane_pid}").strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(folder: Path, rounds: int) -> tuple[dict[str, list[tuple[float, float]]], list[float]]:
    """Start Companion on ``folder`` in tmux and time ``rounds`` rounds of opening screens.

    Also return its RSS after start-up and at the end.
    """
    companion = shutil.which("companion", path=str(Path(sys.executable).parent)) or "companion"
    tmux = Tmux(100, 30)
    times: dict[str, list[tuple[float, float]]] = {}
    rss: list[float] = []
    try:
        tmux.start(WINDOW, [companion, "--data-dir", str(folder)], env={"TERM": "xterm-256color"})
        tmux.wait_for(WINDOW, "Dashboard", timeout=120)
        time.sleep(2.0)  # the warm-up and the collector's tuning run after the first frame
        rss.append(rss_of(tmux))
        for _ in range(rounds):
            for key in ROUND:
                if key in OPEN:
                    name, ready = OPEN[key]
                elif key == "Escape":
                    name, ready = "back to the dashboard", DASHBOARD
                else:  # moving the cursor: keystrokes.py times that
                    timed(tmux, key, lambda _screen: True)
                    continue
                first, settled = timed(tmux, key, ready)
                times.setdefault(name, []).append((first, settled))
        rss.append(rss_of(tmux))
    finally:
        tmux.close()
    return times, rss


def p95(values: list[float]) -> float:
    """Return the 95th percentile of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(size: str, times: dict[str, list[tuple[float, float]]], rss: list[float]) -> None:
    """Print median and p95 of data and settled per action, and the RSS."""
    print(f"{size} (tmux 100x30): RSS {rss[0]:.0f} MB after start, {rss[-1]:.0f} MB at the end")
    for name, pairs in times.items():
        firsts = [p[0] for p in pairs]
        settled = [p[1] for p in pairs]
        print(
            f"  {name:22s} data median {statistics.median(firsts):7.1f} p95 {p95(firsts):7.1f}"
            f"   settled median {statistics.median(settled):7.1f} p95 {p95(settled):7.1f} ms"
            f"   n={len(pairs)}"
        )


def main() -> int:
    """Build the folders, run the rounds, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["demo", "heavy"], choices=["demo", "heavy"])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, 2 rounds")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 1
    scale, rounds = (0.1, 2) if args.quick else (1.0, args.rounds)
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="companion-tmux-")) / "data"
        if size == "demo":
            demo_folder(folder)
        else:
            heavy_folder(folder, scale)
        times, rss = run(folder, rounds)
        report(size if size == "demo" else f"ten heavy years x{scale:g}", times, rss)
        shutil.rmtree(folder.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
