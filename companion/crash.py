"""What happens when Companion meets a bug: exit status 1, one line, and a private crash report."""

from __future__ import annotations

import os
import platform
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
        old = sorted(folder.glob(f"{REPORT_PREFIX}*.txt"))[:-KEEP_REPORTS]
        for path in old:
            if not path.is_symlink():
                path.unlink(missing_ok=True)
        return target
    except Exception:  # reporting a crash must never crash
        return None


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
