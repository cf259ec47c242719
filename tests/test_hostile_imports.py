"""Hostile card imports (hypothesis): no traceback, messages naming the file and line, nothing lost.

Anki text exports and CSV files damaged every way a file from elsewhere can
be: truncated, random bytes, invalid UTF-8, NUL bytes, deep nesting of quotes
and HTML, header values of the wrong type, 10 MB fields, and a 50 MB file
(refused by its size before it is read). The pair's own cards are never
changed by rows that do not match them, and the imported file is never written.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.commands.cards import import_cards
from companion.domain.cards import Card
from companion.programme.core import Programme
from companion.programme.import_source import MAX_IMPORT, ImportFileError
from companion.storage.store import Store

OWN = [
    Card(id=f"own-{i}", term=f"Zephyr own {i}", definition="Mine.", deck="mine", audience="mentee")
    for i in range(3)
]

GOOD = (
    "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
    "#tags column:6\n"
    "g1\tBasic\tWork\tBurn rate\tHow fast cash goes.<br>Per month.\tfinance\n"
    'g2\tBasic\tWork\t"Quoted ""term"""\t"Two\nlines"\t\n'
    "g3\tBasic\tWork\tKPI\t<div>A number you <b>watch</b>.</div>\tmetrics\n"
)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imports") / "data"
    with Store.open(folder, backup=False) as store:
        store.cards.put_cards(OWN)
    return folder


@st.composite
def hostile(draw: st.DrawFn) -> bytes:
    """One kind of damage to an Anki export or CSV file."""
    original = GOOD.encode()
    how = draw(
        st.sampled_from(
            ["truncate", "random", "bad-utf8", "nul", "deep", "wrong-type", "huge-field", "csv"]
        )
    )
    if how == "truncate":
        return original[: draw(st.integers(0, len(original) - 1))]
    if how == "random":
        return draw(st.binary(max_size=300))
    if how in {"bad-utf8", "nul"}:
        at = draw(st.integers(0, len(original)))
        return original[:at] + (b"\xff\xfe\xc3" if how == "bad-utf8" else b"\x00") + original[at:]
    if how == "deep":
        depth = draw(st.sampled_from([50, 1000, 20_000]))
        nest = draw(st.sampled_from(["quotes", "html"]))
        field = '"' * depth if nest == "quotes" else "<div>" * depth + "x" + "</div>" * depth
        return original + f"g4\tBasic\tWork\tDeep\t{field}\t\n".encode()
    if how == "wrong-type":
        key = draw(
            st.sampled_from(["separator", "html", "guid column", "tags column", "columns", "deck"])
        )
        value = draw(st.sampled_from(["", "-1", "0", "999", "abc", "1.5", "true", "\t\t", "::"]))
        return f"#{key}:{value}\n".encode() + original
    if how == "huge-field":
        which = draw(st.sampled_from(["term", "definition", "tags", "guid"]))
        big = "x" * 10_000_000
        row = {
            "term": f"g5\tBasic\tWork\t{big}\tdef\t",
            "definition": f"g5\tBasic\tWork\tT\t{big}\t",
        }
        row |= {"tags": f"g5\tBasic\tWork\tT\td\t{big}", "guid": f"{big}\tBasic\tWork\tT\td\t"}
        return original + (row[which] + "\n").encode()
    cells = draw(st.lists(st.text(max_size=12), min_size=0, max_size=4))
    return ("term,definition\n" + ",".join(cells) + "\n").encode()


def _stderr_names_the_file(stderr: str, path: Path) -> None:
    for line in stderr.splitlines():
        assert str(path) in line or line.startswith("... and "), line
        assert "Traceback" not in line


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(payload=hostile(), suffix=st.sampled_from([".txt", ".csv", ".tsv"]))
def test_a_hostile_import_is_named_and_changes_nothing_it_should_not(
    baseline: Path, payload: bytes, suffix: str
) -> None:
    box = Path(tempfile.mkdtemp())
    try:
        folder = box / "data"
        shutil.copytree(baseline, folder)
        source = box / f"hostile{suffix}"
        source.write_bytes(payload)
        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = import_cards(folder, str(source), None, None)
        assert code in (0, 1)
        _stderr_names_the_file(err.getvalue(), source)
        if code == 1:  # refused as a whole: only when the file cannot be read as text
            assert f"{source}:" in err.getvalue() and "not UTF-8" in err.getvalue()
        else:
            assert out.getvalue().startswith("added ")
        assert source.read_bytes() == payload, "the imported file is never written"
        with Store.open(folder, backup=False) as store:
            assert store.notices() == []
            cards = {c.id: c for c in store.cards.cards()}
        for own in OWN:
            assert cards[own.id] == own
    finally:
        shutil.rmtree(box)


def test_skipped_rows_name_their_line(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    long_term = "x" * 3000
    source.write_text(GOOD + f"g6\tBasic\tWork\t{long_term}\tdef\t\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert import_cards(tmp_path / "data", str(source), None, None) == 0
    assert f"{source}:11: " in err.getvalue()
    assert "(skipped)" in err.getvalue()


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no 50 MB written to disk, but that is its size
    return path


def test_a_50_mb_import_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    source = _sparse(tmp_path / "huge.csv", 50 * 2**20)
    folder = tmp_path / "data"
    with Store.open(folder, backup=False) as store:
        store.cards.put_cards(OWN)
    before = (folder / "cards.json").read_bytes()
    err = io.StringIO()
    tracemalloc.start()
    try:
        with contextlib.redirect_stderr(err):
            code = import_cards(folder, str(source), None, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1
    assert str(source) in err.getvalue() and "50 MB" in err.getvalue()
    assert f"{MAX_IMPORT // 2**20} MB limit" in err.getvalue()
    assert peak < 5 * 2**20, f"{peak} bytes allocated: the file was read"
    assert (folder / "cards.json").read_bytes() == before


def test_the_import_dialog_path_refuses_it_with_the_same_message(tmp_path: Path) -> None:
    source = _sparse(tmp_path / "huge.txt", 50 * 2**20)
    with Programme.opened(tmp_path / "data") as programme:
        with pytest.raises(ImportFileError, match=r"huge\.txt: it is 50 MB, over the 32 MB limit"):
            programme.cards.import_file(source)
        assert programme.store.cards.cards() == []
