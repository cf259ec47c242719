"""A small summary of the dashboard, kept beside the data so the next start shows it at once.

This pydantic model writes the summary (and checks it is not too big to keep);
the app reads it with :func:`companion.domain.start_check.parse_summary`, which
checks the same types and limits with the standard library only, so pydantic is
not imported before the first frame.

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

from companion.domain.start_check import SUMMARY_VERSION
from companion.domain.start_rows import Style

__all__ = ["SUMMARY_VERSION", "FileStamp", "Piece", "Row", "StartSummary", "Style"]


class FileStamp(BaseModel):
    """One data file as it stood: its name, size and modification time (ns)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    size: Annotated[int, Field(ge=-1)]
    """-1 when the file did not exist."""
    mtime_ns: int


Short = Annotated[str, Field(max_length=2000)]

Classes = Annotated[str, Field(max_length=80, pattern=r"^[a-z][a-z -]*$")]
"""CSS classes of a row's widget, such as ``"line hint"``."""


class Piece(BaseModel):
    """The file's form of a :class:`~companion.domain.start_rows.Piece`: text in one style.

    User text stays text: it is never parsed as markup.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Short
    style: Style = ""


class Row(BaseModel):
    """The file's form of a :class:`~companion.domain.start_rows.Row`: one row of a panel.

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
