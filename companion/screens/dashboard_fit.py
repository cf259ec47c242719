"""How much the dashboard shows: more rows on a tall terminal, module rows that fit their panel.

At 80x24 the dashboard shows three recent sessions and wins; a 200x60 terminal
has room for many more, so each list grows with the height instead of leaving
the bottom half of the screen empty. A module's name is never cut by its
progress bar: when the longest name and a usable bar do not fit on one line,
every bar moves under its name, and a name wider than its panel wraps at its
spaces (the full name also shows as the row's tooltip and on the curriculum
screen).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

BASE_HEIGHT = 30
"""Up to this terminal height the dashboard shows its shortest lists."""

NARROW = 60
"""Below this terminal width the dashboard's panels go one under another, each full width
(side by side, a 40-column terminal leaves each panel 16 columns: names cut, dates wrapped)."""

BAR_MIN = 10
"""The narrowest progress bar worth drawing beside a module's name."""

COUNT_WIDTH = 6
"""The width of a module's "3/10" count (the dashboard's CSS)."""


@dataclass(frozen=True)
class Limits:
    """How many entries each dashboard list shows."""

    sessions: int = 3
    wins: int = 3
    gains: int = 2
    items: int = 5
    """Goals and open actions."""


def limits_for(height: int) -> Limits:
    """Return the list lengths for a terminal ``height`` rows tall (more rows, longer lists)."""
    extra = max(0, height - BASE_HEIGHT)
    return Limits(
        sessions=min(3 + extra // 2, 12),
        wins=min(3 + extra // 3, 10),
        gains=min(2 + extra // 3, 8),
        items=min(5 + extra // 4, 10),
    )


def modules_stacked(width: int, names: list[str]) -> bool:
    """Whether module bars go under their names: the longest name and a bar do not fit ``width``."""
    longest = max((cell_len(name) for name in names), default=0)
    return longest + 1 + BAR_MIN + COUNT_WIDTH > width
