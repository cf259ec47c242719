"""The start-up summary: written when the dashboard is drawn, read before the journal opens.

Reading it imports neither the storage nor the journal's models, so the pair's
first panel is on screen before the full data folder is open. A summary that is
missing, unreadable, invalid, from another day or from another state of the data
files is ignored (the dashboard then waits for the journal, as before).
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

SUMMARY_FILE = Path(".cache") / "dashboard.json"
"""Where the summary lives, inside the data folder."""

DATA_FILES = ("journal.json", "cards.json")
"""The files whose state the summary must match to be used."""

MAX_BYTES = 64 * 1024
"""A bigger summary is not ours: ignored."""


def stamps(folder: Path) -> list[tuple[str, int, int]]:
    """Return (name, size, mtime_ns) of each data file (size -1 when missing)."""
    found = []
    for name in DATA_FILES:
        try:
            info = (folder / name).stat()
        except OSError:
            found.append((name, -1, 0))
            continue
        found.append((name, info.st_size, info.st_mtime_ns))
    return found


def read_summary(folder: Path, today: date) -> tuple[str, list[str]] | None:
    """Return the (title, rhythm lines) to show now, or None when the summary cannot be used."""
    path = folder / SUMMARY_FILE
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    from pydantic import ValidationError

    from companion.domain.start_summary import SUMMARY_VERSION, StartSummary

    try:
        summary = StartSummary.model_validate_json(raw)
    except ValidationError:
        return None
    if summary.version != SUMMARY_VERSION or summary.written_on != today:
        return None
    if [(f.name, f.size, f.mtime_ns) for f in summary.files] != stamps(folder):
        return None
    return summary.title, summary.rhythm


def write_summary(folder: Path, today: date, title: str, rhythm: list[str]) -> None:
    """Write the summary of what the dashboard shows now, atomically (0600 in a 0700 folder).

    Called after the data files were last written, so their stamps are current.
    A failure to write it is not an error: the next start just waits for the journal.
    """
    from companion.domain.start_summary import FileStamp, StartSummary
    from companion.storage.atomic import atomic_write, ensure_private_dir

    files = [FileStamp(name=n, size=s, mtime_ns=m) for n, s, m in stamps(folder)]
    summary = StartSummary(
        written_on=today, files=files, title=title[:500], rhythm=[x[:500] for x in rhythm[:20]]
    )
    with contextlib.suppress(OSError):  # an old one no longer matches the files: ignored
        ensure_private_dir(folder / SUMMARY_FILE.parent)
        atomic_write(folder / SUMMARY_FILE, summary.model_dump_json().encode())
