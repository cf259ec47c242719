"""Which content folders make up the curriculum for a data folder."""

from __future__ import annotations

from pathlib import Path

from companion.curriculum.catalogue import Curriculum
from companion.curriculum.locations import shipped_content_dir
from companion.curriculum.problems import Problem
from companion.domain.content import Origin


def content_roots(user_dir: Path | None) -> list[tuple[Path, Origin]]:
    """Return the shipped content folder and, when given and present, the user's own."""
    roots: list[tuple[Path, Origin]] = [(shipped_content_dir(), "shipped")]
    if user_dir is not None and user_dir.is_dir():
        roots.append((user_dir, "user"))
    return roots


def load_for(user_dir: Path | None, cache: Path | None = None) -> tuple[Curriculum, list[Problem]]:
    """Load the shipped curriculum with the user's own content on top.

    With ``cache``, a still-valid cache of the last load is used instead of
    parsing every file, and a fresh load refreshes it.
    """
    roots = content_roots(user_dir)
    key = ""
    if cache is not None:
        from companion.curriculum import cache as cached

        key = cached.fingerprint(roots)
        hit = cached.load(cache, key)
        if hit is not None:
            return hit
    # Parsing needs markdown-it and yaml: imported only when there is no valid cache.
    from companion.curriculum.loader import load_curriculum

    if cache is None:
        return load_curriculum(roots)
    curriculum, problems = load_curriculum(roots)
    cached.save(cache, key, curriculum, problems)
    return curriculum, problems
