"""Opening the data folder: lock, recover damaged files, back up, migrate, serve repositories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import orjson
from tinydb import TinyDB

from companion.domain.cards import CardState, ReviewLog
from companion.domain.errors import ReadableError
from companion.storage.atomic import (
    atomic_write,
    clean_stray_temps,
    ensure_private_dir,
)
from companion.storage.changes import ChangeCounter
from companion.storage.folder import link_warnings, prepare_data_folder
from companion.storage.interrupted import MARKER, recover_interrupted_restore
from companion.storage.lock import DataLock
from companion.storage.opening import Loaded, Opening, backup_on_open, load_file, relative
from companion.storage.quarantine import (
    Quarantine,
    SetAsideFile,
    SetAsideRecord,
    summary,
)
from companion.storage.recovery import Recovered
from companion.storage.repositories import (
    CardRepository,
    JournalRepository,
    ReviewRepository,
    open_db,
)
from companion.storage.schema import (
    META,
    InvalidFileError,
    Validated,
    read_data,
)


class DataUnreadableError(Exception):
    """A read-only open met a damaged file; nothing was changed."""


class RestoreFirstError(ReadableError):
    """A write to a data file that was moved aside, before a restore or a confirmed fresh start."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} could not be read when Companion opened and was set aside, so "
            "nothing can be written to it yet. Restore the latest backup "
            "(`companion restore --latest`) or confirm a fresh start first."
        )
        self.path = path


