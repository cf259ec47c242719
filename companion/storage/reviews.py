"""The review logs: one file per year, and an index by card for each card's history."""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from companion.domain.base import Role
from companion.domain.cards import ReviewLog
from companion.storage.records import Records

Validated = Mapping[str, Mapping[str, Any]]


def _log_key(log: ReviewLog) -> str:
    return f"{log.role}:{log.card_id}:{log.reviewed_at.isoformat()}"


Index = dict[str, "array[int]"]
"""One year's history index: card id to its reviews, two 64-bit numbers each.

The first number is the moment (microseconds since 1970, UTC), the second packs
the duration, the rating and the role: 16 bytes a review instead of a record.
"""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_ROLE_BIT: dict[str, int] = {"mentee": 0, "mentor": 1}
_ROLE_OF: tuple[Role, Role] = ("mentee", "mentor")


_LONGEST = 2**58
"""Durations are kept up to this many ms (nine million years) so they fit 64 bits."""


def _pack(log: ReviewLog) -> tuple[int, int]:
    took = -1 if log.duration_ms is None else min(log.duration_ms, _LONGEST)
    detail = ((took + 1) << 4) | (log.rating << 1) | _ROLE_BIT[log.role]
    return (log.reviewed_at - _EPOCH) // _MICRO, detail


def _unpack(card_id: str, moment: int, packed: int) -> ReviewLog:
    took = (packed >> 4) - 1
    return ReviewLog.model_construct(
        card_id=card_id,
        role=_ROLE_OF[packed & 1],
        rating=(packed >> 1) & 7,
        reviewed_at=_EPOCH + moment * _MICRO,
        duration_ms=None if took < 0 else took,
    )


def _index_of(logs: list[ReviewLog]) -> Index:
    index: Index = {}
    for log in logs:
        found = index.get(log.card_id)
        if found is None:
            found = index[log.card_id] = array("q")
        found.extend(_pack(log))
    return index


class ReviewRepository:
    """The review logs, one file per year under ``reviews/`` so each write stays small.

    A year's file loads only when something asks for it. A card's history
    comes from an index by card, built once per year from that year's file
    and kept up to date by ``add``: small tuples, not the records, so the ten
    years a history reads are not all held in memory (a year is opened for
    writing, or for every log, only when that is asked for).
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
            same = index.setdefault(stored.card_id, array("q"))
            moment, packed = _pack(stored)
            for i in range(0, len(same), 2):
                if same[i] == moment and same[i + 1] & 1 == packed & 1:  # same moment and role
                    same[i + 1] = packed
                    break
            else:
                same.extend((moment, packed))
        return stored

    def logs(self, card_id: str | None = None, role: Role | None = None) -> list[ReviewLog]:
        """Return review logs, oldest first, optionally for one card and/or one person.

        With ``card_id`` only that card's logs are read, through the index by card.
        """
        if card_id is not None:
            found = []
            for year in self.years():
                packed = self._card_index(year).get(card_id, ())
                for i in range(0, len(packed), 2):
                    log = _unpack(card_id, packed[i], packed[i + 1])
                    if role is None or log.role == role:
                        found.append(log)
        else:
            found = [log for year in self.years() for log in self._year(year).all()]
            if role is not None:
                found = [log for log in found if log.role == role]
        return sorted(found, key=lambda log: log.reviewed_at)
