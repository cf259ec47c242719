"""A change counter per table: which kinds of record were written, and how often.

Every write to a table (insert, update, delete) bumps that table's count once it
reached the disk or failed (a failed write may still have changed what is read
next, so it counts too). Screens keep the counts they drew and redraw only what
changed since (the dashboard's panels).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


class ChangeCounter:
    """How many times each table was written since the data folder was first opened.

    One counter outlives a reopen of the folder (a restore): :meth:`reopened`
    bumps the ``epoch`` so everything counts as changed afterwards.
    """

    def __init__(self) -> None:
        """Start with nothing written."""
        self._counts: Counter[str] = Counter()

    def bump(self, table: str) -> None:
        """Count one write to ``table``."""
        self._counts[table] += 1

    def reopened(self) -> None:
        """The folder's files were replaced: every kind of record counts as changed."""
        self._counts["epoch"] += 1

    def version(self, tables: Iterable[str]) -> tuple[int, ...]:
        """Return the counts of ``tables`` (and the epoch): equal tuples mean nothing changed."""
        return (self._counts["epoch"], *(self._counts[t] for t in tables))
