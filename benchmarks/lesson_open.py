"""Time from the key press that opens the longest lesson to its text on screen.

Writes the demo pair into a temporary folder, starts Companion in tmux at
100x30, opens the curriculum, moves the cursor to the longest shipped lesson,
then times Enter until the lesson's first words are on screen. With
``--compare`` it also times Textual's plain ``MarkdownViewer`` showing the same
lesson from launch, for reference. Target: at most 0.3 s.

With ``--long`` it also opens a generated long document (230 sections, about
170 KB; ``long_app.py``) and times: Enter to the first words, how soon a key
press acts while the document is being built (a tick shown on screen, and
PageDown moving the text, sampled every 0.15 s), Enter to the whole document
built, and Escape back out, both while it is being built and once it is. With
``--compare`` the same is timed for Textual's ``MarkdownViewer``.
Targets: first words at most 0.3 s; every key press acts within 100 ms; the
whole document built no slower than ``MarkdownViewer``; Escape immediate.
(In a terminal a lone Escape reaches the app only after the escape delay,
50 ms in Companion and ``long_app.py``, ``companion/quick_escape.py``, so
that is the floor for Escape here; ``long_paints.py`` times the same keys
in-process, to the frame that shows each.)

The long document's keys are sent and watched through one tmux control-mode
client (``tmuxcontrol.py``): a key is a line written to it, and a text counts
as on screen from the moment tmux passed on the output that put it there, so
the figure is the app plus the terminal. With ``--polled`` they are sent with a
``tmux send-keys`` process and seen by a ``tmux capture-pane`` process every
4 ms, as the first part is: those processes run on the same cores as the app,
which then builds more slowly, and a frame already on the terminal was seen
30-45 ms later at worst (BENCHMARKS.md).

With ``--trace`` the long document's app writes what it did to a file
(``app_trace.py``), and the four slowest keys are split into their parts: sent
to read by the app's input thread, handed to the event loop, acted on, the
frame showing it made, written to the terminal, then seen.

    python benchmarks/lesson_open.py [--runs 9] [--quick] [--compare] [--long [--trace] [--polled]]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxclock import Polled, Tmux, describe
from tmuxcontrol import Watched

from companion.curriculum.sources import load_for

HERE = Path(__file__).parent


def longest_lesson() -> tuple[str, int, str]:
    """Return the longest lesson's id, its line in the curriculum tree, and its first words."""
    curriculum, _ = load_for(None)
    line = 0
    best: tuple[int, str, int] = (-1, "", 0)
    for module in curriculum.ordered_modules():
        line += 1  # the module's own row
        for lesson in curriculum.lessons_of(module.id):
            if len(lesson.body) > best[0]:
                best = (len(lesson.body), lesson.id, line)
            line += 1
    lesson = curriculum.lessons[best[1]]
    first_paragraph = next(
        p for p in lesson.body.split("\n\n") if p.strip() and not p.startswith("#")
    )
    words = re.sub(r"[*_`\[\]]|\(lesson:[^)]*\)", "", first_paragraph).split()[:3]
    return lesson.id, best[2], " ".join(words)


def wait_until_closed(folder: Path, timeout: float = 10.0) -> None:
    """Wait until no Companion holds ``folder`` (a stopped run saves before it exits)."""
    import fcntl

    lock = folder / ".lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not lock.exists():
            return
        with lock.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                time.sleep(0.05)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)
            return


KEYS: list[tuple[float, float, str, int, str]] = []
"""(seconds, pressed, key, tick, trace file) of every key timed while building, for ``--trace``."""


