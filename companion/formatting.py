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


def _control_pictures() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟ (␛ for ESC)
    table[0x7F] = "␡"
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls: �
    for code in (0x2028, 0x2029, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = "\ufffd"  # line separators and bidirectional overrides
    return table


_CONTROLS = _control_pictures()
_CONTROLS_KEEP_LINES = {k: v for k, v in _CONTROLS.items() if k not in (0x09, 0x0A)}


def visible(text: str, *, keep_lines: bool = True) -> str:
    """Return ``text`` with every control character shown as a visible symbol.

    Escape becomes ``␛``, bell ``␇``, carriage return ``␍`` and so on (Unicode's
    control pictures); C1 controls, line separators and bidirectional overrides
    become ``�``. So an OSC or CSI sequence in user text is shown, never sent to
    the terminal. Newline and tab are kept unless ``keep_lines`` is false.
    """
    return text.translate(_CONTROLS_KEEP_LINES if keep_lines else _CONTROLS)
