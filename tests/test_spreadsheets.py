"""Spreadsheet safety: formula-like CSV cells are defused; raw HTML in notes is escaped."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from companion.cli import main
from companion.domain.csv_export import actions_csv, defuse, log_csv, sessions_csv
from companion.domain.log import LogEntry
from companion.domain.report import cell, no_html
from companion.domain.sessions import ActionItem, Session
from companion.storage.store import Store
from tests.apphelpers import demo_folder, over

DANGEROUS = ["=SUM(A1:A9)", "+44 20 7946 0000", "-ish, as they say", "@channel", "\tx", "\rx"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_a_spreadsheet_would_run_get_a_quote(value: str) -> None:
    assert defuse(value) == "'" + value


@pytest.mark.parametrize("value", ["plain words", "2026-11-23", "", "it's = fine", 5, -3])
def test_other_cells_are_left_alone(value: object) -> None:
    assert defuse(value) == value


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_every_export_defuses_and_raw_does_not() -> None:
    session = Session(date=date(2026, 11, 23), shared_notes='=HYPERLINK("http://x")')
    action = ActionItem(owner="mentee", text="-try the new tool", session_id=session.id)
    entry = LogEntry(date=date(2026, 11, 23), minutes=30, topic="@mentions")
    assert _rows(sessions_csv([session], [action], {}))[1][11] == '\'=HYPERLINK("http://x")'
    assert _rows(sessions_csv([session], [action], {}, raw=True))[1][11].startswith("=")
    assert _rows(actions_csv([action], [session]))[1][2] == "'-try the new tool"
    assert _rows(actions_csv([action], [session], raw=True))[1][2] == "-try the new tool"
    assert _rows(log_csv([entry]))[1][2] == "'@mentions"
    assert _rows(log_csv([entry], raw=True))[1][2] == "@mentions"
    # numbers and dates stay numbers and dates
    assert _rows(log_csv([entry]))[1][:2] == ["2026-11-23", "30"]


def test_export_raw_flag_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_folder(tmp_path / "data")
    with Store.open(data) as store:
        store.journal.add_log_entry(LogEntry(date=date(2026, 11, 2), minutes=5, topic="=1+1"))
    assert main(["--data-dir", str(data), "export", "--format", "csv", "--what", "log"]) == 0
    assert "'=1+1" in capsys.readouterr().out
    args = ["--data-dir", str(data), "export", "--format", "csv", "--what", "log", "--raw"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "=1+1" in out and "'=1+1" not in out


def test_raw_html_in_notes_is_escaped_in_the_report() -> None:
    assert no_html("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>"
    assert no_html("P&L and R&D") == "P&L and R&D"
    assert no_html("&amp; &#60;") == "&amp;amp; &amp;#60;"
    assert cell("<b>bold</b> | pipe") == "&lt;b>bold&lt;/b> \\| pipe"


def test_report_shows_html_in_notes_as_text(tmp_path: Path) -> None:
    from companion.commands.data import render
    from tests.apphelpers import TODAY

    data = demo_folder(tmp_path / "data")
    with Store.open(data) as store:
        session = Session(date=TODAY, shared_notes="Try <img src=x onerror=alert(1)> here")
        store.journal.add_session(session)
        store.journal.add_action(
            ActionItem(owner="shared", text="Read <b>this</b>", session_id=session.id)
        )
    with Store.open(data, readonly=True) as store:
        text = render(
            over(data, store), "md", include_private=False, today=TODAY, include_notes=True
        )
    assert text is not None
    assert "> Try &lt;img src=x onerror=alert(1)> here" in text
    assert "Read &lt;b>this&lt;/b>" in text
    assert "<img" not in text and "<b>" not in text
