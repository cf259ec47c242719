"""Time a streaming card import from an Anki notes export, and its peak memory.

Runs ``companion import-cards`` in a fresh process on a generated Anki notes
file (guid and notetype columns, HTML off) of N lines into an empty data
folder, and prints the wall time and the child's peak RSS. With two sizes it
also prints the growth ratio (linear: 50,000 rows take at most 12 times
5,000 rows). Targets: 50,000 lines in at most 10 s and 300 MB RSS.

    python benchmarks/import_cards.py [--rows 5000 50000] [--quick]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def anki_notes(rows: int) -> str:
    """An Anki "Notes in Plain Text" export with ``rows`` notes."""
    lines = [
        "#separator:tab",
        "#html:false",
        "#guid column:1",
        "#notetype column:2",
        "#tags column:5",
    ]
    for n in range(rows):
        lines.append(
            f"k{n:07d}x\tBasic\tTerm number {n}\tWhat term {n} means, in a plain sentence "
            f"a senior leader would use.\tbusiness deck{n % 7}"
        )
    return "\n".join(lines) + "\n"


def run(rows: int) -> tuple[float, float]:
    """Import ``rows`` notes in a child process; return seconds and peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "notes.txt"
        source.write_text(anki_notes(rows), encoding="utf-8")
        data = Path(tmp) / "data"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "companion.cli",
                "--data-dir",
                str(data),
                "import-cards",
                str(source),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            sys.exit(f"import failed: {result.stderr}")
        if f"added {rows}" not in result.stdout:
            sys.exit(f"unexpected result: {result.stdout}")
        return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--quick", action="store_true", help="a small run (the test suite's)")
    args = parser.parse_args()
    sizes = [200, 2000] if args.quick else args.rows
    times = []
    for rows in sizes:
        elapsed, rss = run(rows)
        times.append(elapsed)
        print(f"{rows:>7} rows: {elapsed:6.2f} s, peak RSS {rss:6.1f} MB (largest child so far)")
    if len(sizes) == 2:
        factor = sizes[1] / sizes[0]
        print(f"growth: {times[1] / times[0]:.1f}x time for {factor:.0f}x rows")


if __name__ == "__main__":
    main()
