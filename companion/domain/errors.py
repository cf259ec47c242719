"""Validation errors that read well to a person: the field, then the reason.

:func:`reason` turns one pydantic error into a short phrase (``must be between
5 and 240``) and :func:`sentence` into a sentence a person reads (``Minutes must
be between 5 and 240.``); pydantic's own wording (``Input should be ...``) is
never shown. :func:`between` gives a bounded number one message naming both ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError, WrapValidator
from pydantic_core import PydanticCustomError

_KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$"

OWN_KINDS = frozenset({"out_of_range", "readable"})
"""Error types whose message Companion wrote itself: shown as they are."""

LABELS: dict[str, str] = {
    "started_on": "Start date",
    "due": "Due date",
    "done_on": "Done date",
    "target_date": "Target date",
    "next_session_on": "Next session date",
    "session_minutes": "Session length",
    "programme_weeks": "Programme length",
    "lesson_ids": "Lessons",
    "shared_notes": "Shared notes",
}
"""How a field's name reads at the start of a sentence, where the name alone does not."""

_BOUNDS = frozenset({"greater_than_equal", "less_than_equal", "greater_than", "less_than"})

_SIMPLE: dict[str, str] = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be yes or no",
    "bool_type": "must be yes or no",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a group of fields",
    "model_type": "must be a group of fields",
    "model_attributes_type": "must be a group of fields",
    "timezone_aware": "must include a time zone",
    "date_type": "must be a date written YYYY-MM-DD",
    "datetime_type": "must be a date written YYYY-MM-DD",
    "time_parsing": "must be a time written HH:MM",
    "time_type": "must be a time written HH:MM",
    "frozen_instance": "cannot be changed",
}


def field_path(loc: Sequence[int | str]) -> str:
    """Return a location tuple as a dotted path, list positions counted from 1."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item + 1}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(the whole record)"


def _bound(kind: str, ctx: dict[str, Any]) -> str:
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    return f"must be less than {ctx.get('lt')}"


def reason(error: Any) -> str:
    """Return a short, plain reason for one pydantic error dictionary (never pydantic's text)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    msg = str(error.get("msg", "is not valid"))
    if kind in OWN_KINDS:
        return msg
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = str(ctx.get("ge", ctx.get("le", "")))
        if bound.startswith(("1970-01-01", "2100-12-31")):
            return "dates must be between 1970 and 2100"
    if kind in _BOUNDS:
        return _bound(kind, ctx)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _KEBAB:
        return "must be kebab-case (lower-case letters, digits and single hyphens)"
    if kind == "string_pattern_mismatch":
        return "is not in the expected form"
    if kind == "string_too_short":
        size = ctx.get("min_length", 1)
        return "must not be empty" if size == 1 else f"must be at least {size} characters"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} items"
    if kind == "too_long":
        return f"must have at most {ctx.get('max_length')} items"
    if kind == "literal_error" or kind == "enum":
        return "must be " + str(ctx.get("expected", "one of the allowed values"))
    if kind in {"date_from_datetime_parsing", "date_parsing", "datetime_parsing"}:
        return "is not a real date (" + str(ctx.get("error", "use YYYY-MM-DD")) + ")"
    if kind in {
        "date_type",
        "datetime_type",
        "date_from_datetime_inexact",
        "datetime_from_date_parsing",
    }:
        return "must be a date written YYYY-MM-DD"
    if kind in {"value_error", "assertion_error"}:
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if msg.startswith("Input should be "):
        return "must be " + msg.removeprefix("Input should be ")
    return "is not valid"


def label(loc: Sequence[int | str]) -> str:
    """Return how the field at ``loc`` reads at the start of a sentence.

    ``("minutes",)`` reads ``Minutes``; ``("agenda", 1, "minutes")`` reads
    ``Minutes of agenda item 2``; the whole record reads as an empty string.
    """
    names = [(i, part) for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return ""
    at, name = names[-1]
    text = LABELS.get(name) or name.replace("_", " ").replace("-", " ").capitalize()
    before = list(loc[:at])
    if len(before) >= 2 and isinstance(before[-1], int) and isinstance(before[-2], str):
        text += f" of {before[-2].replace('_', ' ')} item {before[-1] + 1}"
    elif loc[at + 1 :] and isinstance(loc[-1], int):
        text += f" (item {loc[-1] + 1})"
    return text


def sentence(error: Any) -> str:
    """Return one pydantic error as a full sentence a person reads (capitalised, with a stop)."""
    because = reason(error)
    name = label(error.get("loc", ()))
    text = f"{name} {because}" if name else because
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


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


def sentences_by_field(exc: ValidationError) -> dict[str, str]:
    """Return the first problem of each field path as a sentence (see :func:`sentence`)."""
    found: dict[str, str] = {}
    for error in exc.errors():
        found.setdefault(field_path(error["loc"]), sentence(error))
    return found


def between(low: float, high: float) -> WrapValidator:
    """Return a validator that words a number outside ``low``–``high`` as one reason.

    Put it after ``Field(ge=low, le=high)`` in ``Annotated`` (the schema keeps its
    bounds): a value out of range then reads ``must be between low and high``
    instead of pydantic's one-sided message.
    """

    def check(value: Any, handler: Callable[[Any], Any]) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            if all(e["type"] in _BOUNDS for e in exc.errors()):
                raise PydanticCustomError(
                    "out_of_range",
                    "must be between {low} and {high}",
                    {"low": low, "high": high},
                ) from None
            raise

    return WrapValidator(check)
