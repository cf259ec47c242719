"""A small summary of the dashboard, kept beside the data so the next start shows it at once.

The app draws the whole dashboard from it while the full journal opens; it is
only used when the data files are exactly as they were when it was written
(their sizes and modification times) and it was written today. The dashboard
draws its panels from the same :class:`Row` values whether they come from here
or from the open journal, so what the summary shows is what the journal shows.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SUMMARY_VERSION = 2
"""Bumped whenever the summary's meaning changes: an older one is ignored."""


class FileStamp(BaseModel):
    """One data file as it stood: its name, size and modification time (ns)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    size: Annotated[int, Field(ge=-1)]
    """-1 when the file did not exist."""
    mtime_ns: int


Short = Annotated[str, Field(max_length=2000)]

Style = Literal["", "bold", "dim", "red", "green", "yellow"]
"""The styles a piece of a row may have (nothing from the file is parsed as a style)."""

Classes = Annotated[str, Field(max_length=80, pattern=r"^[a-z][a-z -]*$")]
"""CSS classes of a row's widget, such as ``"line hint"``."""


class Piece(BaseModel):
    """A run of text in one style (user text stays text: it is never parsed as markup)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Short
    style: Style = ""


class Row(BaseModel):
    """One row of a dashboard panel, as plain data.

    ``kind`` says how it is drawn: ``line`` (one line, ellipsis when too long),
    ``text`` (wraps), ``bar`` (a module: title, progress bar of ``values`` =
    [done, total], count) or ``ratings`` (a sparkline of ``values``, then the pieces).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["line", "text", "bar", "ratings"] = "text"
    pieces: Annotated[list[Piece], Field(max_length=20)] = []
    classes: Classes | Literal[""] = ""
    values: Annotated[list[float], Field(max_length=50)] = []


Panels = dict[
    Annotated[str, Field(pattern=r"^#[a-z]+$", max_length=20)],
    Annotated[list[Row], Field(max_length=60)],
]
"""Each panel's selector (``#goals``) and its rows."""


class StartSummary(BaseModel):
    """What the dashboard showed last, and which state of the data it showed."""

    model_config = ConfigDict(extra="forbid")

    version: int = SUMMARY_VERSION
    written_on: date
    """The local day it was drawn (relative dates change overnight)."""
    files: list[FileStamp]
    title: Annotated[str, Field(max_length=500)]
    """The pair's names, as in the dashboard's subtitle."""
    panels: Annotated[Panels, Field(max_length=20)]
    """The rows of every panel, as last drawn."""