def long_run(
    tmux: Tmux, mode: str, number: int, timeout: float, trace: bool = False, polled: bool = False
) -> dict[str, list[float]]:
    """Open the long document once in ``mode``; return the figures of this run in seconds."""
    from long_app import FIRST_WORDS, LAST_WORDS

    figures: dict[str, list[float]] = {"first": [], "key": [], "page": [], "mounted": []}
    window = f"{mode}{number}"
    traced = f"{tempfile.gettempdir()}/companion-trace-{os.getpid()}-{window}.txt" if trace else ""
    env = {"LONG_APP_TRACE": traced} if trace else {}
    for name in ("LONG_APP_SWITCH", "LONG_APP_REFLOW", "LONG_APP_TIMER"):
        if name in os.environ:
            env[name] = os.environ[name]
    tmux.start(window, [sys.executable, str(HERE / "long_app.py"), mode], env=env)
    watch = Polled(tmux, window) if polled else Watched(tmux, window)
    try:
        watch.wait_for("ready")
        time.sleep(0.3)
        opened = watch.keys("Enter")
        figures["first"].append(watch.wait_for(FIRST_WORDS, timeout=timeout) - opened)
        ticks = 0
        while True:
            if "MOUNTED" in watch.screen():
                figures["mounted"].append(time.perf_counter() - opened)
                break
            if time.perf_counter() - opened > timeout:
                break
            ticks += 1
            pressed = watch.keys("x")
            seen = watch.wait_for(f"tick {ticks}", timeout=timeout)
            figures["key"].append(seen - pressed)
            KEYS.append((seen - pressed, pressed, "x", ticks, traced))
            if ticks % 2 == 0:
                pressed, seen = _until_moved(watch, "PageDown", timeout)
                figures["page"].append(seen - pressed)
                KEYS.append((seen - pressed, pressed, "pagedown", 0, traced))
            time.sleep(0.15)
        pressed = watch.keys("End")
        figures["End to last words"] = [watch.wait_for(LAST_WORDS, timeout=timeout) - pressed]
        pressed = watch.keys("Escape")
        figures["escape (built)"] = [watch.wait_for("back 1", timeout=timeout) - pressed]
        watch.keys("Enter")
        watch.wait_for(FIRST_WORDS, timeout=timeout)
        time.sleep(0.5)
        pressed = watch.keys("Escape")
        figures["escape (building)"] = [watch.wait_for("back 2", timeout=timeout) - pressed]
    finally:
        watch.close()
        tmux.kill(window)
    return figures


def _until_moved(watch: Polled | Watched, key: str, timeout: float) -> tuple[float, float]:
    """Press ``key``; return when it was sent and when the screen changed after it."""
    before = watch.screen()
    pressed = watch.keys(key)
    return pressed, watch.wait_until(lambda screen: screen != before, timeout=timeout)


def _first(
    lines: list[tuple[float, str, str]], kind: str, after: float, detail: str | None
) -> float | None:
    """The time of the first trace line of ``kind`` (and ``detail``, if given) from ``after``."""
    return next((t for t, k, d in lines if k == kind and t >= after and detail in (None, d)), None)


def explain(worst: int = 4) -> None:
    """Split the ``worst`` slowest keys into what happened where, from the app's trace."""
    from app_trace import read_trace

    traces: dict[str, list[tuple[float, str, str]]] = {}
    for took, pressed, key, tick, path in sorted(KEYS, reverse=True)[:worst]:
        lines = traces.setdefault(path, read_trace(path))
        read = _first(lines, "read", pressed, key)
        event = _first(lines, "event", read, key) if read is not None else None
        acted = _first(lines, "tick", event, str(tick)) if event is not None and tick else event
        frame = _first(lines, "frame", acted, None) if acted is not None else None
        drawn = next((float(d) / 1000 for t, k, d in lines if k == "frame" and t == frame), 0.0)
        parts = [f"{key} {took * 1000:.0f} ms:"]
        for label, at in (("read", read), ("on the loop", event), ("acted", acted)):
            parts.append(f"{label} +{(at - pressed) * 1000:.0f}" if at is not None else "")
        if frame is not None:
            parts.append(f"its frame +{(frame - pressed) * 1000:.0f}")
            parts.append(f"queued +{(frame + drawn - pressed) * 1000:.0f}")
            flushed = [(t, d) for t, k, d in lines if k == "flush" and t >= frame]
            if flushed:
                at, detail = flushed[0]
                chars, ms = detail.split()
                parts.append(f"out +{(at + float(ms) / 1000 - pressed) * 1000:.0f} ({chars} chars)")
        print("  " + "  ".join(p for p in parts if p))
        for at, kind, detail in lines:
            if kind in ("gc", "slow") and pressed <= at <= pressed + took:
                print(f"      at +{(at - pressed) * 1000:.0f} ms {kind} {detail}")


