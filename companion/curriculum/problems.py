"""A problem found in a content file, reported as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
