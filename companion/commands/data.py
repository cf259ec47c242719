"""``companion export``, ``backup`` and ``restore``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from companion.programme.core import Programme
from companion.programme.exports import CsvRecords
from companion.storage.atomic import atomic_write
from companion.storage.lock import LockHeldError
from companion.storage.restore import NoBackupError
from companion.storage.schema import InvalidFileError
from companion.storage.store import DataUnreadableError

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


def _err(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)


def render(
    programme: Programme,
    fmt: str,
    include_private: bool,
    what: CsvRecords | None = None,
    today: date | None = None,
) -> str | None:
    """Return the export of ``programme`` as text, or None when there is nothing to report."""
    exports = programme.exports
    if fmt == "json":
        return exports.json(include_private)
    if fmt == "md":
        return exports.markdown(include_private, today or date.today())
    return exports.csv(what or "sessions", include_private)


def export(
    data: Path,
    fmt: str,
    output: str | None,
    include_private: bool,
    what: CsvRecords | None = None,
) -> int:
    """Write the journal in ``fmt`` (md, csv or json) to ``output`` or standard output."""
    try:
        programme = Programme.opened(data, readonly=True)
    except DataUnreadableError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    with programme:
        text = render(programme, fmt, include_private, what)
    if text is None:
        _err(f"{data} holds no pair yet: nothing to report")
        return EXIT_PROBLEM
    if output:
        atomic_write(Path(output), text.encode("utf-8"))
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def backup(data: Path) -> int:
    """Take a backup of the data folder now."""
    try:
        with Programme.opened(data, backup=False) as programme:
            for item in programme.recovered:
                _err(item.message())
            if programme.recovered:
                return EXIT_PROBLEM
            made = programme.data.backup()
    except LockHeldError as exc:
        _err(f"{exc} (in the app: Settings, then 'Back up now')")
        return EXIT_LOCKED
    if made is None:
        _err(f"nothing to back up in {data}")
        return EXIT_PROBLEM
    print(f"backup written: {made}")
    return EXIT_OK


def restore(data: Path, file: str | None, *, latest: bool) -> int:
    """Restore the data folder from the newest backup or from ``file``."""
    programme = Programme(data)
    try:
        source = programme.data.latest_backup() if latest else Path(file or "").expanduser()
        if not source.is_file():
            _err(f"{source} is not a file")
            return EXIT_PROBLEM
        safety = programme.data.restore(source)
    except NoBackupError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    except InvalidFileError as exc:
        _err(f"{exc.path}: {exc.why}; nothing was changed")
        return EXIT_PROBLEM
    except LockHeldError as exc:
        _err(str(exc))
        return EXIT_LOCKED
    print(f"restored {data} from {source.name}")
    if safety is not None:
        print(f"the data it replaced is kept in {safety}")
    return EXIT_OK
