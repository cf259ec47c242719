"""Totals of the junior's mentoring log: sessions, hours, topics, skills, hours per month."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from companion.domain.log import LogEntry


@dataclass(frozen=True)
class LogTotals:
    """What the log adds up to."""

    entries: int
    sessions: int
    informal: int
    minutes: int
    topics: int
    skills: dict[str, int]
    months: list[tuple[str, float]]
    """Hours per month, oldest first, with empty months included."""

    @property
    def hours(self) -> float:
        """Total time in hours."""
        return self.minutes / 60


def _month_range(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def totals(entries: Sequence[LogEntry]) -> LogTotals:
    """Add the log up."""
    per_month: Counter[str] = Counter()
    skills: Counter[str] = Counter()
    for entry in entries:
        per_month[entry.date.strftime("%Y-%m")] += entry.minutes
        skills.update(entry.skills)
    months: list[tuple[str, float]] = []
    if entries:
        dates = [e.date for e in entries]
        months = [(m, per_month[m] / 60) for m in _month_range(min(dates), max(dates))]
    return LogTotals(
        entries=len(entries),
        sessions=sum(1 for e in entries if e.session_id),
        informal=sum(1 for e in entries if not e.session_id),
        minutes=sum(e.minutes for e in entries),
        topics=len({e.topic.strip().lower() for e in entries}),
        skills=dict(skills.most_common()),
        months=months,
    )
