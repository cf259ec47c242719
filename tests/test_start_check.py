"""The start-up summary's standard-library reader agrees with the pydantic model it replaced.

The app reads ``.cache/dashboard.json`` with :func:`parse_summary` (no pydantic
before the first frame); :class:`StartSummary` still writes it. A summary with a
wrong type or an oversized value anywhere is ignored by the new reader, as the
model refuses it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from companion.domain.start_check import parse_summary
from companion.domain.start_rows import Piece, Row
from companion.domain.start_summary import StartSummary

TODAY = date(2026, 11, 25)
STAMPS = [("journal.json", 1234, 1_700_000_000_000_000_000), ("cards.json", -1, 0)]


def _valid() -> dict[str, Any]:
    """Return a summary as the app writes it: every kind of row, every optional field."""
    panels = {
        "#rhythm": [
            Row(pieces=[Piece(text="Ada (junior) · Grace (senior)")], classes="line"),
            Row(kind="ratings", pieces=[Piece(text=" latest 4.5/5")], values=[3.0, 4.5]),
        ],
        "#modules": [Row(kind="bar", pieces=[Piece(text="Git [b]basics[/b]")], values=[2, 5])],
        "#goals": [
            Row(kind="line", pieces=[Piece(text="● ", style="green"), Piece(text="Ship")]),
            Row(pieces=[Piece(text="No goals yet.")], classes="panel-empty"),
        ],
        "#wins": [],
    }
    summary = StartSummary(
        written_on=TODAY,
        files=[{"name": n, "size": s, "mtime_ns": m} for n, s, m in STAMPS],
        title="Ada & Grace",
        panels={s: [asdict(r) for r in rows] for s, rows in panels.items()},
    )
    return json.loads(summary.model_dump_json())


def _both(data: object) -> tuple[bool, bool]:
    """Return whether the new reader and the pydantic model each accept ``data``."""
    raw = json.dumps(data).encode()
    try:
        StartSummary.model_validate_json(raw)
        model = True
    except ValidationError:
        model = False
    return parse_summary(raw, TODAY, STAMPS) is not None, model


def _paths(value: object, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every value inside ``value`` (object keys and array indexes)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replaced(data: dict[str, Any], path: tuple[Any, ...], value: object) -> object:
    """Return a copy of ``data`` with the value at ``path`` replaced by ``value``."""
    if not path:
        return value
    changed = copy.deepcopy(data)
    parent: Any = changed
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return changed


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def test_a_valid_summary_reads_the_same_rows_as_were_written() -> None:
    data = _valid()
    shown = parse_summary(json.dumps(data).encode(), TODAY, STAMPS)
    assert shown is not None
    title, panels = shown
    model = StartSummary.model_validate(data)
    assert title == model.title == "Ada & Grace"
    expected = {
        s: [
            Row(
                kind=r.kind,
                pieces=[Piece(text=p.text, style=p.style) for p in r.pieces],
                classes=r.classes,
                values=list(r.values),
            )
            for r in rows
        ]
        for s, rows in model.panels.items()
    }
    assert panels == expected
    assert panels["#modules"][0].values == [2.0, 5.0]


def test_a_wrong_type_in_any_field_makes_the_summary_ignored() -> None:
    data = _valid()
    paths = list(_paths(data))
    assert len(paths) > 40  # every field of every row, piece and stamp
    for path in paths:
        wrong = {} if isinstance(_get(data, path), list) else []
        assert _both(_replaced(data, path, wrong)) == (False, False), path
        if not isinstance(_get(data, path), str):  # the model would convert "2"; not this one
            assert _both(_replaced(data, path, "2"))[0] is False, path


@pytest.mark.parametrize(
    "wrong",
    [True, 1.5, None, "-1", 10**30 * 1.0],
)
def test_numbers_are_exact_integers(wrong: object) -> None:
    data = _valid()
    for path in [("version",), ("files", 0, "size"), ("files", 0, "mtime_ns")]:
        assert (
            parse_summary(json.dumps(_replaced(data, path, wrong)).encode(), TODAY, STAMPS) is None
        )


def test_extra_or_missing_fields_make_the_summary_ignored() -> None:
    data = _valid()
    for path in [(), ("files", 0), ("panels", "#rhythm", 0), ("panels", "#goals", 0, "pieces", 0)]:
        extended = copy.deepcopy(data)
        _get(extended, path)["extra"] = 1
        assert _both(extended) == (False, False), path
    for field in ["written_on", "files", "title", "panels"]:
        missing = copy.deepcopy(data)
        del missing[field]
        assert _both(missing) == (False, False), field
    missing = copy.deepcopy(data)
    del missing["panels"]["#goals"][0]["pieces"][0]["text"]
    assert _both(missing) == (False, False)
    missing = copy.deepcopy(data)
    del missing["files"][0]["size"]
    assert _both(missing) == (False, False)


@pytest.mark.parametrize(
    ("path", "most", "item"),
    [
        (("title",), 500, "x"),
        (("panels", "#rhythm", 0, "pieces", 0, "text"), 2000, "x"),
        (("panels", "#rhythm", 0, "classes"), 80, "a"),
        (("panels", "#rhythm", 0, "pieces"), 20, {"text": "x"}),
        (("panels", "#rhythm", 1, "values"), 50, 1.0),
        (("panels", "#wins"), 60, {"kind": "text"}),
    ],
)
def test_each_size_limit_is_the_models(path: tuple[Any, ...], most: int, item: object) -> None:
    data = _valid()
    for size, accepted in [(most, True), (most + 1, False)]:
        value: object = item * size if isinstance(item, str) else [item] * size
        assert _both(_replaced(data, path, value)) == (accepted, accepted), (path, size)


def test_too_many_panels_and_bad_names_styles_kinds_classes() -> None:
    data = _valid()
    many = copy.deepcopy(data)
    many["panels"] = {f"#{chr(97 + i)}": [] for i in range(20)}
    assert _both(many) == (True, True)
    many["panels"]["#zz"] = []
    assert _both(many) == (False, False)
    cases: list[tuple[tuple[Any, ...], object]] = [
        (("panels", "#rhythm", 0, "pieces", 0, "style"), "blink"),
        (("panels", "#rhythm", 0, "pieces", 0, "style"), "[red]"),
        (("panels", "#rhythm", 0, "kind"), "table"),
        (("panels", "#rhythm", 0, "classes"), "Line"),
        (("panels", "#rhythm", 0, "classes"), " line"),
        (("panels", "#rhythm", 0, "classes"), "line\n"),
        (("files", 0, "size"), -2),
    ]
    for path, value in cases:
        assert _both(_replaced(data, path, value)) == (False, False), (path, value)
    for selector in ["rhythm", "#", "#Rhythm", "#a1", "#rhythm\n", "#" + "a" * 20]:
        renamed = copy.deepcopy(data)
        renamed["panels"][selector] = []
        assert _both(renamed) == (False, False), selector


def test_another_day_version_or_state_of_the_files_is_ignored() -> None:
    raw = json.dumps(_valid()).encode()
    assert parse_summary(raw, TODAY, STAMPS) is not None
    assert parse_summary(raw, date(2026, 11, 26), STAMPS) is None
    assert parse_summary(raw, TODAY, [STAMPS[0], ("cards.json", 10, 5)]) is None
    old = json.dumps({**_valid(), "version": 1}).encode()
    assert parse_summary(old, TODAY, STAMPS) is None


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"version": NaN}',
        json.dumps(_valid()).replace("Ada & Grace", "\\ud800").encode(),
        json.dumps(_valid()).replace("3.0", "Infinity").encode(),
    ],
)
def test_unreadable_bytes_are_ignored(raw: bytes) -> None:
    assert parse_summary(raw, TODAY, STAMPS) is None


def test_reading_the_summary_does_not_import_pydantic() -> None:
    import subprocess
    import sys

    code = (
        "import sys, companion.programme.start_summary, companion.screens.dashboard;"
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
