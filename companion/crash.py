"""What happens when Companion meets a bug: exit status 1, one line, and a private crash report."""

from __future__ import annotations

import os
import platform
import re
import stat
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from companion import __version__

EXIT_CRASH = 1
REPORT_PREFIX = "crash-"
KEEP_REPORTS = 20


def write_report(folder: Path | None, exc: BaseException, argv: list[str]) -> Path | None:
    """Write a crash report (0600) into ``folder``; return it, or None if that failed.

    The report holds the version, the platform, the command's arguments and
    the traceback; never the pair's data. Only the newest reports are kept.
    """
    if folder is None:
        return None
    try:
        from companion.storage.atomic import atomic_write, refuse_symlink

        info = refuse_symlink(folder)
        if info is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{REPORT_PREFIX}{stamp}.txt"
        text = "".join(
            [
                f"Companion {__version__} crash report, {stamp} UTC\n",
                f"Python {platform.python_version()} on {platform.platform()}\n",
                f"Arguments: {argv!r}\n\n",
                *traceback.format_exception(exc),
            ]
        )
        atomic_write(target, text.encode("utf-8", errors="replace"))
        for path in reports(folder)[:-KEEP_REPORTS]:
            path.unlink(missing_ok=True)
        return target
    except Exception:  # reporting a crash must never crash
        return None


_REPORT_NAME = re.compile(rf"^{REPORT_PREFIX}\d{{8}}-\d{{6}}-\d{{6}}\.txt$")
"""The exact name :func:`write_report` gives a report (``crash-<UTC time>.txt``)."""


def reports(folder: Path) -> list[Path]:
    """Return the crash reports Companion wrote in ``folder``, oldest first.

    Only regular files (``lstat``: a symlink is never one) named exactly as
    Companion names them; anything else that merely looks like one is left alone.
    """
    found: list[Path] = []
    for path in sorted(folder.glob(f"{REPORT_PREFIX}*.txt")):
        if not _REPORT_NAME.match(path.name):
            continue
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
        except FileNotFoundError:
            continue
    return found


def handle(exc: BaseException, folder: Path | None, argv: list[str]) -> int:
    """Report an unhandled exception in one line (plus where the report is); return 1."""
    report = write_report(folder, exc, argv)
    kind = type(exc).__name__
    line = f"companion: an unexpected error stopped Companion ({kind}: {exc})"
    line = line.replace("\n", " ")[:300]
    where = f"; a report was written to {report}" if report else ""
    try:
        print(f"{line}{where}. Your saved data is safe.", file=sys.stderr)
    except Exception:
        os.write(2, b"companion: an unexpected error stopped Companion\n")
    return EXIT_CRASH
