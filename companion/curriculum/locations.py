"""Where the shipped curriculum lives, for editable installs and installed wheels alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_content_dir() -> Path:
    """Return the folder holding the shipped ``content/``.

    An installed wheel carries it inside the package as ``companion/content``;
    a source checkout (or an editable install) has it at the top of the repository.
    """
    packaged = Path(str(resources.files("companion"))) / "content"
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / "content"
    if source.is_dir():
        return source
    raise FileNotFoundError(f"the shipped curriculum is missing: looked in {packaged} and {source}")
