"""The one-time notice shown after a person's old plain-text notes were encrypted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def migration_notice(name: str, backups: Sequence[Path]) -> str:
    """Return the notice for ``name``, naming the ``backups`` that still hold plain text.

    ``backups`` comes from ``companion.storage.plaintext.plaintext_backups``.
    The text is plain (show it as data, never as markup).
    """
    lines = [f"{name}, your private notes are now encrypted with your passphrase."]
    if backups:
        lines += [
            "These backups were taken before and still hold them as plain text:",
            *(f"  {path}" for path in backups),
            "Remove them with: companion backup --prune-plaintext",
        ]
    else:
        lines.append("No backup holds them as plain text.")
    return "\n".join(lines)
