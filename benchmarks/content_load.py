"""Loading the curriculum: the shipped content plus 500 generated lessons of the user's own.

Writes a user content folder with one module of 500 lessons (each a copy of a
shipped lesson's body under a new id), then times ``load_for`` twice: a cold
parse of every file, and a start-up that finds a valid cache. Each is run in a
fresh process so imports (markdown-it, yaml) are counted. Also timed: the app's very
first start (every file parsed, then the cache and each file's record written) and a
start after one lesson was edited. Target: at most 300 ms.

    python benchmarks/content_load.py [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from companion.curriculum.locations import shipped_content_dir

CHILD = """
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from companion.curriculum.sources import load_for
cache = Path(sys.argv[2]) if sys.argv[2] != "-" else None
curriculum, problems = load_for(Path(sys.argv[1]), cache)
took = (time.perf_counter() - t0) * 1000
assert not problems, problems[:3]
print(f"{took:.1f} {len(curriculum.lessons)}")
"""


def write_user_content(folder: Path, count: int) -> None:
    """Write a module of ``count`` lessons under ``folder``."""
    shipped = shipped_content_dir()
    source = next(p for p in sorted(shipped.rglob("*.md")) if not p.name.startswith("_"))
    text = source.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    module = folder / "90-ours"
    module.mkdir(parents=True)
    (module / "_module.md").write_text(
        "---\nid: ours\ntitle: Our own lessons\norder: 90\nled_by: both\n"
        "summary: Lessons the pair wrote.\n---\nWhat we added.\n",
        encoding="utf-8",
    )
    lines = head.splitlines()
    for number in range(count):
        fields = []
        for line in lines:
            if line.startswith("id:"):
                line = f"id: our-lesson-{number}"
            elif line.startswith("title:"):
                line = f"title: Our lesson {number}"
            elif line.startswith("module:"):
                line = "module: ours"
            elif line.startswith("order:"):
                line = f"order: {number + 1}"
            fields.append(line)
        payload = "\n".join(fields) + "\n---\n" + body
        (module / f"{number:03d}-ours.md").write_text(payload, encoding="utf-8")


def run(user: Path, cache: str) -> tuple[float, int]:
    """Load in a fresh process; return milliseconds and the number of lessons."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(user), cache],
        check=True,
        capture_output=True,
        text=True,
    )
    took, lessons = result.stdout.split()
    return float(took), int(lessons)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="50 lessons, one run")
    args = parser.parse_args()
    count, runs = (50, 1) if args.quick else (500, args.runs)
    where = Path(tempfile.mkdtemp(prefix="companion-content-"))
    write_user_content(where / "content", count)
    cache = where / "cache.json"
    cold = [run(where / "content", "-") for _ in range(runs)]
    # The app's very first start: every file parsed, then the cache and the records written.
    first = [run(where / "content", str(where / f"first-{n}" / "cache.json")) for n in range(runs)]
    run(where / "content", str(cache))  # writes the cache
    warm = [run(where / "content", str(cache)) for _ in range(runs)]
    edited = []
    lesson = next((where / "content").rglob("*-ours.md"))
    for round_ in range(runs):
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(f"{text}\nEdited {round_}.\n", encoding="utf-8")
        edited.append(run(where / "content", str(cache)))
    lessons = cold[0][1]
    print(f"shipped curriculum + {count} user lessons = {lessons} lessons")
    print(f"  parse every file:           median {statistics.median(t for t, _ in cold):7.1f} ms")
    print(f"  first start, cache written: median {statistics.median(t for t, _ in first):7.1f} ms")
    print(f"  from the valid cache:       median {statistics.median(t for t, _ in warm):7.1f} ms")
    print(f"  after one edited file:      median {statistics.median(t for t, _ in edited):7.1f} ms")
    print("target: at most 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
