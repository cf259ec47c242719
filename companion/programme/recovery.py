"""After a damaged file was moved aside: what to offer before anything else is written."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from companion.programme.data import BackupComparison, Data
from companion.storage.backups import best_backup
from companion.storage.schema import InvalidFileError

if TYPE_CHECKING:
    from companion.programme.base import Core


@dataclass(frozen=True)
class DamagedFile:
    """One data file that could not be read and was moved aside."""

    file: str
    """The data file, relative to the data folder (``journal.json``)."""
    moved_to: str
    """Where the damaged copy is now, relative to the data folder."""
    reason: str
    """Why it could not be read."""


@dataclass(frozen=True)
class RestoreOffer:
    """Damaged files waiting for a choice, and the backup that would bring them back."""

    damaged: list[DamagedFile]
    backup: Path | None
    """The newest good backup (what ``restore --latest`` takes), or None when there is none."""
    notices: list[str] = field(default_factory=list)
    """Everything else this open set aside, one sentence each."""
    comparison: BackupComparison | None = None
    """What ``backup`` brings back against what is there now (None when it cannot be told)."""

    def explanation(self) -> str:
        """Return the plain text shown above the choices."""
        lines = [
            f"{d.file} could not be read ({d.reason}). It was moved aside to {d.moved_to}; "
            "nothing was overwritten."
            for d in self.damaged
        ]
        if self.backup is not None:
            lines.append(
                f"The newest good backup is {self.backup.name}. Restoring it brings your "
                "data back as it was then; what is there now is kept in a copy first."
            )
            if self.comparison is not None:
                lines.append(self.comparison.text())
        else:
            lines.append("There is no backup to restore from.")
        lines.append(
            "Nothing can be written until you choose: restore the backup, or start afresh "
            "(an empty file in place of the damaged one)."
        )
        return "\n\n".join(lines)


class Recovery:
    """The restore-first choice: offered at start-up, before anything can be written."""

    def __init__(self, programme: Core, data: Data) -> None:
        """Look after ``programme``'s moved-aside files, restoring through ``data``.

        ``data`` is the programme's own (what its check of a backup found valid
        is not validated again when that backup is restored).
        """
        self._programme = programme
        self._data = data

    def offer(self) -> RestoreOffer | None:
        """Return what to offer when a data file was moved aside and not yet settled."""
        store = self._programme.store
        pending = store.needs_restore
        if not pending:
            return None
        damaged = [DamagedFile(f.file, f.moved_to, f.reason) for f in pending]
        moved = {Path(f.file).name for f in pending}
        notices = [n for n in store.notices() if n.split(" ", 1)[0] not in moved]
        backup = best_backup(self._programme.folder)
        comparison = None
        if backup is not None:
            # A backup that would not restore: the restore itself says why.
            with contextlib.suppress(InvalidFileError, OSError):
                comparison = self._data.compare(backup)
        return RestoreOffer(damaged, backup, notices, comparison)

    def restore(self, backup: Path) -> Path | None:
        """Restore ``backup`` (all or nothing); see :meth:`Data.restore`."""
        return self._data.restore(backup)

    def start_afresh(self, confirmation: str) -> bool:
        """Start the moved-aside files empty when ``confirmation`` is ``START``; say if it was."""
        if confirmation.strip() != "START":
            return False
        self._programme.store.accept_fresh_start()
        return True
