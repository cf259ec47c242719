"""``companion export``, ``backup`` and ``restore``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from companion.domain.content import Lesson
from companion.domain.export import JournalExport
from companion.domain.pair import Pair
from companion.storage.atomic import atomic_write
from companion.storage.backups import take_backup
from companion.storage.lock import LockHeldError
from companion.storage.restore import NoBackupError, latest_backup, restore_backup
from companion.storage.schema import InvalidFileError
from companion.storage.store import DataUnreadableError, Store

EXIT_OK, EXIT_PROBLEM, EXIT_LOCKED = 0, 1, 3


def _err(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)


def render(
    data: Path,
    store: Store,
    fmt: str,
    include_private: bool,
    what: str | None = None,
    today: date | None = None,
) -> str | None:
    """Return the export of ``store`` as text, or None when there is nothing to report."""
    if fmt == "json":
        return _json(store, include_private)
    from companion.curriculum.sources import load_for

    curriculum, _ = load_for(data / "content")
    if fmt == "md":
        pair = store.journal.pair()
        if pair is None:
            return None
        return _markdown(store, pair, curriculum.lessons, include_private, today or date.today())
    return _csv(store, what or "sessions", curriculum.lessons, include_private)


def export(
    data: Path, fmt: str, output: str | None, include_private: bool, what: str | None = None
) -> int:
    """Write the journal in ``fmt`` (md, csv or json) to ``output`` or standard output."""
    try:
        store = Store.open(data, readonly=True)
    except DataUnreadableError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    text = render(data, store, fmt, include_private, what)
    if text is None:
        _err(f"{data} holds no pair yet: nothing to report")
        return EXIT_PROBLEM
    if output:
        atomic_write(Path(output), text.encode("utf-8"))
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _json(store: Store, include_private: bool) -> str:
    journal = store.journal
    document = JournalExport(
        exported_at=datetime.now(UTC),
        includes_private_notes=include_private,
        pair=journal.pair(),
        settings=journal.settings(),
        goals=journal.goals(),
        sessions=journal.sessions(),
        actions=journal.actions(),
        checkins=journal.checkins(),
        log=journal.log_entries(),
        cards=store.cards.cards(),
        card_states=store.cards.states(),
        review_logs=store.reviews.logs(),
        skill_rounds=journal.skill_rounds(),
        expectations=journal.expectations(),
        wins=journal.wins(),
        pauses=journal.pauses(),
        reschedules=journal.reschedules(),
    )
    return document.to_json() + "\n"


def _markdown(
    store: Store, pair: Pair, lessons: Mapping[str, Lesson], private: bool, today: date
) -> str:
    from companion.domain.report import ReportData, markdown_report

    journal = store.journal
    return markdown_report(
        ReportData(
            pair=pair,
            today=today,
            sessions=journal.sessions(),
            goals=journal.goals(),
            actions=journal.actions(),
            log=journal.log_entries(),
            checkins=journal.checkins(),
            states=store.cards.states(),
            reviews=store.reviews.logs(),
            lessons=lessons,
            include_private=private,
            wins=journal.wins(),
            skill_rounds=journal.skill_rounds(),
        )
    )


def _csv(store: Store, what: str, lessons: Mapping[str, Lesson], private: bool) -> str:
    from companion.domain.csv_export import actions_csv, log_csv, sessions_csv

    journal = store.journal
    if what == "log":
        return log_csv(journal.log_entries())
    if what == "actions":
        return actions_csv(journal.actions(), journal.sessions())
    return sessions_csv(journal.sessions(), journal.actions(), lessons, private)


def backup(data: Path) -> int:
    """Take a backup of the data folder now."""
    try:
        with Store.open(data, backup=False) as store:
            for item in store.recovered:
                _err(item.message())
            if store.recovered:
                return EXIT_PROBLEM
            made = take_backup(data)
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
    try:
        source = latest_backup(data) if latest else Path(file or "").expanduser()
        if not source.is_file():
            _err(f"{source} is not a file")
            return EXIT_PROBLEM
        safety = restore_backup(data, source)
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
