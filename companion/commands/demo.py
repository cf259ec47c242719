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


def _existing(folder: Path, exc: FileExistsError, run_app: Callable[[Path], int] | None) -> int:
    """A folder that already holds a pair: open the demo as it is, refuse anything else."""
    from companion.domain.sample import is_sample_pair

    try:
        with Programme.opened(folder, readonly=True) as programme:
            pair = programme.journal.pair()
    except Exception:  # an unreadable folder: say what write_sample said
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    if pair is None or not is_sample_pair(pair):
        names = f" ({pair.mentor.name} & {pair.mentee.name})" if pair is not None else ""
        print(
            f"companion: {folder} holds a programme that is not the demo{names}; "
            "the demo is only written to a new folder, so nothing was changed. "
            "Choose another folder with --data-dir, or open this one with "
            f"companion --data-dir {folder}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    print(f"{folder} already holds the demo pair: opening it as it is (nothing rewritten).")
    if run_app is None:
        print(f"Open it with: companion --data-dir {folder}")
        return EXIT_OK
    return run_app(folder)


def run_demo(data_dir_arg: str | None, run_app: Callable[[Path], int] | None) -> int:
    """Fill ``data_dir_arg`` (by default a new temporary folder); open it with ``run_app``.

    Without ``run_app`` (``--no-open``) say what was written instead. A folder
    already holding the demo pair is opened as it is; one holding another
    programme is refused with a clear message (exit 1) and left untouched.
    """
    folder = (
        data_dir(data_dir_arg) if data_dir_arg else Path(tempfile.mkdtemp(prefix="companion-demo-"))
    )
    try:
        sample = write_sample(folder)
    except FileExistsError as exc:
        return _existing(folder, exc, run_app)
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(summary(sample, folder))
    if run_app is None:
        return EXIT_OK
    return run_app(folder)
