"""``companion content check``: validate the curriculum and say what is wrong, where."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.formatting import plural
from companion.programme.core import Programme


def check(path: str | None, data: Path) -> int:
    """Check ``path`` (on top of the shipped content) or the shipped plus the user's content.

    Prints a one-line summary and returns 0 when all is valid; otherwise prints
    one ``path:line: message`` line per problem and returns 1.
    """
    folder = None
    if path is not None:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            print(f"companion: {folder} is not a folder", file=sys.stderr)
            return 1
    curriculum, problems = Programme(data).data.check_content(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{plural(len(problems), 'problem')}; {curriculum.summary()} loaded", file=sys.stderr)
        return 1
    print(f"content ok: {curriculum.summary()}")
    return 0
