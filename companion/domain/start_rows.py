"""A dashboard panel's rows as plain data: what the panels draw and the start-up summary keeps.

Plain frozen dataclasses (no pydantic), so the first frame can draw them from
the start-up summary without importing the validation library; the summary's
file format and its limits are in :mod:`companion.domain.start_summary` and
:mod:`companion.domain.start_check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["", "bold", "dim", "red", "green", "yellow"]
"""The styles a piece of a row may have (nothing from the file is parsed as a style)."""

Kind = Literal["line", "text", "bar", "ratings"]
"""How a row is drawn (see :class:`Row`)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text in one style (user text stays text: it is never parsed as markup)."""

    text: str
    style: Style = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a dashboard panel, as plain data.

    ``kind`` says how it is drawn: ``line`` (one line, ellipsis when too long),
    ``text`` (wraps), ``bar`` (a module: title, progress bar of ``values`` =
    [done, total], count) or ``ratings`` (a sparkline of ``values``, then the pieces).
    """

    kind: Kind = "text"
    pieces: list[Piece] = field(default_factory=list)
    classes: str = ""
    values: list[float] = field(default_factory=list)
