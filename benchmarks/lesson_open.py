"""Time from the key press that opens the longest lesson to its text on screen.

Writes the demo pair into a temporary folder, starts Companion in tmux at
100x30, opens the curriculum, moves the cursor to the longest shipped lesson,
then times Enter until the lesson's first words are on screen. With
``--compare`` it also times Textual's plain ``MarkdownViewer`` showing the same
lesson from launch, for reference. Target: at most 0.3 s.

    python benchmarks/lesson_open.py [--runs 9] [--quick] [--compare]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxclock import Tmux, describe

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="one timed run, no warm-up")
    parser.add_argument("--compare", action="store_true", help="also time a plain MarkdownViewer")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
