"""Checking a data folder before Companion writes to it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from companion.storage.atomic import TEMP_SUFFIX, SymlinkRefusedError, ensure_private_dir

ENV_VAR = "COMPANION_HOME"

OWN_NAMES = frozenset(
    {
        "journal.json",
        "cards.json",
        "quarantine.json",
        "summary.json",
        "reviews",
        "content",
        "backups",
        ".cache",
        ".lock",
    }
)
"""Entries of a data folder that Companion itself makes."""


UNREAD_LINKS = {
    "content": "your own lessons, decks and playbook there are not loaded (the shipped "
    "curriculum is)",
    ".cache": "nothing is cached there, so starting takes a little longer",
}
"""Folders Companion does without when they are symlinks: what that costs, for the warning."""


class NotADataFolderError(OSError):
    """The path cannot be used as a data folder (a file, or a folder of other things)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.ENOTDIR, why, str(path))
        self.path = path

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def is_own(name: str) -> bool:
    """Return True for an entry Companion makes in its data folder."""
    return (
        name in OWN_NAMES
        or ".corrupt-" in name
        or (name.startswith(".") and name.endswith(TEMP_SUFFIX))
        or name.startswith((".restore-", "crash-"))
    )


def prepare_data_folder(folder: Path) -> Path:
    """Return ``folder`` ready for writing: created 0700 if missing, else checked.

    Refused (``NotADataFolderError``) when it is a file, or when it holds
    entries that are not Companion's and no Companion data (so a mistyped
    ``--data-dir`` never starts a data set among someone else's files). An
    existing folder's mode is left as it is (with a warning if others can read it).
    """
    info = _stat(folder)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        via = f" (set by ${ENV_VAR})" if os.environ.get(ENV_VAR) else ""
        raise NotADataFolderError(
            folder, f"this is a file, not a folder{via}; point Companion at a folder"
        )
    if info is not None and not (folder / "journal.json").exists():
        foreign = sorted(name for name in os.listdir(folder) if not is_own(name))
        if foreign:
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise NotADataFolderError(
                folder,
                f"this folder holds files that are not Companion's ({shown}); "
                "use an empty folder or one Companion made",
            )
    return ensure_private_dir(folder)


def _stat(folder: Path) -> os.stat_result | None:
    """Stat ``folder`` following a link at the folder itself (it may live on another disk)."""
    try:
        return folder.stat()
    except FileNotFoundError:
        return None


def link_warnings(folder: Path) -> list[str]:
    """Return a warning naming each of ``content/`` and ``.cache/`` that is a symlink.

    Companion never follows them (their targets are not read, written or
    re-moded); the data itself still opens.
    """
    found = []
    for name, cost in UNREAD_LINKS.items():
        path = folder / name
        if path.is_symlink():
            found.append(f"{SymlinkRefusedError(path)}. Until then, {cost}.")
    return found
