"""Plain-text formatting of dates, counts and roles for the screens.

Kept free of pydantic and textual so the first screen can import it cheaply.
"""

from __future__ import annotations

from datetime import date

ROLE_LABELS: dict[str, str] = {
    "mentor": "junior mentor",
    "mentee": "senior mentee",
    "both": "both",
    "shared": "shared",
}
"""How each role reads in a sentence."""


def short_date(day: date) -> str:
    """Return a date like ``Tue 24 Nov 2026``."""
    return day.strftime("%a %d %b %Y")


def relative_days(day: date, today: date) -> str:
    """Return ``today``, ``tomorrow``, ``in 3 days``, ``yesterday`` or ``5 days ago``."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return ``1 session`` or ``3 sessions``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def role_label(role: str) -> str:
    """Return how a role reads in a sentence (``junior mentor``, ``senior mentee``, ``both``)."""
    return ROLE_LABELS.get(role, role)
