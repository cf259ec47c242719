"""Plain-text formatting of dates, counts and roles for the screens.

Kept free of pydantic and textual so the first screen can import it cheaply
(``rich.cells``, for the width of a character on screen, is small).
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
"""What stands for the cut end of elided text."""

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


def table_date(day: date, today: date | None = None) -> str:
    """Return a date as tables show it: ``Mon 23 Nov`` (10 columns).

    When ``today`` is given and ``day`` falls in another year, the year replaces
    the weekday: ``23 Nov 2025`` (11 columns), so an old date is never mistaken
    for this year's.
    """
    if today is not None and day.year != today.year:
        return f"{day.day:02d} {day:%b %Y}"
    return f"{day:%a} {day.day:02d} {day:%b}"


def elide(text: str, width: int) -> str:
    """Return ``text`` on one line, cut to ``width`` terminal cells with ``…`` at the end.

    Widths are counted in cells, so wide characters (CJK, most emoji) count
    two; text that fits is returned with only its line breaks and runs of
    spaces made single spaces. A width under 1 gives an empty string.
    """
    line = " ".join(text.split())
    if width < 1:
        return ""
    if cell_len(line) <= width:
        return line
    return set_cell_size(line, width - 1).rstrip() + ELLIPSIS


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
    """Return ``1 card`` or ``3 cards`` (``many`` for an irregular plural: ``2 people``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


THEME_NAMES = {
    "textual-ansi": "Terminal colours",
    "rose-pine": "Rosé Pine",
    "rose-pine-moon": "Rosé Pine Moon",
    "rose-pine-dawn": "Rosé Pine Dawn",
}
"""Theme names that do not read well when spelled from their id."""


def theme_label(theme: str) -> str:
    """Return a theme's name as people read it: ``textual-dark`` is ``Textual Dark``."""
    return THEME_NAMES.get(theme) or " ".join(w.capitalize() for w in theme.split("-"))


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
