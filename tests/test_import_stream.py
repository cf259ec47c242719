"""Imports stream: bad rows skipped and named, one write per batch, Ctrl+C stops cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.domain import card_import
from companion.domain.anki import parse_anki
from companion.domain.card_import import stream_import
from companion.domain.cards import Card
from companion.storage import atomic
from companion.storage.store import Store


def anki_file(rows: int, bad_lines: dict[int, tuple[str, str]] | None = None) -> str:
    """An Anki notes export: a header, then ``rows`` notes (some replaced by bad ones)."""
    lines = ["#separator:tab", "#html:false", "#guid column:1", "#notetype column:2"]
    for number in range(rows):
        guid, term = (bad_lines or {}).get(number, (f"g{number:06d}", f"term {number}"))
        lines.append(f"{guid}\tBasic\t{term}\tmeaning of {term}")
    return "\n".join(lines) + "\n"


def test_over_long_fields_are_skipped_rows_not_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data, backup=False).close()
    bad = {3: ("g3", "x" * 2500), 7: ("G" * 120, "long guid")}
    source = tmp_path / "notes.txt"
    source.write_text(anki_file(12, bad), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "--data-dir",
            str(data),
            "import-cards",
            str(source),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:8:" in result.stderr  # row 3 is on line 8 (after four header lines)
    with Store.open(data, readonly=True) as store:
        terms = {c.term for c in store.cards.cards()}
    assert "term 0" in terms and "term 11" in terms
    assert not any(len(t) > 2000 for t in terms)
    assert "skipped 1" in result.stdout or "skipped 2" in result.stdout


def test_batches_are_one_write_each_and_a_stop_says_where(tmp_path: Path) -> None:
    parsed = parse_anki(anki_file(2000), "notes.txt")
    writes: list[int] = []
    asked = iter([False, False, True])
    report = stream_import(
        parsed.rows,
        {},
        lambda cards: writes.append(len(cards)),
        batch_size=500,
        should_stop=lambda: next(asked),
    )
    assert writes == [500, 500]
    assert report.imported == 1000 and report.total == 2000
    assert report.stopped_at == parsed.rows[1000].line
    assert report.summary().startswith(
        f"imported 1000 of 2000, stopped at line {report.stopped_at}"
    )


def test_import_into_the_store_writes_the_cards_file_once_per_batch(tmp_path: Path) -> None:
    data = tmp_path / "data"
    parsed = parse_anki(anki_file(1200), "notes.txt")
    calls: list[Path] = []
    real = atomic.atomic_write

    def counting(path: Path, payload: bytes) -> None:
        calls.append(path)
        real(path, payload)

    from companion.storage import jsonstorage

    with Store.open(data, backup=False) as store:
        jsonstorage.atomic_write = counting  # type: ignore[assignment]
        try:
            first = stream_import(parsed.rows, {}, store.cards.put_cards, batch_size=400)
            existing: dict[str, Card] = {c.id: c for c in store.cards.cards()}
            again = stream_import(parsed.rows, existing, store.cards.put_cards, batch_size=400)
        finally:
            jsonstorage.atomic_write = real  # type: ignore[assignment]
    assert first.added == 1200 and again.updated == 1200 and again.added == 0
    assert [p.name for p in calls] == ["cards.json"] * 6


def _import_counting_writes(data: Path, rows: int) -> list[tuple[str, int]]:
    """Import ``rows`` generated notes through the use cases; return each write (file, bytes)."""
    from companion.programme.core import Programme
    from companion.storage import jsonstorage

    parsed = parse_anki(anki_file(rows), "notes.txt")
    writes: list[tuple[str, int]] = []
    real = jsonstorage.atomic_write

    def counting(path: Path, payload: bytes) -> None:
        writes.append((path.name, len(payload)))
        real(path, payload)

    with Programme.opened(data) as programme, pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonstorage, "atomic_write", counting)
        result = programme.cards.import_parsed(parsed)
    assert result.added == rows and not result.problems
    return writes


def test_an_import_ten_times_larger_writes_about_ten_times_the_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes and writes grow linearly: one atomic write per batch, about 20 batches.

    The floor of rows per write (500, so a small import is written once or twice)
    is lowered to 50 here, so that 1,000 and 10,000 rows both make about 20
    writes, as every import above 10,000 rows does with the real floor. An import
    that rewrote the cards file for every card makes 1,000 writes of the small
    one; one with a fixed batch writes about 70 times the bytes for ten times the rows.
    """
    monkeypatch.setattr(card_import, "MIN_BATCH", 50)
    small = _import_counting_writes(tmp_path / "small", 1_000)
    assert {name for name, _ in small} == {"cards.json"}
    assert len(small) <= card_import.WRITES + 1
    large = _import_counting_writes(tmp_path / "large", 10_000)
    assert {name for name, _ in large} == {"cards.json"}
    assert len(large) <= card_import.WRITES + 1
    small_bytes, large_bytes = sum(b for _, b in small), sum(b for _, b in large)
    assert large_bytes <= 12 * small_bytes, (small_bytes, large_bytes)
    final = large[-1][1]
    assert large_bytes <= (card_import.WRITES + 2) / 2 * final  # about 10.5 times the file


def test_the_real_batches_make_at_most_about_twenty_writes_at_any_size() -> None:
    for total in (1, 499, 501, 10_000, 50_000, 100_003, 1_000_000):
        size = card_import.batch_size_for(total)
        assert size >= card_import.MIN_BATCH
        assert -(-total // size) <= card_import.WRITES + 1, total
