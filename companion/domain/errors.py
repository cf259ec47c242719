"""Validation errors that read well to a person: the field, then the reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

_KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$"


def field_path(loc: Sequence[int | str]) -> str:
    """Return a location tuple as a dotted path, list positions counted from 1."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item + 1}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(the whole record)"


def reason(error: Any) -> str:
    """Return a short, plain reason for one pydantic error dictionary."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    msg = str(error.get("msg", "is not valid"))
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _KEBAB:
        return "must be kebab-case (lower-case letters, digits and single hyphens)"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else msg.lower()
    if kind == "literal_error":
        return "must be " + str(ctx.get("expected", "one of the allowed values"))
    if kind in {"date_from_datetime_parsing", "date_parsing", "datetime_parsing"}:
        return "is not a real date (" + str(ctx.get("error", "use YYYY-MM-DD")) + ")"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = str(ctx.get("ge", ctx.get("le", "")))
        if bound.startswith(("1970-01-01", "2100-12-31")):
            return "dates must be between 1970 and 2100"
    if kind in {"date_type", "datetime_type"}:
        return "must be a date written YYYY-MM-DD"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def describe(exc: ValidationError) -> list[str]:
    """Return one ``field: reason`` line for each problem in ``exc``."""
    return [f"{field_path(e['loc'])}: {reason(e)}" for e in exc.errors()]


class ReadableError(Exception):
    """An error whose message is meant to be shown to a person as it is."""


def errors_by_field(exc: ValidationError) -> dict[str, str]:
    """Return the first reason for each field path, for showing next to form fields."""
    found: dict[str, str] = {}
    for error in exc.errors():
        found.setdefault(field_path(error["loc"]), reason(error))
    return found
