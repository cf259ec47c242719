"""Where the pair's data lives: ``--data-dir``, then ``$COMPANION_HOME``, then the XDG place."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COMPANION_HOME"
"""The environment variable that overrides the data folder."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder to use, without creating it."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    # Resolved, so a data folder the user linked elsewhere is used where it really is;
    # links *inside* the data folder are refused (see storage/atomic.py).
    return Path(user_data_dir("companion", appauthor=False)).resolve()


def user_content_dir(data: Path) -> Path:
    """Return the folder of the user's own lessons and decks inside the data folder."""
    return data / "content"
