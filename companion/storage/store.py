"""Opening the data folder: lock, recover damaged files, back up, migrate, serve repositories."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
from tinydb import TinyDB

from companion.domain.cards import CardState, ReviewLog
from companion.storage.atomic import atomic_write, clean_stray_temps, ensure_private_dir
from companion.storage.backups import best_backup, take_backup
from companion.storage.folder import prepare_data_folder
from companion.storage.lock import DataLock
from companion.storage.recovery import Recovered, move_aside
from companion.storage.repositories import (
    CardRepository,
    JournalRepository,
    ReviewRepository,
    open_db,
)
from companion.storage.schema import (
    InvalidFileError,
    Validated,
    empty,
    kind_of,
    migrate,
    parse,
    validate,
)


class DataUnreadableError(Exception):
    """A read-only open met a damaged file; nothing was changed."""


@dataclass
class _Loaded:
    path: Path
    data: dict[str, Any]
    changed: bool
    validated: Validated = field(default_factory=dict)


def _load(path: Path) -> _Loaded:
    kind = kind_of(path)
    if not path.exists():
        return _Loaded(path, empty(kind), True)
    data, changed = migrate(kind, parse(path), path)
    return _Loaded(path, data, changed, validate(kind, data, path))


def _load_or_recover(path: Path, recovered: list[Recovered]) -> _Loaded:
    """Load ``path``; if it is damaged, move it aside, note why, and start it empty."""
    try:
        return _load(path)
    except InvalidFileError as exc:
        folder = path.parent if path.parent.name != "reviews" else path.parent.parent
        moved = move_aside(path)
        recovered.append(Recovered(path, moved, exc.why, best_backup(folder)))
        return _Loaded(path, empty(kind_of(path)), True)


def _backup_on_open(folder: Path, recovered: list[Recovered]) -> tuple[Path | None, list[str]]:
    """Back up a changed state that loads; a damaged file is set aside, a full disk skips it."""
    if recovered:
        return None, []
    try:
        opened = frozenset({"journal.json", "cards.json"})  # validated just now by the open
        return take_backup(folder, only_if_changed=True, checked=opened), []
    except InvalidFileError as exc:
        _load_or_recover(exc.path, recovered)
        return None, []
    except OSError as exc:
        why = exc.strerror or str(exc)
        return None, [f"No backup was taken when Companion opened: {why} ({exc.filename})."]


@dataclass
class Store:
    """The open data folder and its repositories. Close it (or use ``with``) when done."""

    folder: Path
    journal: JournalRepository
    cards: CardRepository
    reviews: ReviewRepository
    readonly: bool = False
    recovered: list[Recovered] = field(default_factory=list)
    backup: Path | None = None
    warnings: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the open (a backup skipped)."""
    _lock: DataLock | None = None
    _dbs: list[TinyDB] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        readonly: bool = False,
        backup: bool = True,
        lock: DataLock | None = None,
    ) -> Store:
        """Open ``folder`` (created 0700 if missing).

        A writable open takes the folder's lock (raising ``LockHeldError`` when
        another process has it), removes temp files a crash left behind, moves
        any damaged file aside (see ``recovered``), takes a backup when the data
        changed since the last one, and migrates old schemas. A read-only open
        takes no lock and changes nothing; it raises ``DataUnreadableError``
        when a file is damaged. Pass ``lock`` when the caller already took it
        (the command line takes it before starting the app).
        """
        if readonly:
            return cls._open_readonly(folder)
        prepare_data_folder(folder)
        lock = lock if lock is not None and lock.held else DataLock(folder).acquire()
        try:
            return cls._open_locked(folder, lock, backup)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, folder: Path, lock: DataLock, backup: bool) -> Store:
        reviews_dir = ensure_private_dir(folder / "reviews")
        for where in (folder, reviews_dir):
            clean_stray_temps(where)
        loaded: dict[Path, _Loaded] = {}
        recovered: list[Recovered] = []
        # Review logs (the biggest files) are read when first needed, not here.
        for path in (folder / "journal.json", folder / "cards.json"):
            loaded[path] = _load_or_recover(path, recovered)
        # A backup after a recovery would become "the latest" and hide the good one.
        made, warnings = _backup_on_open(folder, recovered) if backup else (None, [])
        for item in loaded.values():
            if item.changed:
                atomic_write(item.path, orjson.dumps(item.data))
        store = cls._assemble(folder, loaded, readonly=False, recovered=recovered)
        store._lock, store.backup, store.warnings = lock, made, warnings
        return store

    @classmethod
    def _open_readonly(cls, folder: Path) -> Store:
        if not (folder / "journal.json").exists():
            raise DataUnreadableError(f"{folder} holds no Companion data (no journal.json)")
        paths = [folder / "journal.json", folder / "cards.json"]
        paths += (
            sorted((folder / "reviews").glob("*.json")) if (folder / "reviews").is_dir() else []
        )
        loaded: dict[Path, _Loaded] = {}
        for path in paths:
            try:
                loaded[path] = _load(path)
            except InvalidFileError as exc:
                raise DataUnreadableError(
                    f"{path} could not be read: {exc.why}. Open the app or run "
                    "`companion backup` to have it moved aside, then `companion restore --latest`."
                ) from None
        return cls._assemble(folder, loaded, readonly=True, recovered=[])

    @classmethod
    def _assemble(
        cls, folder: Path, loaded: dict[Path, _Loaded], readonly: bool, recovered: list[Recovered]
    ) -> Store:
        dbs: list[TinyDB] = []

        def db_for(path: Path) -> tuple[TinyDB, Validated]:
            item = loaded.get(path)
            if item is None:
                if readonly:
                    try:
                        item = _load(path)
                    except InvalidFileError as exc:
                        raise DataUnreadableError(f"{path} could not be read: {exc.why}") from None
                else:
                    item = _load_or_recover(path, recovered)
                    if item.changed:
                        atomic_write(path, orjson.dumps(item.data))
                loaded[path] = item
            db = open_db(path, item.data)
            dbs.append(db)
            return db, item.validated

        journal = JournalRepository(*db_for(folder / "journal.json"))
        cards = CardRepository(*db_for(folder / "cards.json"))
        reviews = ReviewRepository(
            folder / "reviews", lambda y: db_for(folder / "reviews" / f"{y}.json")
        )
        return cls(
            folder, journal, cards, reviews, readonly=readonly, recovered=recovered, _dbs=dbs
        )

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
