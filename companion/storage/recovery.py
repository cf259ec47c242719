"""What happens to a data file that cannot be read: it is moved aside, never overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Recovered:
    """A damaged data file that was moved aside on open."""

    original: Path
    """Where the file was."""
    moved_to: Path
    """Where it is now."""
    why: str
    """Why it could not be used."""
    latest_backup: Path | None
    """The backup to restore (the newest that holds a full state), if any."""

    def message(self) -> str:
        """Return a plain explanation for the person at the keyboard."""
        text = (
            f"{self.original.name} could not be used: {self.why}. "
            f"It was moved aside to {self.moved_to.name} (nothing was overwritten)."
        )
        if self.latest_backup is not None:
            text += (
                f" The backup to restore is {self.latest_backup.name}: run "
                f"`companion restore {self.latest_backup}` (or Settings, Restore) to bring it back."
            )
        else:
            text += " There is no backup to restore from."
        return text


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename ``path`` to ``<name>.corrupt-<timestamp>`` without overwriting anything."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    serial = 2
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{serial}")
        serial += 1
    path.rename(target)
    return target
