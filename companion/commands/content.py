"""``companion content check``: validate the curriculum and say what is wrong, where."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.curriculum.loader import load_curriculum
from companion.curriculum.locations import shipped_content_dir
from companion.curriculum.sources import content_roots
from companion.domain.content import Origin


def check(path: str | None, data: Path) -> int:
    """Check ``path`` (on top of the shipped content) or the shipped plus the user's content.

    Prints a one-line summary and returns 0 when all is valid; otherwise prints
    one ``path:line: message`` line per problem and returns 1.
    """
    if path is None:
        roots = content_roots(data / "content")
    else:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            print(f"companion: {folder} is not a folder", file=sys.stderr)
            return 1
        shipped = shipped_content_dir()
        roots = [(shipped, "shipped")]
        if folder.resolve() != shipped.resolve():
            roots.append((folder, "user"))
    typed_roots: list[tuple[Path, Origin]] = [(p, o) for p, o in roots]  # type: ignore[misc]
    curriculum, problems = load_curriculum(typed_roots)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); {curriculum.summary()} loaded", file=sys.stderr)
        return 1
    print(f"content ok: {curriculum.summary()}")
    return 0