@dataclass
class Store:
    """The open data folder and its repositories. Close it (or use ``with``) when done."""

    folder: Path
    journal: JournalRepository
    cards: CardRepository
    reviews: ReviewRepository
    readonly: bool = False
    recovered: list[Recovered] = field(default_factory=list)
    """Whole files moved aside during this open (not JSON, or not the right shape)."""
    set_aside: list[SetAsideRecord] = field(default_factory=list)
    """Single records set aside into ``quarantine.json`` during this open."""
    backup: Path | None = None
    warnings: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the open (a backup skipped, a link
    at ``content/`` or ``.cache/`` left unread)."""
    changes: ChangeCounter = field(default_factory=ChangeCounter)
    """How often each table was written (see :mod:`companion.storage.changes`)."""
    repaired: list[str] = field(default_factory=list)
    """What this open put right first (a restore that had been interrupted, rolled back)."""
    _lock: DataLock | None = None
    _dbs: list[TinyDB] = field(default_factory=list)
    _blocked: set[Path] = field(default_factory=set)

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        readonly: bool = False,
        backup: bool = True,
        lock: DataLock | None = None,
        changes: ChangeCounter | None = None,
    ) -> Store:
        """Open ``folder`` (created 0700 if missing).

        A writable open takes the folder's lock (raising ``LockHeldError`` when
        another process has it), removes temp files a crash left behind, sets
        aside records that fail validation (see ``set_aside``), moves any file
        that is not JSON or not the right shape aside (see ``recovered`` and
        ``needs_restore``), takes a backup when the data changed since the last
        one, and migrates old schemas. A read-only open takes no lock and
        changes nothing: bad records are skipped in memory (listed in
        ``set_aside``) and a damaged file raises ``DataUnreadableError``. Pass
        ``lock`` when the caller already took it (the command line takes it
        before starting the app). Writes to each table are counted in ``changes``.
        """
        if readonly:
            return cls._open_readonly(folder)
        prepare_data_folder(folder)
        lock = lock if lock is not None and lock.held else DataLock(folder).acquire()
        try:
            return cls._open_locked(folder, lock, backup, changes or ChangeCounter())
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(
        cls, folder: Path, lock: DataLock, backup: bool, changes: ChangeCounter
    ) -> Store:
        repaired = recover_interrupted_restore(folder)  # before anything reads the files
        reviews_dir = ensure_private_dir(folder / "reviews")
        for where in (folder, reviews_dir):
            clean_stray_temps(where)
        backups = folder / "backups"
        if backups.is_dir() and not backups.is_symlink():  # a backup killed mid-write
            clean_stray_temps(backups)
        loaded: dict[Path, Loaded] = {}
        opening = Opening(folder)
        # Review logs (the biggest files) are read when first needed, not here.
        for path in (folder / "journal.json", folder / "cards.json"):
            loaded[path] = opening.load(path)
        # A backup after a recovery would become "the latest" and hide the good one.
        made, warnings = backup_on_open(opening) if backup else (None, [])
        warnings += link_warnings(folder)  # content/ or .cache/ as links: left unread
        for item in loaded.values():
            if item.changed:
                atomic_write(item.path, orjson.dumps(item.data))
        store = cls._assemble(folder, loaded, readonly=False, opening=opening, changes=changes)
        store._lock, store.backup, store.warnings = lock, made, warnings
        store.repaired = [repaired] if repaired else []
        store._blocked = {folder / f.file for f in store.needs_restore}
        return store

    @classmethod
    def _open_readonly(cls, folder: Path) -> Store:
        if (folder / MARKER).exists():
            raise DataUnreadableError(
                f"{folder}: a restore is under way or was interrupted; open the folder "
                "(the app, or any writing command) to put it right first"
            )
        if not (folder / "journal.json").exists():
            raise DataUnreadableError(f"{folder} holds no Companion data (no journal.json)")
        paths = [folder / "journal.json", folder / "cards.json"]
        paths += (
            sorted((folder / "reviews").glob("*.json")) if (folder / "reviews").is_dir() else []
        )
        loaded: dict[Path, Loaded] = {}
        for path in paths:
            try:
                loaded[path] = load_file(path)
            except InvalidFileError as exc:
                raise DataUnreadableError(
                    f"{path} could not be read: {exc.why}. Open the app or run "
                    "`companion backup` to have it moved aside, then `companion restore --latest`."
                ) from None
        store = cls._assemble(
            folder, loaded, readonly=True, opening=Opening(folder), changes=ChangeCounter()
        )
        now = datetime.now(UTC)
        store.set_aside = [
            SetAsideRecord(
                file=relative(folder, item.path),
                table=r.table,
                doc_id=r.doc_id,
                reason=r.reason,
                raw=r.raw,
                at=now,
            )
            for item in loaded.values()
            for r in item.rejected
        ]
        return store

    @classmethod
    def _assemble(
        cls,
        folder: Path,
        loaded: dict[Path, Loaded],
        readonly: bool,
        opening: Opening,
        changes: ChangeCounter,
    ) -> Store:
        dbs: list[TinyDB] = []
        store: Store | None = None

        def guard(path: Path) -> None:
            if store is not None and path in store._blocked:
                raise RestoreFirstError(path)

        def load(path: Path) -> Loaded:
            item = loaded.get(path)
            if item is not None:
                return item
            if readonly:
                try:
                    return load_file(path)
                except InvalidFileError as exc:
                    raise DataUnreadableError(f"{path} could not be read: {exc.why}") from None
            item = opening.load(path)
            if item.changed:
                atomic_write(path, orjson.dumps(item.data))
            return item

        def db_for(path: Path) -> tuple[TinyDB, Validated]:
            item = loaded[path] = load(path)
            db = open_db(path, item.data, guard, changes)
            dbs.append(db)
            return db, item.validated

        def read_reviews(year: int) -> list[ReviewLog]:
            """Return one year's logs without keeping its file's content (a history read)."""
            item = load(folder / "reviews" / f"{year}.json")
            logs = item.validated.get("reviews", {}).values()
            return [log for log in logs if isinstance(log, ReviewLog)]

        def peek_reviews(year: int) -> list[ReviewLog] | None:
            """Return one year's logs, changing nothing (None when the file is damaged)."""
            path = folder / "reviews" / f"{year}.json"
            item = loaded.get(path)
            if item is None:
                try:
                    item = load_file(path)
                except (InvalidFileError, OSError):
                    return None
            logs = item.validated.get("reviews", {}).values()
            return [log for log in logs if isinstance(log, ReviewLog)]

        journal = JournalRepository(*db_for(folder / "journal.json"))
        cards = CardRepository(*db_for(folder / "cards.json"))
        reviews = ReviewRepository(
            folder / "reviews",
            lambda y: db_for(folder / "reviews" / f"{y}.json"),
            read_reviews,
            peek_reviews,
        )
        store = cls(
            folder,
            journal,
            cards,
            reviews,
            readonly=readonly,
            recovered=opening.recovered,
            set_aside=opening.set_aside,
            changes=changes,
            _dbs=dbs,
        )
        return store

    @property
    def needs_restore(self) -> list[SetAsideFile]:
        """Data files moved aside that still hold nothing: offer the restore first.

        A file stays listed, across opens, until a restore brings its records
        back or :meth:`accept_fresh_start` is called. While it is listed, every
        write to it raises :class:`RestoreFirstError`, so no onboarding or new
        record can start over a missing journal.
        """
        if self.readonly:
            return []
        return [
            f
            for f in Quarantine(self.folder).pending_files()
            if not _holds_records(self.folder / f.file)
        ]

    def accept_fresh_start(self) -> None:
        """Confirm starting the moved-aside files afresh; writes to them are allowed again."""
        pending = self.needs_restore
        Quarantine(self.folder).accept({f.file for f in pending})
        self._blocked.clear()

    def notices(self) -> list[str]:
        """Return what this open set aside, one plain sentence per table or file.

        For example "1 session could not be read and was set aside: date: …".
        """
        lines = [item.message() for item in self.recovered]
        by_table: dict[tuple[str, str], list[SetAsideRecord]] = {}
        for record in self.set_aside:
            by_table.setdefault((record.file, record.table), []).append(record)
        for (_file, table), records in by_table.items():
            lines.append(summary(table, records))
        return lines

    def record_review(self, state: CardState, log: ReviewLog) -> CardState:
        """Save one answer: the review log first, then the card's new state.

        A crash between the two leaves the card due again (it is shown once
        more), never a state without its log.
        """
        self.reviews.add(log)
        return self.cards.put_state(state)

    def close(self) -> None:
        """Release the lock. Every write is already on disk, so nothing is flushed."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _holds_records(path: Path) -> bool:
    """True when ``path`` is a readable data file with at least one record (never a link's)."""
    try:
        data = orjson.loads(read_data(path))
    except (OSError, InvalidFileError, orjson.JSONDecodeError):
        return False
    if not isinstance(data, dict):
        return False
    return any(isinstance(t, dict) and t for name, t in data.items() if name != META)
