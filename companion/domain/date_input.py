"""Dates as people type them: ISO, day/month/year, ``today``, ``tomorrow``, ``+7d``.

Every date field in the app goes through :func:`parse_date_input`, which returns the
date and a sentence saying what it understood, or raises :class:`DateInputError` with a
sentence a person reads. Dates outside 1970–2100 are refused everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EARLIEST = date(1970, 1, 1)
"""The first date any field accepts."""

LATEST = date(2100, 12, 31)
"""The last date any field accepts."""

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*(d|day|days|w|week|weeks)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}


class DateInputError(ValueError):
    """A typed date that cannot be understood or is out of range; the message is for people."""


@dataclass(frozen=True)
class UnderstoodDate:
    """A parsed date and the sentence that says how it was read."""

    value: date
    said: str


def describe_date(value: date) -> str:
    """Return a date as people read it: ``Monday 30 November 2026``."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def understood_line(value: date) -> str:
    """Return the line shown under a date field: ``Understood: Mon 30 Nov 2026``."""
    return f"Understood: {value:%a} {value.day} {value:%b %Y}"


def check_range(value: date) -> date:
    """Return ``value`` if it lies within 1970–2100, else raise :class:`DateInputError`."""
    if not EARLIEST <= value <= LATEST:
        raise DateInputError("Dates must be between 1970 and 2100.")
    return value


def parse_date_input(text: str, today: date) -> UnderstoodDate:
    """Read ``text`` as a date relative to ``today`` (the local day).

    Accepts ``2026-11-30``, ``30/11/2026`` (day first, as most of the world writes
    it; ``30.11.2026`` too), ``today``, ``tomorrow``, ``yesterday``, ``+7d``, ``+2w``
    and ``-3d``.
    """
    raw = text.strip().lower()
    if not raw:
        raise DateInputError("Type a date, for example 2026-11-30, 30/11/2026 or +7d.")
    if raw in _WORDS:
        value = check_range(today + timedelta(days=_WORDS[raw]))
        return UnderstoodDate(value, f"{raw.capitalize()}: {describe_date(value)}")
    relative = _RELATIVE.match(raw)
    if relative:
        sign, amount, unit = relative.groups()
        days = int(amount) * (7 if unit and unit.startswith("w") else 1)
        try:
            value = today + timedelta(days=days if sign == "+" else -days)
        except OverflowError as exc:
            raise DateInputError("Dates must be between 1970 and 2100.") from exc
        return UnderstoodDate(check_range(value), describe_date(value))
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy")):
        found = pattern.match(raw)
        if found is None:
            continue
        parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
        try:
            value = date(parts["y"], parts["m"], parts["d"])
        except ValueError as exc:
            raise DateInputError(f"{text.strip()} is not a real date ({exc}).") from exc
        return UnderstoodDate(check_range(value), describe_date(value))
    raise DateInputError(
        f"{text.strip()[:40]} is not a date Companion understands; "
        "use 2026-11-30, 30/11/2026, today, tomorrow or +7d."
    )
