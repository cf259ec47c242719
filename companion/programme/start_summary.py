"""The start-up summary: written when the dashboard is drawn, read before the journal opens.

Reading it imports neither tinydb, the journal's models nor pydantic (only the
storage's small link-refusing reader; the standard-library reader
:func:`~companion.domain.start_check.parse_summary` checks every field's type
and size), so the pair's first panel is on screen before the full data folder
is open. A summary that is missing, unreadable, invalid, from another day or
from another state of the data files is ignored (the dashboard then waits for
the journal, as before), and so is one behind a symlink (``.cache`` or the
file itself): no link is followed, to read, write or delete.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict
from datetime import date
from pathlib import Path

from companion.domain.start_check import parse_summary
from companion.domain.start_rows import Row
from companion.storage.atomic import atomic_write, ensure_private_dir, read_bytes, refuse_symlink

SUMMARY_FILE = Path(".cache") / "dashboard.json"
"""Where the summary lives, inside the data folder."""

DATA_FILES = ("journal.json", "cards.json")
"""The files whose state the summary must match to be used."""

MAX_BYTES = 256 * 1024
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


def read_summary(folder: Path, today: date) -> tuple[str, dict[str, list[Row]]] | None:
    """Return the (title, rows of each panel) to show now, or None when it cannot be used."""
    path = folder / SUMMARY_FILE
    try:
        refuse_symlink(path.parent)  # O_NOFOLLOW guards only the file's own name
        raw = read_bytes(path, MAX_BYTES, "the start-up summary")
    except OSError:  # missing, too big, not a regular file, or behind a link
        return None
    return parse_summary(raw, today, stamps(folder))


def write_summary(folder: Path, today: date, title: str, panels: dict[str, list[Row]]) -> None:
    """Write the summary of what the dashboard shows now, atomically (0600 in a 0700 folder).

    Called after the data files were last written, so their stamps are current.
    A failure to write it is not an error: the next start just waits for the journal.
    """
    from pydantic import ValidationError

    from companion.domain.start_summary import FileStamp, StartSummary

    files = [FileStamp(name=n, size=s, mtime_ns=m) for n, s, m in stamps(folder)]
    try:
        rows = {selector: [asdict(row) for row in shown] for selector, shown in panels.items()}
        summary = StartSummary(written_on=today, files=files, title=title[:500], panels=rows)
    except ValidationError:  # too big to summarise (hundreds of modules): start without it
        with contextlib.suppress(OSError):
            refuse_symlink(folder / SUMMARY_FILE.parent)  # never delete through a link
            (folder / SUMMARY_FILE).unlink()
        return
    with contextlib.suppress(OSError):  # an old one no longer matches the files: ignored
        ensure_private_dir(folder / SUMMARY_FILE.parent)
        atomic_write(folder / SUMMARY_FILE, summary.model_dump_json().encode())
