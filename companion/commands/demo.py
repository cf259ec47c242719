"""``companion demo``: write a realistic sample pair into a folder and open the app on it."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from companion.curriculum.sources import load_for
from companion.domain.sample import Sample, build_sample
from companion.paths import data_dir
from companion.privacy import Vault
from companion.privacy.crypto import STRONG_COST
from companion.storage.lock import LockHeldError
from companion.storage.store import Store

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


DEMO_PASSPHRASE = "demo"
"""Both demo people's passphrase: shorter than the 8-character rule, allowed for the demo only."""


def write_sample(folder: Path, today: date | None = None, *, cost: int = STRONG_COST) -> Sample:
    """Write the sample pair into ``folder``; raise FileExistsError if it already holds a pair.

    Private notes and private check-in comments are sealed under the passphrase
    ``demo`` (scrypt ``cost``; tests pass a cheap one), never stored as plain text.
    """
    curriculum, _ = load_for(None)
    sample = build_sample(today or date.today(), curriculum.lessons, curriculum.cards)
    with Store.open(folder, backup=False) as store:
        if store.journal.pair() is not None:
            raise FileExistsError(
                f"{folder} already holds a pair; demo data is only written to a new folder"
            )
        journal = store.journal
        journal.save_pair(sample.pair)
        for goal in sample.goals:
            journal.add_goal(goal)
        for session in sample.sessions:
            journal.add_session(session)
        for action in sample.actions:
            journal.add_action(action)
        for entry in sample.log:
            journal.add_log_entry(entry)
        for checkin in sample.checkins:
            journal.add_checkin(checkin)
        for round_ in sample.skill_rounds:
            journal.add_skill_round(round_)
        for entry in sample.expectations:
            journal.add_expectation(entry)
        journal.record_wins(sample.wins)
        _seal_private(Vault(journal, cost=cost), sample)
        for state in sample.states:
            store.cards.put_state(state)
        for log in sample.reviews:
            store.reviews.add(log)
    return sample


def _seal_private(vault: Vault, sample: Sample) -> None:
    for role in ("mentor", "mentee"):
        vault.set_passphrase(role, DEMO_PASSPHRASE, allow_short=True)  # the demo only
        for session_id, text in sample.private_notes.get(role, {}).items():
            vault.write(role, session_id, text)
        for checkin_id, text in sample.private_comments.get(role, {}).items():
            vault.write_comment(role, checkin_id, text, shared=False)
    vault.lock_all()


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


def run_demo(data_dir_arg: str | None, *, open_app: bool) -> int:
    """Fill ``data_dir_arg`` (by default a new temporary folder) and open the app on it."""
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
    if not open_app:
        return EXIT_OK
    from companion.commands.app import run_app

    return run_app(folder)
