"""The data folder as a whole: backups, restore, sample data and the content check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from companion.domain.content import Origin
from companion.storage.backups import list_backups, take_backup
from companion.storage.restore import check_backup, current_counts, latest_backup, restore_backup

# The curriculum loader (YAML, Markdown plugins), the sample data and the
# private notes' cryptography (OpenSSL, about 5 MB of memory) are imported by
# the methods that use them: Settings asks this object for backups only.
if TYPE_CHECKING:
    from companion.curriculum.catalogue import Curriculum
    from companion.curriculum.problems import Problem
    from companion.domain.sample_data import Sample
    from companion.privacy import Vault
    from companion.programme.base import Core
    from companion.storage.manifest import Counts


@dataclass(frozen=True)
class BackupComparison:
    """What a restore would bring back against what the data folder holds now."""

    backup: Path
    incoming: Counts
    """The backup's sessions, cards and reviews (checked by unpacking it aside)."""
    now: Counts
    """The data folder's, as it stands (a damaged file counts as empty)."""
    validated: frozenset[tuple[str, str]] = frozenset()
    """(name, sha256) of the backup's data files the check found valid."""

    def text(self) -> str:
        """Return the two lines a person reads before confirming, as the CLI prints them."""
        return (
            f"{self.backup.name} holds: {self.incoming.describe()}.\n"
            f"The data folder holds now: {self.now.describe()}."
        )


def compare_backup(folder: Path, backup: Path) -> BackupComparison:
    """Check ``backup`` completely and count it against ``folder``; nothing is replaced.

    Raises ``InvalidFileError`` (naming the backup and why) for a backup that
    would not be restored, and ``OSError`` when it cannot be read or unpacked.
    """
    checked = check_backup(backup, folder)
    return BackupComparison(backup, checked.counts, current_counts(folder), checked.validated)


class Data:
    """Backups and restore of the data folder, the demo pair, checking content folders."""

    def __init__(self, programme: Core) -> None:
        """Look after ``programme``'s data folder."""
        self._programme = programme
        self._validated: dict[Path, frozenset[tuple[str, str]]] = {}
        """What :meth:`compare` found valid, by backup, for the restore that follows."""

    def backup(self) -> Path | None:
        """Take a backup now; return it, or None when there is nothing to back up."""
        return take_backup(self._programme.folder)

    def backups(self) -> list[Path]:
        """Return the rolling backups, oldest first."""
        return list_backups(self._programme.folder)

    def latest_backup(self) -> Path:
        """Return the newest backup (``NoBackupError`` when there is none)."""
        return latest_backup(self._programme.folder)

    def compare(self, backup: Path) -> BackupComparison:
        """Return what restoring ``backup`` brings back against what is there now.

        The backup is checked completely (unpacked aside, then removed), so a
        backup that would not restore raises ``InvalidFileError`` here already.
        What it found valid is remembered: restoring this backup next does not
        validate those files again (each one's sha256 is checked as it is unpacked).
        """
        comparison = compare_backup(self._programme.folder, backup)
        self._validated = {backup: comparison.validated}
        return comparison

    def restore(self, backup: Path) -> Path | None:
        """Replace the data with ``backup`` (all or nothing); return the copy of what it replaced.

        On an open programme (the app) the folder is opened again afterwards and
        the curriculum reloaded; otherwise the folder's lock is taken for the
        restore. Raises ``InvalidFileError`` for a bad backup and ``RestoreError`` when the swap
        fails (in both cases nothing changed).
        """
        programme = self._programme
        already = self._validated.pop(backup, frozenset())
        if not programme.ready:
            return restore_backup(programme.folder, backup, already=already).safety
        safety = restore_backup(programme.folder, backup, lock_held=True, already=already).safety
        programme.reopen()
        return safety

    def write_sample(self, today: date, *, cost: int | None = None) -> Sample:
        """Write the demo pair into the (new) folder; FileExistsError if it holds a pair.

        Private notes and private check-in comments are sealed under the passphrase
        ``demo`` (scrypt ``cost``, the strong one unless given; tests pass a cheap
        one), never stored as plain text.
        """
        from companion.domain.sample import build_sample

        programme = self._programme
        curriculum = programme.curriculum
        sample = build_sample(today, curriculum.lessons, curriculum.cards)
        store = programme.store
        journal = store.journal
        if journal.pair() is not None:
            raise FileExistsError(
                f"{programme.folder} already holds a pair; "
                "demo data is only written to a new folder"
            )
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
        for hope in sample.expectations:
            journal.add_expectation(hope)
        journal.record_wins(sample.wins)
        from companion.privacy import Vault
        from companion.privacy.crypto import STRONG_COST

        _seal_private(Vault(journal, cost=STRONG_COST if cost is None else cost), sample)
        for state in sample.states:
            store.cards.put_state(state)
        for log in sample.reviews:
            store.reviews.add(log)
        return sample

    def check_content(self, path: Path | None) -> tuple[Curriculum, list[Problem]]:
        """Load ``path`` on top of the shipped content (or the pair's own), every problem kept."""
        from companion.curriculum.loader import load_curriculum
        from companion.curriculum.locations import shipped_content_dir
        from companion.curriculum.sources import load_for

        if path is None:
            return load_for(self._programme.folder / "content")  # a symlinked content/ is named
        shipped = shipped_content_dir()
        roots: list[tuple[Path, Origin]] = [(shipped, "shipped")]
        if path.resolve() != shipped.resolve():
            roots.append((path, "user"))
        return load_curriculum(roots)


DEMO_PASSPHRASE = "demo"
"""Both demo people's passphrase: shorter than the 8-character rule, allowed for the demo only."""


def _seal_private(vault: Vault, sample: Sample) -> None:
    """Seal the sample's private notes and comments under the demo passphrase."""
    for role in ("mentor", "mentee"):
        vault.set_passphrase(role, DEMO_PASSPHRASE, allow_short=True)  # the demo only
        for session_id, text in sample.private_notes.get(role, {}).items():
            vault.write(role, session_id, text)
        for checkin_id, text in sample.private_comments.get(role, {}).items():
            vault.write_comment(role, checkin_id, text, shared=False)
    vault.lock_all()
