"""Time drawing one card's review history at ten heavy years (100,000 review logs).

Fills a data folder as ``storage_writes.py`` does, opens it, and times
``store.reviews.logs(card_id=...)`` for many cards: the first call (which loads
every year and builds the index by card) and the calls after it, beside a plain
scan of every log filtered to that card (what the repository did before).
Target: a card's history well under a frame (~16 ms) once the years are loaded.

    python benchmarks/card_history.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_writes import fill

from companion.storage.store import Store


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, few runs")
    args = parser.parse_args()
    scale, runs = (0.1, 5) if args.quick else (1.0, 200)
    folder = Path(tempfile.mkdtemp(prefix="companion-bench-")) / "data"
    fill(folder, scale)
    cards = [f"card-{i}" for i in range(int(2000 * scale))]
    with Store.open(folder, backup=False) as store:
        t0 = time.perf_counter()
        first = store.reviews.logs(card_id=cards[0])
        first_ms = ms(t0)
        indexed = []
        for i in range(runs):
            t0 = time.perf_counter()
            store.reviews.logs(card_id=cards[(i * 7) % len(cards)])
            indexed.append(ms(t0))
        scans = []
        for i in range(min(runs, 30)):
            t0 = time.perf_counter()
            card = cards[(i * 7) % len(cards)]
            reviews = store.reviews
            everything = [log for y in reviews.years() for log in reviews._year(y).all()]
            sorted((log for log in everything if log.card_id == card), key=lambda x: x.reviewed_at)
            scans.append(ms(t0))
    total = sum(1 for _ in store.reviews.years())
    print(f"scale {scale:g} of ten heavy years ({total} years, {len(first)} logs for one card)")
    print(f"  first card history (loads the years, builds the index) {first_ms:8.1f} ms")
    print(
        f"  card history from the index   median {statistics.median(indexed):7.3f} ms"
        f"   max {max(indexed):7.3f} ms"
    )
    print(
        f"  scan of every log (before)    median {statistics.median(scans):7.3f} ms"
        f"   max {max(scans):7.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