def long_document(runs: int, compare: bool, trace: bool = False, polled: bool = False) -> None:
    """Time the generated long document in the lesson view (and MarkdownViewer)."""
    from long_app import long_document as generate

    text = generate()
    print(f"long document: {text.count(chr(10) + '## ')} sections, {len(text.encode()) // 1000} KB")
    how = "capture-pane polled every 4 ms" if polled else "tmux control mode"
    print(f"keys sent and seen through {how}")
    tmux = Tmux(100, 30)
    try:
        for mode in ["lesson", "viewer"] if compare else ["lesson"]:
            merged: dict[str, list[float]] = {}
            for number in range(runs):
                for key, values in long_run(tmux, mode, number, 300, trace, polled).items():
                    merged.setdefault(key, []).extend(values)
            for key, values in merged.items():
                if values:
                    print(describe(f"{mode}: {key}", values))
            if trace:
                print(f"{mode}: the slowest keys, from the app's trace (ms after sending):")
                explain()
            KEYS.clear()
    finally:
        tmux.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="one timed run, no warm-up")
    parser.add_argument("--compare", action="store_true", help="also time a plain MarkdownViewer")
    parser.add_argument("--long", action="store_true", help="also time a long generated document")
    parser.add_argument("--trace", action="store_true", help="--long: where slow keys went")
    parser.add_argument(
        "--polled", action="store_true", help="--long: poll capture-pane (the old way) to see keys"
    )
    args = parser.parse_args()
    runs, warmup = (1, 0) if args.quick else (args.runs, 1)
    lesson_id, line, words = longest_lesson()
    folder = Path(tempfile.mkdtemp(prefix="companion-lesson-")) / "data"
    subprocess.run(
        [sys.executable, "-m", "companion.cli", "demo", "--no-open", "--data-dir", str(folder)],
        check=True,
        capture_output=True,
    )
    tmux = Tmux(100, 30)
    opened: list[float] = []
    viewer: list[float] = []
    try:
        for number in range(warmup + runs):
            window = f"lesson{number}"
            tmux.start(window, [sys.executable, "-m", "companion.cli", "--data-dir", str(folder)])
            tmux.wait_for(window, "Next session:")
            tmux.keys(window, "c")
            tmux.wait_for(window, "done")
            time.sleep(0.5)  # the tree places its cursor after its first frame
            for _ in range(line):
                tmux.keys(window, "Down")
            time.sleep(0.4)  # let the cursor settle before timing
            started = time.perf_counter()
            tmux.keys(window, "Enter")
            seen = tmux.wait_for(window, words)
            tmux.kill(window)
            wait_until_closed(folder)
            if number >= warmup:
                opened.append(seen - started)
            if args.compare:
                window = f"viewer{number}"
                started = tmux.start(
                    window, [sys.executable, str(HERE / "viewer_app.py"), lesson_id]
                )
                seen = tmux.wait_for(window, words)
                tmux.kill(window)
                if number >= warmup:
                    viewer.append(seen - started)
    finally:
        tmux.close()
    print(f"longest lesson: {lesson_id} (first words: {words!r})")
    print(describe("key press to lesson text", opened))
    if viewer:
        print(describe("MarkdownViewer, from launch", viewer))
    print("target: at most 300 ms from the key press")
    if args.long:
        long_document(
            1 if args.quick else max(1, args.runs // 3), args.compare, args.trace, args.polled
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
