"""Reading a file to import cards from: size-capped, UTF-8, errors naming the file and line."""

from __future__ import annotations

from pathlib import Path

from companion.domain.errors import ReadableError
from companion.storage.atomic import FileTooLargeError, read_bytes

MAX_IMPORT = 32 * 2**20
"""An import file larger than this is refused before it is read (50,000 Anki notes: ~6 MB)."""


class ImportFileError(ReadableError):
    """The file to import cannot be used; the message names it (and the line, when there is one)."""


def read_import(path: Path) -> str:
    """Return the text of the file to import at ``path``, or raise ImportFileError.

    A file over :data:`MAX_IMPORT` is refused without being read; a symlink,
    folder or unreadable file is refused; text that is not UTF-8 is named with
    its line.
    """
    try:
        raw = read_bytes(path, MAX_IMPORT, "a card import")
    except FileTooLargeError as exc:
        raise ImportFileError(f"{exc}; split it into smaller files") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path}:{line}: not UTF-8 text; export it from Anki (or save it) as UTF-8"
        ) from None
