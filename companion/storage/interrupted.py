"""Putting the data back together after a restore was killed in the middle of its swap.

A restore swaps the staged backup in name by name (``journal.json``,
``cards.json``, ``reviews``, ``content``): each current entry is renamed into a
``.restore-old-*`` folder, then the staged one is renamed into the data
folder. Before the first rename it writes a marker, ``.restore-swap.json``,
naming both folders and which entries each side had; removing the marker is
the commit point. So a process killed mid-swap leaves the marker, and the
next open (or ``companion restore``) rolls the swap back from it: every entry
of the data as it was goes back in place, and the half-placed backup is
dropped (the backup zip itself is untouched). Without a marker, leftover
``.restore-*`` folders are only copies (the staged backup, or data already
kept in ``backups/before-restore-*.zip``) and are removed.

Each step of the roll-back is a rename decided by what is on disk, so a crash
during the roll-back is repaired by running it again.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import orjson
from pydantic import BaseModel, ValidationError

from companion.storage.atomic import atomic_write, fsync_dir, read_bytes, refuse_symlink

MARKER = ".restore-swap.json"
"""Present exactly while a restore's swap is under way (or was interrupted)."""
STAGING_PREFIX = ".restore-"
OLD_PREFIX = ".restore-old-"
SWAPPED = ("journal.json", "cards.json", "reviews", "content")
"""What a restore replaces, in the data folder (and all a marker may name)."""


class SwapPlan(BaseModel):
    """What a swap moves: the folders it uses and which entries each side holds."""

    backup: str
    """The backup's file name (for the message)."""
    old: str
    """The folder (inside the data folder) the current entries are moved into."""
    staged: str
    """The staging folder (inside the data folder) the backup was unpacked into."""
    current: list[str]
    """Entries the data folder had before the swap."""
    incoming: list[str]
    """Entries the staged backup has."""


class InterruptedRestoreError(OSError):
    """A restore's swap was interrupted and could not be rolled back (the message says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EIO, message)

    def __str__(self) -> str:
        return str(self.strerror)


def begin_swap(folder: Path, plan: SwapPlan) -> None:
    """Write the marker (atomically) before the first rename of a swap."""
    atomic_write(folder / MARKER, orjson.dumps(plan.model_dump()))


def commit_swap(folder: Path) -> None:
    """Remove the marker once every rename is done and flushed: the restore has happened."""
    (folder / MARKER).unlink()
    fsync_dir(folder)


def _exists(path: Path) -> bool:
    return refuse_symlink(path) is not None


def _inside(folder: Path, name: str) -> Path:
    """Return ``folder / name`` for a marker's folder name, refusing anything but a sibling."""
    if "/" in name or not name.startswith(STAGING_PREFIX) or name in (".", ".."):
        raise InterruptedRestoreError(f"{folder / MARKER} names an unexpected folder {name!r}")
    return folder / name


def _roll_back(folder: Path, plan: SwapPlan) -> None:
    """Put every entry of the data as it was back in place (idempotent)."""
    old, staged = _inside(folder, plan.old), _inside(folder, plan.staged)
    if not set(plan.current) | set(plan.incoming) <= set(SWAPPED):
        raise InterruptedRestoreError(f"{folder / MARKER} names entries a restore never moves")
    if plan.incoming and not _exists(staged):
        raise FileNotFoundError(errno.ENOENT, "the staging folder is missing", str(staged))
    for name in plan.incoming:
        # The backup's entry already sits in the data folder: move it back out.
        if not _exists(staged / name) and _exists(folder / name):
            os.rename(folder / name, staged / name)
    for name in plan.current:
        if _exists(old / name) and not _exists(folder / name):
            os.rename(old / name, folder / name)
    fsync_dir(folder)


def _leftovers(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.glob(f"{STAGING_PREFIX}*")
        if p.name != MARKER and not p.name.endswith(".tmp") and stat.S_ISDIR(p.lstat().st_mode)
    )


def recover_interrupted_restore(folder: Path) -> str | None:
    """Undo a restore that was killed mid-swap and remove its leftovers (caller holds the lock).

    Returns what was done, in a sentence (None when there was nothing to do). Raises
    ``InterruptedRestoreError`` when the marker cannot be read or the roll-back
    fails; the marker then stays, so nothing is mixed and the next try resumes.
    """
    marker = folder / MARKER
    repair: str | None = None
    if _exists(marker):
        try:
            plan = SwapPlan.model_validate(orjson.loads(read_bytes(marker)))
        except (orjson.JSONDecodeError, ValidationError) as exc:
            raise InterruptedRestoreError(
                f"{marker}: a restore was interrupted and its record cannot be read ({exc}); "
                "nothing was changed. Move that file out of the folder to open it again, "
                "then bring back a backup if anything is missing (companion restore --latest)"
            ) from None
        try:
            _roll_back(folder, plan)
        except OSError as exc:
            raise InterruptedRestoreError(
                f"a restore from {plan.backup} was interrupted and could not be undone "
                f"({exc.strerror or exc}: {exc.filename or folder}); nothing was changed"
            ) from None
        marker.unlink()
        fsync_dir(folder)
        repair = (
            f"A restore from {plan.backup} was interrupted before it finished; "
            f"your data in {folder} is back as it was before it (run the restore again "
            "if you still want it)."
        )
    for leftover in _leftovers(folder):
        shutil.rmtree(leftover, ignore_errors=True)
    return repair
