"""The demo pair's exports match golden files (regenerate with COMPANION_GOLDEN=write)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from companion.commands.data import render
from companion.programme.core import Programme
from tests.apphelpers import TODAY, demo_folder

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("report.md", "md", None),
    ("sessions.csv", "csv", "sessions"),
    ("log.csv", "csv", "log"),
    ("actions.csv", "csv", "actions"),
]


@pytest.mark.parametrize(("name", "fmt", "what"), CASES)
def test_demo_exports_match_golden_files(
    tmp_path: Path, name: str, fmt: str, what: str | None
) -> None:
    data = demo_folder(tmp_path / "data")
    with Programme.opened(data, readonly=True) as programme:
        text = render(programme, fmt, include_private=False, what=what, today=TODAY)
    assert text is not None
    golden = GOLDEN / name
    if os.environ.get("COMPANION_GOLDEN") == "write":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_csv_exports_are_spreadsheet_friendly(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    with Programme.opened(data, readonly=True) as programme:
        text = render(programme, "csv", include_private=False, what="sessions", today=TODAY)
    assert text is not None
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["date", "minutes", "status"]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert all(len(row[0]) == 10 and row[0][4] == "-" for row in rows[1:])  # ISO dates
