"""Which content folders make up the curriculum for a data folder.

The user's ``content/`` lives in the data folder, where no symlink is followed:
a ``content`` that is a link is not read (the shipped curriculum still loads)
and is reported as a problem naming it.
"""

from __future__ import annotations

import stat
from pathlib import Path

from companion import gc_tuning
from companion.curriculum.catalogue import Curriculum
from companion.curriculum.locations import shipped_content_dir
from companion.curriculum.problems import Problem, link_problem
from companion.domain.content import Origin


def _lstat(path: Path) -> int | None:
    """Return the mode of ``path`` itself (a link is not followed), None when it is missing."""
    try:
        return path.lstat().st_mode
    except OSError:
        return None


def content_roots(user_dir: Path | None) -> list[tuple[Path, Origin]]:
    """Return the shipped content folder and, when given and a real folder, the user's own.

    A ``user_dir`` that is a symlink is left out (see :func:`refused_roots`).
    """
    roots: list[tuple[Path, Origin]] = [(shipped_content_dir(), "shipped")]
    mode = _lstat(user_dir) if user_dir is not None else None
    if user_dir is not None and mode is not None and stat.S_ISDIR(mode):
        roots.append((user_dir, "user"))
    return roots


def refused_roots(user_dir: Path | None) -> list[Problem]:
    """Return the problem naming ``user_dir`` when it is a symlink (then it is not read)."""
    mode = _lstat(user_dir) if user_dir is not None else None
    if user_dir is not None and mode is not None and stat.S_ISLNK(mode):
        return [link_problem(user_dir)]
    return []


def load_for(user_dir: Path | None, cache: Path | None = None) -> tuple[Curriculum, list[Problem]]:
    """Load the shipped curriculum with the user's own content on top.

    With ``cache``, a still-valid cache of the last load is used instead of
    parsing every file; when some file changed, only the files changed since the
    last load are read (the others' records are kept beside the cache), and the
    cache is refreshed. A ``user_dir`` that is a
    symlink is not read: the problem naming it is among those returned. The
    collector is paused meanwhile (see :func:`companion.gc_tuning.paused`).
    """
    with gc_tuning.paused():
        return _load_for(user_dir, cache)


def _load_for(user_dir: Path | None, cache: Path | None) -> tuple[Curriculum, list[Problem]]:
    roots = content_roots(user_dir)
    refused = refused_roots(user_dir)
    if cache is None:
        from companion.curriculum.loader import load_curriculum

        curriculum, problems = load_curriculum(roots)
        return curriculum, sorted([*problems, *refused])
    from companion.curriculum import cache as cached

    key = cached.fingerprint(roots)
    hit = cached.load(cache, key)
    if hit is not None:
        return hit[0], sorted([*hit[1], *refused])
    # Reading files needs markdown-it and yaml: imported only when some file changed.
    from companion.curriculum.kept_files import KeptFiles, kept_path
    from companion.curriculum.loader import load_curriculum

    kept = KeptFiles.load(kept_path(cache))
    curriculum, problems = load_curriculum(roots, kept)
    cached.save(cache, key, curriculum, problems)
    kept.save(kept_path(cache))
    return curriculum, sorted([*problems, *refused])
