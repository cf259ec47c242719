"""A small summary of the dashboard, kept beside the data so the next start shows it at once.

The app draws the dashboard's first panel from it while the full journal opens;
it is only used when the data files are exactly as they were when it was written
(their sizes and modification times) and it was written today.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SUMMARY_VERSION = 1
"""Bumped whenever the summary's meaning changes: an older one is ignored."""


class FileStamp(BaseModel):
    """One data file as it stood: its name, size and modification time (ns)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    size: Annotated[int, Field(ge=-1)]
    """-1 when the file did not exist."""
    mtime_ns: int


class StartSummary(BaseModel):
    """What the dashboard showed last, and which state of the data it showed."""

    model_config = ConfigDict(extra="forbid")

    version: int = SUMMARY_VERSION
    written_on: date
    """The local day it was drawn (relative dates change overnight)."""
    files: list[FileStamp]
    title: Annotated[str, Field(max_length=500)]
    """The pair's names, as in the dashboard's subtitle."""
    rhythm: Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=20)]
    """The lines of the "Our rhythm" panel, as plain text."""
