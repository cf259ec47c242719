"""One year's review history by card, packed into three flat arrays.

A year's index was a dict of one ``array`` per card: at ten years 20,000
small arrays, their buffers and 20,000 copies of the card ids, made in a
thread among the 100,000 records it reads and throws away. Scattered through
the allocator's pages, they kept about 20 MB of them in use for good. Here a
year is the card ids in order (the same string for one id in every year),
where each card's reviews start, and the reviews, two 64-bit numbers each:
three allocations a year, whatever the number of cards.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from companion.domain.base import Role
from companion.domain.cards import ReviewLog

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_ROLE_BIT: dict[str, int] = {"mentee": 0, "mentor": 1}
_ROLE_OF: tuple[Role, Role] = ("mentee", "mentor")

_LONGEST = 2**58
"""Durations are kept up to this many ms (nine million years) so they fit 64 bits."""


def pack(log: ReviewLog) -> tuple[int, int]:
    """Return ``log`` as two numbers: its moment (µs since 1970, UTC) and the rest packed.

    The second packs the duration, the rating and the role (its lowest bit).
    """
    took = -1 if log.duration_ms is None else min(log.duration_ms, _LONGEST)
    detail = ((took + 1) << 4) | (log.rating << 1) | _ROLE_BIT[log.role]
    return (log.reviewed_at - _EPOCH) // _MICRO, detail


def unpack(card_id: str, moment: int, packed: int) -> ReviewLog:
    """Return the review log that :func:`pack` made ``moment`` and ``packed`` of."""
    took = (packed >> 4) - 1
    return ReviewLog.model_construct(
        card_id=card_id,
        role=_ROLE_OF[packed & 1],
        rating=(packed >> 1) & 7,
        reviewed_at=_EPOCH + moment * _MICRO,
        duration_ms=None if took < 0 else took,
    )


class YearIndex:
    """One year's reviews by card id, each card's in the file's order (then as added)."""

    __slots__ = ("_added", "_data", "_ids", "_starts")

    def __init__(self, logs: Iterable[ReviewLog]) -> None:
        """Index ``logs`` (one year's, in the file's order)."""
        ordered = sorted(logs, key=lambda log: log.card_id)  # stable: file order per card
        ids: list[str] = []
        starts = array("q")
        data = array("q")
        for log in ordered:
            if not ids or ids[-1] != log.card_id:
                ids.append(sys.intern(log.card_id))
                starts.append(len(data))
            data.extend(pack(log))
        starts.append(len(data))
        self._ids, self._starts, self._data = ids, starts, data
        self._added: dict[str, array[int]] = {}
        """Reviews added since the index was built, by card id."""

    def _span(self, card_id: str) -> tuple[int, int]:
        i = bisect_left(self._ids, card_id)
        if i < len(self._ids) and self._ids[i] == card_id:
            return self._starts[i], self._starts[i + 1]
        return 0, 0

    def pairs(self, card_id: str) -> Iterator[tuple[int, int]]:
        """Yield ``card_id``'s reviews as (moment, packed), in the file's order, then as added."""
        data = self._data
        start, end = self._span(card_id)
        for i in range(start, end, 2):
            yield data[i], data[i + 1]
        added = self._added.get(card_id, ())
        for i in range(0, len(added), 2):
            yield added[i], added[i + 1]

    def put(self, log: ReviewLog) -> None:
        """Add ``log``, or replace the review of its card at the same moment by the same person."""
        moment, packed = pack(log)
        data = self._data
        start, end = self._span(log.card_id)
        for i in range(start, end, 2):
            if data[i] == moment and data[i + 1] & 1 == packed & 1:
                data[i + 1] = packed
                return
        added = self._added.setdefault(sys.intern(log.card_id), array("q"))
        for i in range(0, len(added), 2):
            if added[i] == moment and added[i + 1] & 1 == packed & 1:
                added[i + 1] = packed
                return
        added.extend((moment, packed))
