"""A typed table: one TinyDB table of one domain model, keyed by a string id."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter
from tinydb.table import Document, Table

from companion.storage.jsonstorage import AppendTable

M = TypeVar("M", bound=BaseModel)


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _dump_all(model: type[BaseModel], items: list[M]) -> list[dict[str, Any]]:
    """Return ``items`` as JSON-ready dicts, in one call for many (an import)."""
    if len(items) < 50:
        return [i.model_dump(mode="json") for i in items]
    dumped: list[dict[str, Any]] = _list_adapter(model).dump_python(items, mode="json")
    return dumped


class Records(Generic[M]):
    """Domain models in a TinyDB table; callers never see a TinyDB document.

    Models are validated once and cached until the table changes; an index from
    each record's key to its TinyDB document id makes updates and deletes direct.
    Writes are counted per table by :class:`~companion.storage.changes.ChangeCounter`.
    """

    def __init__(
        self,
        table: Table,
        model: type[M],
        key: Callable[[M], str],
        validated: Mapping[str, Any] | None = None,
    ) -> None:
        """Wrap ``table``, whose documents are ``model`` records identified by ``key``.

        ``validated`` holds the table's records already validated on open (by
        TinyDB document id), so they are not validated a second time.
        """
        self._table = table
        self._model = model
        self._key = key
        self._items: dict[str, M] | None = None
        self._doc_ids: dict[str, int] = {}
        if validated is not None:
            items = {key(m): m for m in validated.values()}
            self._doc_ids = {key(m): int(doc_id) for doc_id, m in validated.items()}
            self._items = items

    def _load(self) -> dict[str, M]:
        if self._items is None:
            items: dict[str, M] = {}
            doc_ids: dict[str, int] = {}
            for doc in self._table.all():
                item = self._model.model_validate(dict(doc))
                items[self._key(item)] = item
                doc_ids[self._key(item)] = doc.doc_id
            self._items, self._doc_ids = items, doc_ids
        return self._items

    def all(self) -> list[M]:
        """Return every record, in insertion order."""
        return list(self._load().values())

    def get(self, key: str) -> M | None:
        """Return the record with ``key``, or None."""
        return self._load().get(key)

    def put(self, item: M) -> M:
        """Insert ``item`` or replace the record with the same key; return it."""
        item = self._model.model_validate(item.model_dump())
        items = self._load()
        key = self._key(item)
        doc: dict[str, Any] = item.model_dump(mode="json")
        try:
            if key in self._doc_ids:
                doc_id = self._doc_ids[key]

                def replace(stored: MutableMapping[Any, Any]) -> None:
                    stored.clear()
                    stored.update(doc)

                self._table.update(replace, doc_ids=[doc_id])
            else:
                self._doc_ids[key] = self._table.insert(doc)
        except BaseException:
            self._items = None
            raise
        items[key] = item
        return item

    def put_many(self, items: list[M], *, validated: bool = False) -> None:
        """Store several records: the changed ones in one write, the new ones in another.

        Each record is validated again (a ``model_copy`` skips validation) unless
        the caller says every one was just built by validation (``validated``).
        """
        current = self._load()
        check = (
            (lambda i: i) if validated else (lambda i: self._model.model_validate(i.model_dump()))
        )
        fresh = list({self._key(i): check(i) for i in items}.values())
        new = [i for i in fresh if self._key(i) not in self._doc_ids]
        known = [i for i in fresh if self._key(i) in self._doc_ids]
        if known:
            docs = iter([i.model_dump(mode="json") for i in known])

            def replace(stored: MutableMapping[Any, Any]) -> None:
                # TinyDB applies this to ``doc_ids`` in the order given.
                stored.clear()
                stored.update(next(docs))

            try:
                self._table.update(replace, doc_ids=[self._doc_ids[self._key(i)] for i in known])
            except BaseException:
                self._items = None
                raise
            for item in known:
                current[self._key(item)] = item
        if not new:
            return
        try:
            dumped = _dump_all(self._model, new)
            if isinstance(self._table, AppendTable):
                doc_ids = self._table.append_many(dumped)
            else:
                doc_ids = self._table.insert_multiple(dumped)
        except BaseException:
            self._items = None
            raise
        for item, doc_id in zip(new, doc_ids, strict=True):
            current[self._key(item)] = item
            self._doc_ids[self._key(item)] = doc_id

    def delete(self, key: str) -> bool:
        """Delete the record with ``key``; return whether there was one."""
        self._load()
        doc_id = self._doc_ids.get(key)
        if doc_id is None:
            return False
        try:
            self._table.remove(doc_ids=[doc_id])
        except BaseException:
            self._items = None
            raise
        assert self._items is not None
        del self._items[key]
        del self._doc_ids[key]
        return True

    def put_single(self, item: M) -> M:
        """Store ``item`` as the one record of a single-record table (pair, settings)."""
        item = self._model.model_validate(item.model_dump())
        try:
            self._table.upsert(Document(item.model_dump(mode="json"), doc_id=1))
        except BaseException:
            self._items = None
            raise
        self._items = {"1": item}
        self._doc_ids = {"1": 1}
        return item

    def single(self) -> M | None:
        """Return the one record of a single-record table, or None."""
        records = self.all()
        return records[0] if records else None
