"""Writing a whole new data folder at once (demo data, benchmarks), not one insert at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from companion.storage.atomic import atomic_write, ensure_private_dir
from companion.storage.lock import DataLock
from companion.storage.schema import META, TABLES, empty


def _file(kind: str, tables: Mapping[str, Iterable[BaseModel]]) -> dict[str, Any]:
    data = empty(kind)
    for name, records in tables.items():
        model = TABLES[kind][name]
        table: dict[str, Any] = {}
        for number, record in enumerate(records, start=1):
            table[str(number)] = model.model_validate(record).model_dump(mode="json")
        data[name] = table
    return data


def _holds_records(path: Path) -> bool:
    if not path.exists():
        return False
    data = orjson.loads(path.read_bytes())
    return isinstance(data, dict) and any(v for k, v in data.items() if k != META)


def write_new_folder(
    folder: Path,
    journal: Mapping[str, Iterable[BaseModel]],
    cards: Mapping[str, Iterable[BaseModel]],
    reviews: Mapping[int, Iterable[BaseModel]],
) -> None:
    """Write ``folder``'s journal, cards and review years in one atomic write per file.

    Each mapping goes from table name (or year) to its records, validated here.
    Refuses (FileExistsError) a folder that already holds records, and holds the
    folder's lock while writing.
    """
    ensure_private_dir(folder)
    lock = DataLock(folder).acquire()
    try:
        targets = [folder / "journal.json", folder / "cards.json"]
        targets += [folder / "reviews" / f"{year}.json" for year in reviews]
        for path in targets:
            if _holds_records(path):
                raise FileExistsError(f"{path} already holds records")
        atomic_write(folder / "journal.json", orjson.dumps(_file("journal", journal)))
        atomic_write(folder / "cards.json", orjson.dumps(_file("cards", cards)))
        ensure_private_dir(folder / "reviews")
        for year, logs in reviews.items():
            payload = orjson.dumps(_file("reviews", {"reviews": logs}))
            atomic_write(folder / "reviews" / f"{year}.json", payload)
    finally:
        lock.release()
