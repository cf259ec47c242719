"""Reading the start-up summary with the standard library only (no pydantic at start-up).

:func:`parse_summary` checks every field's type and size exactly as the
pydantic model :class:`companion.domain.start_summary.StartSummary` does (which
still writes the file), and is stricter where the model would convert: a
number given as a string, a boolean for a number, a date in another form, a
value that is not finite or a string that is not valid Unicode. Anything that
does not fit makes the whole summary invalid, and an invalid summary is ignored.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any, cast

from companion.domain.start_rows import Kind, Piece, Row, Style

SUMMARY_VERSION = 2
"""Bumped whenever the summary's meaning changes: an older one is ignored."""

STYLES = frozenset(("", "bold", "dim", "red", "green", "yellow"))
KINDS = frozenset(("line", "text", "bar", "ratings"))
LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
CLASS_CHARS = LOWER | {" ", "-"}

MAX_TITLE, MAX_TEXT, MAX_CLASSES, MAX_SELECTOR = 500, 2000, 80, 20
MAX_PANELS, MAX_ROWS, MAX_PIECES, MAX_VALUES = 20, 60, 20, 50

Summary = tuple[str, dict[str, list[Row]]]
"""The pair's title and the rows of each panel."""

Stamps = list[tuple[str, int, int]]
"""(name, size, mtime_ns) of each data file, as the summary must record them."""


class Invalid(ValueError):
    """The summary does not fit its format (never shown: the summary is just ignored)."""


def parse_summary(raw: bytes, today: date, stamps: Stamps) -> Summary | None:
    """Return the summary in ``raw`` if valid, written ``today`` and of ``stamps``; else None."""
    try:
        data = json.loads(raw, parse_constant=_no_constant)
        version, written_on, files, title, panels = _fields(data)
        if version != SUMMARY_VERSION or written_on != today.isoformat():
            return None
        if _stamps(files) != stamps:
            return None
        return _text(title, MAX_TITLE), _panels(panels)
    except (ValueError, TypeError, RecursionError):  # Invalid is a ValueError
        return None


def _no_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which JSON does not have."""
    raise Invalid(name)


def _fields(data: object) -> tuple[object, object, object, object, object]:
    """Return the top-level fields (version defaults to the current one); no others allowed."""
    obj = _object(data, {"version", "written_on", "files", "title", "panels"})
    for name in ("written_on", "files", "title", "panels"):
        if name not in obj:
            raise Invalid(name)
    version = obj.get("version", SUMMARY_VERSION)
    _integer(version)
    return version, _text(obj["written_on"], 10), obj["files"], obj["title"], obj["panels"]


def _object(value: object, allowed: set[str]) -> dict[str, object]:
    """Return ``value`` as a JSON object whose keys are all ``allowed``."""
    if type(value) is not dict:
        raise Invalid("not an object")
    obj = cast(dict[str, object], value)
    if not obj.keys() <= allowed:
        raise Invalid("unknown field")
    return obj


def _list(value: object, most: int | None = None) -> list[object]:
    """Return ``value`` as a JSON array of at most ``most`` items."""
    if type(value) is not list:
        raise Invalid("not an array")
    items = cast(list[object], value)
    if most is not None and len(items) > most:
        raise Invalid("too many items")
    return items


def _integer(value: object) -> int:
    """Return ``value`` as an integer (a boolean is not one)."""
    if type(value) is not int:
        raise Invalid("not an integer")
    return value


def _number(value: object) -> float:
    """Return ``value`` as a finite number."""
    if type(value) is not int and type(value) is not float:
        raise Invalid("not a number")
    number = float(cast(float, value))
    if not math.isfinite(number):
        raise Invalid("not finite")
    return number


def _text(value: object, most: int) -> str:
    """Return ``value`` as a string of at most ``most`` characters, valid Unicode."""
    if type(value) is not str:
        raise Invalid("not a string")
    text = value
    if len(text) > most:
        raise Invalid("too long")
    text.encode()  # a lone surrogate raises UnicodeEncodeError (a ValueError)
    return text


def _stamps(value: object) -> Stamps:
    """Return the file stamps: name, size (at least -1) and mtime_ns of each."""
    found = []
    for item in _list(value):
        stamp = _object(item, {"name", "size", "mtime_ns"})
        if stamp.keys() != {"name", "size", "mtime_ns"}:
            raise Invalid("missing field")
        name, size = stamp["name"], _integer(stamp["size"])
        if type(name) is not str or size < -1:
            raise Invalid("bad stamp")
        found.append((name, size, _integer(stamp["mtime_ns"])))
    return found


def _panels(value: object) -> dict[str, list[Row]]:
    """Return each panel's selector (``#goals``) and its rows."""
    if type(value) is not dict:
        raise Invalid("not an object")
    panels = cast(dict[str, object], value)
    if len(panels) > MAX_PANELS:
        raise Invalid("too many panels")
    rows = {}
    for selector, items in panels.items():
        name = selector[1:]
        if len(selector) > MAX_SELECTOR or selector[:1] != "#" or not name:
            raise Invalid("bad selector")
        if not set(name) <= LOWER:
            raise Invalid("bad selector")
        rows[selector] = [_row(item) for item in _list(items, MAX_ROWS)]
    return rows


def _row(value: object) -> Row:
    """Return one row (every field has a default)."""
    obj = _object(value, {"kind", "pieces", "classes", "values"})
    kind = obj.get("kind", "text")
    if type(kind) is not str or kind not in KINDS:
        raise Invalid("bad kind")
    pieces = [_piece(item) for item in _list(obj.get("pieces", []), MAX_PIECES)]
    classes = _text(obj.get("classes", ""), MAX_CLASSES)
    if classes and (classes[0] not in LOWER or not set(classes) <= CLASS_CHARS):
        raise Invalid("bad classes")
    values = [_number(item) for item in _list(obj.get("values", []), MAX_VALUES)]
    return Row(kind=cast(Kind, kind), pieces=pieces, classes=classes, values=values)


def _piece(value: object) -> Piece:
    """Return one piece of text and its style."""
    obj = _object(value, {"text", "style"})
    if "text" not in obj:
        raise Invalid("missing text")
    style = obj.get("style", "")
    if type(style) is not str or style not in STYLES:
        raise Invalid("bad style")
    return Piece(text=_text(obj["text"], MAX_TEXT), style=cast(Style, style))
