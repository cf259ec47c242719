"""One rule for tags and skills everywhere: comma-separated, trimmed, duplicates removed."""

from __future__ import annotations

from collections.abc import Iterable


def normalise_tags(items: str | Iterable[str]) -> list[str]:
    """Return tags from a comma-separated string (or a list of them), in first-seen order.

    Each tag is trimmed and its inner spaces collapsed; empty ones go; a tag that
    differs from an earlier one only by case (``casefold``) is a duplicate and goes.
    """
    pieces = (
        items.split(",") if isinstance(items, str) else [p for i in items for p in i.split(",")]
    )
    seen: set[str] = set()
    tags: list[str] = []
    for piece in pieces:
        tag = " ".join(piece.split())
        key = tag.casefold()
        if tag and key not in seen:
            seen.add(key)
            tags.append(tag)
    return tags


def tags_text(tags: Iterable[str]) -> str:
    """Return tags as the text a form field shows: ``a, b, c``."""
    return ", ".join(tags)
