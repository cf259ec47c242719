"""What the journal and log screens show: their rows as text, filtered and sorted, cached.

A screen asks once per open and gets every row it shows as strings, newest
first, with each column's widest cell (so a table can size its columns without
measuring thousands of cells). Results are cached until the records they come
from change (the journal repository's change marks), the day turns or the
curriculum is reloaded; asking again with the same filters returns the very
same object, so a screen can tell that it has nothing to redraw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, TypeVar

from rich.cells import cell_len

from companion.domain.journal_query import month_of, searchable_text
from companion.domain.log_totals import LogTotals, totals
from companion.domain.pair import first_names
from companion.formatting import table_date, visible

if TYPE_CHECKING:
    from companion.domain.log import LogEntry
    from companion.domain.sessions import Session
    from companion.programme.base import Core

Row = tuple[str, tuple[str, ...]]
"""A row's key (the record's id) and its cells, as shown."""

LogKind = Literal["all", "session", "informal"]
T = TypeVar("T")

JOURNAL_COLUMNS = ("Date", "Lessons", "Minutes", "Junior ★", "Senior ★", "Open actions", "Status")
LOG_COLUMNS = ("Date", "Minutes", "Topic", "Skills", "Kind")

_SEARCHES_KEPT = 32
"""Filtered listings kept per state of the records (search as you type asks often)."""


JOURNAL_TABLES = ("pair", "sessions", "actions", "log")
"""The tables the listings are built from: the cache empties when one is written."""


@dataclass(frozen=True, eq=False)
class Listing:
    """Rows of a table as shown, and each column's widest cell (labels included)."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class LogView:
    """The log screen's content: who, the totals, the skills to filter by, and the rows."""

    who: str
    totals: LogTotals
    listing: Listing


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()), keep_lines=False)


def _listing(columns: tuple[str, ...], rows: Sequence[Row]) -> Listing:
    widths = [cell_len(c) for c in columns]
    for _, cells in rows:
        for i, text in enumerate(cells):
            width = len(text) if text.isascii() else cell_len(text)
            if width > widths[i]:
                widths[i] = width
    return Listing(columns, tuple(rows), tuple(widths))


class Listings:
    """The journal's and the log's rows, built once per change of the records."""

    def __init__(self, programme: Core) -> None:
        """Serve ``programme``'s screens."""
        self._programme = programme
        self._state: Hashable = None
        self._cache: dict[Hashable, object] = {}
        self.builds = 0
        """How many listings were built rather than served from the cache (for tests)."""

    def _fresh(self) -> tuple[dict[Hashable, object], date]:
        """Return the cache for the records as they are now (emptied when they changed)."""
        programme = self._programme
        today = programme.today()
        state = (programme.changes.version(JOURNAL_TABLES), today, id(programme.curriculum))
        if state != self._state:
            self._state = state
            self._cache = {}
        return self._cache, today

    # -- the journal --------------------------------------------------------------------

    def _sessions(self) -> tuple[list[Session], list[str]]:
        """Every session with its searchable text (cached with the records)."""
        cache, _ = self._fresh()
        found = cache.get("sessions")
        if found is None:
            lessons = self._programme.curriculum.lessons
            sessions = self._programme.store.journal.sessions()
            found = (sessions, [searchable_text(s, lessons, False) for s in sessions])
            cache["sessions"] = found
        return found  # type: ignore[return-value]

    def journal_columns(self) -> tuple[str, ...]:
        """The journal's column labels: the ratings are headed by the pair's first names."""
        names = first_names(self._programme.store.journal.pair())
        labels = list(JOURNAL_COLUMNS)
        labels[3], labels[4] = f"{names['mentor']} ★", f"{names['mentee']} ★"
        return tuple(labels)

    def journal_months(self) -> list[str]:
        """Return the months that have sessions, newest first (``YYYY-MM``)."""
        sessions, _ = self._sessions()
        return sorted({month_of(s) for s in sessions}, reverse=True)

    def journal(
        self, text: str = "", module: str | None = None, month: str | None = None
    ) -> Listing:
        """Return the journal's rows matching the search and filters, newest first.

        ``text`` matches when each of its words is in the session's shared notes,
        reflections or lesson titles; ``module`` and ``month`` (``YYYY-MM``) filter.
        """
        words = tuple(text.lower().split())
        cache, today = self._fresh()
        key = ("journal", words, module, month)
        listing = cache.get(key)
        if isinstance(listing, Listing):
            return listing
        sessions, haystacks = self._sessions()
        lessons = self._programme.curriculum.lessons
        found = [
            s
            for s, hay in zip(sessions, haystacks, strict=True)
            if (not month or month_of(s) == month)
            and (
                not module or any(lessons[i].module == module for i in s.lesson_ids if i in lessons)
            )
            and all(w in hay for w in words)
        ]
        found.sort(key=lambda s: s.date, reverse=True)
        open_actions = Counter(
            a.session_id for a in self._programme.store.journal.actions() if not a.done
        )
        rows = [
            (
                s.id,
                (
                    table_date(s.date, today),
                    _one_line(
                        ", ".join(lessons[i].title if i in lessons else i for i in s.lesson_ids)
                        or "-"
                    ),
                    str(s.minutes),
                    str(s.reflections.mentor.rating or "-"),
                    str(s.reflections.mentee.rating or "-"),
                    str(open_actions[s.id]),
                    "finished" if s.status == "finished" else "in progress",
                ),
            )
            for s in found
        ]
        return self._keep(cache, key, _listing(self.journal_columns(), rows))

    # -- the mentoring log ----------------------------------------------------------------

    def log(self, kind: LogKind = "all", skill: str | None = None) -> LogView:
        """Return the log's totals and its entries of ``kind`` (with ``skill``), newest first."""
        cache, today = self._fresh()
        key = ("log", kind, skill)
        view = cache.get(key)
        if isinstance(view, LogView):
            return view
        entries: list[LogEntry] = self._programme.store.journal.log_entries()
        summary = cache.get("log totals")
        if not isinstance(summary, LogTotals):
            summary = cache["log totals"] = totals(entries)
        pair = self._programme.store.journal.pair()
        rows = [
            (
                e.id,
                (
                    table_date(e.date, today),
                    str(e.minutes),
                    _one_line(e.topic),
                    _one_line(", ".join(e.skills)),
                    "session" if e.session_id is not None else "informal",
                ),
            )
            for e in reversed(entries)
            if (kind == "all" or (kind == "session") == (e.session_id is not None))
            and (skill is None or skill in e.skills)
        ]
        who = pair.mentor.name if pair else "The junior"
        return self._keep(cache, key, LogView(who, summary, _listing(LOG_COLUMNS, rows)))

    def _keep(self, cache: dict[Hashable, object], key: Hashable, value: T) -> T:
        self.builds += 1
        if len(cache) > _SEARCHES_KEPT:
            for old in [k for k in cache if isinstance(k, tuple) and k[0] in ("journal", "log")]:
                del cache[old]
        cache[key] = value
        return value
