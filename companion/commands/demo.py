"""``companion demo``: write a realistic sample pair into a folder and open the app on it."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from companion.domain.sample_data import Sample
from companion.paths import data_dir
from companion.privacy.crypto import STRONG_COST
from companion.programme.core import Programme
from companion.programme.data import DEMO_PASSPHRASE
from companion.storage.lock import LockHeldError

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


def write_sample(folder: Path, today: date | None = None, *, cost: int = STRONG_COST) -> Sample:
    """Write the sample pair into ``folder``; raise FileExistsError if it already holds a pair.

    Private notes and private check-in comments are sealed under the passphrase
    ``demo`` (scrypt ``cost``; tests pass a cheap one), never stored as plain text.
    """
    with Programme.opened(folder, backup=False) as programme:
        return programme.data.write_sample(today or date.today(), cost=cost)


def summary(sample: Sample, folder: Path) -> str:
    """Return a short description of what the sample holds."""
    pair = sample.pair
    open_actions = sum(not a.done for a in sample.actions)
    return "\n".join(
        [
            f"Sample pair written to {folder}",
            f"  mentor (junior): {pair.mentor.name}, {pair.mentor.title}",
            f"  mentee (senior): {pair.mentee.name}, {pair.mentee.title}",
            f"  {len(sample.sessions)} sessions since {pair.started_on.isoformat()}"
            f" ({pair.cadence}), {len(sample.goals)} goals, {open_actions} open action items",
            f"  {len(sample.log)} mentoring-log entries, {len(sample.states)} cards with"
            f" {len(sample.reviews)} reviews",
            f"Private notes: the passphrase is '{DEMO_PASSPHRASE}' for both people"
            " (a real passphrase needs 8+ characters; this one is for the demo only)",
            f"Open it again with: companion --data-dir {folder}",
        ]
    )


def run_demo(data_dir_arg: str | None, run_app: Callable[[Path], int] | None) -> int:
    """Fill ``data_dir_arg`` (by default a new temporary folder); open it with ``run_app``.

    Without ``run_app`` (``--no-open``) say what was written instead.
    """
    folder = (
        data_dir(data_dir_arg) if data_dir_arg else Path(tempfile.mkdtemp(prefix="companion-demo-"))
    )
    try:
        sample = write_sample(folder)
    except FileExistsError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(summary(sample, folder))
    if run_app is None:
        return EXIT_OK
    return run_app(folder)
