"""A problem found in a content file, reported as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from companion.formatting import plural
from companion.storage.atomic import SymlinkRefusedError


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at one line (1-based)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @classmethod
    def at(cls, path: Path | str, line: int, message: str) -> Problem:
        """Return a problem for ``path`` at ``line`` (at least 1)."""
        return cls(str(path), max(1, line), message)


def link_problem(path: Path) -> Problem:
    """Return the problem reported for a symlink in the content folder (never followed)."""
    return Problem.at(path, 1, f"{SymlinkRefusedError(path).strerror}; it was not read")


SHOWN = 3
"""How many problems a start-up notice names before "and N more"."""


def own_content_notice(
    problems: list[Problem], content: Path, *, brief: bool = False
) -> str | None:
    """Return what to tell the pair about problems in their own ``content`` folder, or None.

    Names the first :data:`SHOWN` (path relative to the data folder, line, what
    is wrong) and how to see them all; ``brief`` (a small terminal): only how
    many there are. A problem about the folder itself (a symlink, already a
    warning when the data folder opens) is left out.
    """
    inside = [
        p for p in problems if Path(p.path).is_relative_to(content) and Path(p.path) != content
    ]
    if not inside:
        return None
    head = f"Your own content has {plural(len(inside), 'problem')}; what they affect was not loaded"
    see = "`companion content check` lists every problem."
    if brief:
        return f"{head}. {see}"
    base = content.parent
    lines = [f"{Path(p.path).relative_to(base)}:{p.line}: {p.message}" for p in inside[:SHOWN]]
    if (more := len(inside) - SHOWN) > 0:
        lines.append(f"…and {more} more.")
    return "\n".join([f"{head}:", *lines, see])
