"""The review logs: one file per year, and an index by card for each card's history."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from companion.domain.base import Role
from companion.domain.cards import ReviewLog
from companion.storage.records import Records
from companion.storage.review_index import YearIndex, unpack

Validated = Mapping[str, Mapping[str, Any]]


def _log_key(log: ReviewLog) -> str:
    return f"{log.role}:{log.card_id}:{log.reviewed_at.isoformat()}"


Index = YearIndex
"""One year's history index (``review_index.YearIndex``)."""


def _index_of(logs: list[ReviewLog]) -> Index:
    return YearIndex(logs)


class ReviewRepository:
    """The review logs, one file per year under ``reviews/`` so each write stays small.

    A year's file loads only when something asks for it. A card's history
    comes from an index by card, built once per year from that year's file
    and kept up to date by ``add``: three flat arrays a year (``YearIndex``),
    not the records, so the ten years a history reads are not all held in
    memory (a year is opened for writing, or for every log, only when that is
    asked for).
    """

    def __init__(
        self,
        folder: Path,
        opener: Callable[[int], tuple[TinyDB, Validated]],
        reader: Callable[[int], list[ReviewLog]] | None = None,
        peeker: Callable[[int], list[ReviewLog] | None] | None = None,
    ) -> None:
        """Serve ``folder``; ``opener(year)`` returns that year's database and its records.

        ``reader(year)`` returns that year's logs without keeping the file open
        (for the history index); without it the year is opened. ``peeker(year)``
        does the same without changing anything (safe in another thread), or
        returns None when the file needs the reader (it is damaged).
        """
        self._folder = folder
        self._opener = opener
        self._reader = reader
        self._peeker = peeker
        self._years: dict[int, Records[ReviewLog]] = {}
        self._history: dict[int, Index] = {}
        self._added: dict[int, int] = {}
        """Logs added per year: an index read meanwhile in another thread is dropped."""

    def _year(self, year: int) -> Records[ReviewLog]:
        if year not in self._years:
            db, validated = self._opener(year)
            self._years[year] = Records(
                db.table("reviews"), ReviewLog, _log_key, validated.get("reviews")
            )
        return self._years[year]

    def _card_index(self, year: int) -> Index:
        """Return ``year``'s reviews by card id, each list in the file's order."""
        index = self._history.get(year)
        if index is None:
            if year in self._years or self._reader is None:
                logs = self._year(year).all()
            else:
                logs = self._reader(year)
            index = _index_of(logs)
            self._history[year] = index
        return index

    def unindexed(self) -> list[int]:
        """Return the years whose history index is not built yet, newest first."""
        return [y for y in reversed(self.years()) if y not in self._history]

    def unindexed_size(self) -> int:
        """Return the bytes of the review files whose history index is not built yet."""
        size = 0
        for year in self.unindexed():
            with contextlib.suppress(OSError):
                size += (self._folder / f"{year}.json").lstat().st_size
        return size

    def build_index(self, year: int) -> tuple[int, Index] | None:
        """Read ``year``'s history index without changing anything (another thread may call it).

        Returns what :meth:`install_index` takes, or None when the year must be
        read the ordinary way (its file is damaged and is set aside then).
        """
        if self._peeker is None:
            return None
        added = self._added.get(year, 0)
        logs = self._peeker(year)
        return None if logs is None else (added, _index_of(logs))

    def install_index(self, year: int, built: tuple[int, Index]) -> None:
        """Keep an index from :meth:`build_index`, unless a log was added to its year since."""
        added, index = built
        if year not in self._history and self._added.get(year, 0) == added:
            self._history[year] = index

    def years(self) -> list[int]:
        """Return the years that have review logs, oldest first."""
        on_disk = {int(p.stem) for p in self._folder.glob("*.json") if p.stem.isdigit()}
        return sorted(on_disk | set(self._years))

    def add(self, log: ReviewLog) -> ReviewLog:
        """Append one review log to its year's file (replacing one with the same key)."""
        year = log.reviewed_at.year
        self._added[year] = self._added.get(year, 0) + 1
        try:
            stored = self._year(year).put(log)
        except BaseException:
            self._history.pop(year, None)  # rebuilt from the file on the next read
            raise
        index = self._history.get(year)
        if index is not None:
            index.put(stored)
        return stored

    def logs(self, card_id: str | None = None, role: Role | None = None) -> list[ReviewLog]:
        """Return review logs, oldest first, optionally for one card and/or one person.

        With ``card_id`` only that card's logs are read, through the index by card.
        """
        if card_id is not None:
            found = []
            for year in self.years():
                for moment, packed in self._card_index(year).pairs(card_id):
                    log = unpack(card_id, moment, packed)
                    if role is None or log.role == role:
                        found.append(log)
        else:
            found = [log for year in self.years() for log in self._year(year).all()]
            if role is not None:
                found = [log for log in found if log.role == role]
        return sorted(found, key=lambda log: log.reviewed_at)
