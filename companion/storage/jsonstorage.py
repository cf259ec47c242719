"""A TinyDB storage that writes atomically and serves reads from memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from companion.storage.atomic import (
    DATA_FILE,
    MAX_DATA_FILE,
    FileTooLargeError,
    atomic_write,
    read_bytes,
)
from companion.storage.changes import ChangeCounter


class AtomicJSONStorage(Storage):
    """Keeps the whole file in memory; every write replaces the file atomically.

    TinyDB's stock ``JSONStorage`` re-reads the file on every operation and
    rewrites it in place, which is slow and can leave invalid JSON after a
    crash. Here the first read loads the file (or takes ``preloaded`` data that
    the opener already parsed and validated) and later reads come from memory.
    A failed write drops the memory copy, so the next read comes from the last
    state that reached the disk.
    """

    def __init__(
        self,
        path: str | Path,
        preloaded: dict[str, Any] | None = None,
        guard: Callable[[Path], None] | None = None,
    ) -> None:
        """Serve ``path``; ``preloaded`` is its already parsed content, if any.

        ``guard(path)`` runs before each write; when it raises, nothing is written.
        """
        self.path = Path(path)
        self._data: dict[str, Any] | None = preloaded
        self._guard = guard

    def read(self) -> dict[str, Any] | None:
        """Return the database content, loading the file the first time."""
        if self._data is None:
            if not self.path.exists():
                return None
            loaded = orjson.loads(read_bytes(self.path, MAX_DATA_FILE, DATA_FILE))
            self._data = loaded if isinstance(loaded, dict) else None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Write ``data`` to disk atomically, then keep it as the memory copy.

        A file that would be over :data:`~companion.storage.atomic.MAX_DATA_FILE`
        is not written (``FileTooLargeError``, naming it): the next open would refuse it.
        """
        try:
            if self._guard is not None:
                self._guard(self.path)
            payload = orjson.dumps(data)
            if len(payload) > MAX_DATA_FILE:
                raise FileTooLargeError(
                    self.path, len(payload), MAX_DATA_FILE, DATA_FILE, writing=True
                )
            atomic_write(self.path, payload)
        except BaseException:
            self._data = None
            raise
        self._data = data

    def close(self) -> None:
        """Nothing to flush: every write is already on disk."""


class AppendTable(Table):
    """A TinyDB table that can append many new documents in one write, cheaply.

    TinyDB's ``insert_multiple`` converts every document id of the table to an
    int and back on each call, so an import in batches paid for the whole
    growing table twice per batch; :meth:`append_many` touches only the new
    documents (then writes the file once, as ``insert_multiple`` does).
    """

    def append_many(self, documents: list[dict[str, Any]]) -> list[int]:
        """Append ``documents`` (new, JSON-ready dicts) in one write; return their ids."""
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.setdefault(self.name, {})
        doc_ids = []
        for document in documents:
            doc_id: int = self._get_next_id()  # type: ignore[no-untyped-call]
            raw[str(doc_id)] = document
            doc_ids.append(doc_id)
        try:
            self._storage.write(tables)  # a failure drops the memory copy (see write)
        finally:
            self.clear_cache()
        return doc_ids


class CompanionDB(TinyDB):
    """TinyDB whose tables can :meth:`~AppendTable.append_many`."""

    table_class = AppendTable


class CountingTable(AppendTable):
    """A TinyDB table that tells a :class:`ChangeCounter` about each of its writes."""

    def __init__(self, storage: Any, name: str, *, changes: ChangeCounter, **kwargs: Any) -> None:
        """Serve table ``name`` of ``storage``, counting its writes in ``changes``."""
        super().__init__(storage, name, **kwargs)
        self._changes = changes

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        try:
            super()._update_table(updater)
        finally:
            self._changes.bump(self.name)

    def append_many(self, documents: list[dict[str, Any]]) -> list[int]:
        """Append ``documents`` in one write (see :class:`AppendTable`), counting it."""
        try:
            return super().append_many(documents)
        finally:
            self._changes.bump(self.name)
