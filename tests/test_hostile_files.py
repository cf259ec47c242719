"""Hostile data files (hypothesis): no traceback, a message naming the file, nothing overwritten."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.cards import Card, ReviewLog
from companion.domain.goals import Goal
from companion.domain.scheduling import new_state
from companion.domain.sessions import Session
from companion.storage import atomic, jsonstorage
from companion.storage import staging as staging_mod
from companion.storage.atomic import MAX_DATA_FILE, FileTooLargeError
from companion.storage.backups import list_backups, take_backup
from companion.storage.quarantine import QUARANTINE_NAME
from companion.storage.restore import RestoreError, latest_backup, restore_backup
from companion.storage.schema import InvalidFileError
from companion.storage.store import DataUnreadableError, Store
from tests.conftest import make_pair

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_journal import build

FILES = ["journal.json", "cards.json", "reviews/2026.json"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("baseline") / "data"
    with Store.open(folder, backup=False) as store:
        store.journal.save_pair(make_pair())
        for day in range(1, 4):
            store.journal.add_session(Session(date=date(2026, 3, day), shared_notes="notes"))
        store.journal.add_goal(Goal(owner="mentee", title="Post weekly"))
        store.cards.put_cards(
            [
                Card(id=f"c{i}", term=f"T{i}", definition="d", deck="mine", audience="mentee")
                for i in range(3)
            ]
        )
        when = datetime(2026, 3, 1, 9, tzinfo=UTC)
        store.record_review(
            new_state("c1", "mentee", when),
            ReviewLog(card_id="c1", role="mentee", rating=3, reviewed_at=when),
        )
    return folder


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def damage(draw: st.DrawFn, original: bytes) -> bytes:
    """One kind of damage to a data file's bytes."""
    how = draw(
        st.sampled_from(
            [
                "truncate",
                "random",
                "bad-utf8",
                "nul",
                "deep",
                "wrong-type",
                "huge-field",
                "no-table",
            ]
        )
    )
    if how == "truncate":
        return original[: draw(st.integers(0, len(original) - 1))]
    if how == "random":
        return draw(st.binary(max_size=200))
    if how in {"bad-utf8", "nul"}:
        at = draw(st.integers(0, len(original)))
        junk = b"\xff\xfe\xc3" if how == "bad-utf8" else b"\x00"
        return original[:at] + junk + original[at:]
    data: dict[str, Any] = json.loads(original)
    tables = [name for name, table in data.items() if name != "meta" and table]
    table = draw(st.sampled_from(tables))
    doc_id = draw(st.sampled_from(sorted(data[table])))
    record = data[table][doc_id]
    if how == "deep":
        depth = draw(st.sampled_from([50, 300, 2000]))
        field = draw(st.sampled_from(sorted(record)))
        record[field] = json.loads("[" * depth + "]" * depth) if depth < 900 else None
        if depth >= 900:
            return original.replace(b"{", b"[" * depth + b"{", 1) + b"]" * depth
    elif how == "wrong-type":
        field = draw(st.sampled_from(sorted(record)))
        record[field] = draw(json_values)
    elif how == "huge-field":
        field = draw(st.sampled_from(sorted(record)))
        record[field] = "x" * 10_000_000
    else:
        data[table] = draw(json_values.filter(lambda v: not isinstance(v, dict)))
    return json.dumps(data).encode()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_file_is_named_and_nothing_is_lost(baseline: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    folder = Path(tempfile.mkdtemp()) / "data"
    try:
        shutil.copytree(baseline, folder)
        good = take_backup(folder)
        assert good is not None
        good_bytes = good.read_bytes()
        target = folder / name
        payload = data.draw(damage(target.read_bytes()))
        target.write_bytes(payload)

        try:
            readonly = Store.open(folder, readonly=True)
            readonly.reviews.logs()
        except DataUnreadableError as exc:
            assert name.split("/")[-1] in str(exc)

        with Store.open(folder) as store:  # backups enabled, as the app opens
            store.reviews.logs()  # review years are read when first needed
            notices = store.notices()
            for notice in notices:
                assert name.split("/")[-1] in notice, notice
            for item in store.recovered:  # moved aside byte for byte, never overwritten
                assert item.original == target and item.moved_to.read_bytes() == payload
            if store.set_aside:
                kept = orjson.loads((folder / QUARANTINE_NAME).read_bytes())["records"]
                assert {(k["file"], k["table"], k["doc_id"]) for k in kept} == {
                    (r.file, r.table, r.doc_id) for r in store.set_aside
                }
            if not store.recovered and not store.set_aside:
                assert orjson.loads(target.read_bytes()) == orjson.loads(payload)
            # Whatever was damaged, the rest of the folder still loads.
            if name != "journal.json":
                assert store.journal.pair() == make_pair()
            if name != "cards.json":
                assert len(store.cards.cards()) == 3

        # No good backup lost: the one taken before the damage is still there, and restores.
        assert good in list_backups(folder) and good.read_bytes() == good_bytes
        restore_backup(folder, good)
        with Store.open(folder, backup=False) as store:
            assert store.journal.pair() == make_pair()
            assert len(store.journal.sessions()) == 3
            assert len(store.cards.cards()) == 3
            assert len(store.reviews.logs()) == 1
    finally:
        shutil.rmtree(folder.parent)


# -- files too large to read ----------------------------------------------------------------

BIG = 50 * 2**20


def _sha(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _make_big(target: Path, how: str) -> None:
    """Make ``target`` 50 MB: a sparse file (all NULs), or its own JSON padded with spaces."""
    if how == "sparse":
        with target.open("r+b") as handle:
            handle.truncate(BIG)
    else:  # valid JSON all the same: only its size is wrong
        original = target.read_bytes()
        with target.open("ab") as handle:
            handle.write(b" " * (BIG - len(original)))
    assert target.stat().st_size == BIG


def _watch_reads(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[int]:
    """Record how many bytes of the file now at ``target`` each read takes (by its inode,
    so a new file written there later is not counted), through every way files are read."""
    taken: list[int] = []
    inode = target.stat().st_ino

    class Counted:
        def __init__(self, handle: Any) -> None:
            self._handle = handle

        def read(self, size: int = -1) -> bytes:
            chunk: bytes = self._handle.read(size)
            taken.append(len(chunk))
            return chunk

        def __getattr__(self, name: str) -> Any:
            return getattr(self._handle, name)

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

    open_regular = atomic.open_regular

    def counted_open(path: Path) -> Any:
        handle = open_regular(path)
        return Counted(handle) if os.fstat(handle.fileno()).st_ino == inode else handle

    def watched(original: Any) -> Any:
        def read(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self.exists() and self.stat().st_ino == inode:
                taken.append(-1)  # read whole, past every limit
            return original(self, *args, **kwargs)

        return read

    monkeypatch.setattr(atomic, "open_regular", counted_open)
    monkeypatch.setattr(Path, "read_bytes", watched(Path.read_bytes))
    monkeypatch.setattr(Path, "read_text", watched(Path.read_text))
    return taken


@pytest.mark.parametrize("how", ["sparse", "real"])
@pytest.mark.parametrize("name", FILES)
def test_a_50_mb_file_is_refused_by_its_size_and_the_good_backup_restores(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, how: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(baseline, folder)
    good = take_backup(folder)
    assert good is not None
    good_bytes = good.read_bytes()
    target = folder / name
    _make_big(target, how)
    big_sha = _sha(target)
    others = {p: p.read_bytes() for p in folder.rglob("*.json") if p != target}
    short = name.split("/")[-1]

    taken = _watch_reads(monkeypatch, target)
    with pytest.raises(DataUnreadableError) as refused, Store.open(folder, readonly=True) as ro:
        ro.reviews.logs()
    assert short in str(refused.value) and "over the 32 MB limit" in str(refused.value)

    with Store.open(folder) as store:  # backups enabled, as the app opens
        store.reviews.logs()  # a review year is read when first needed (or by the backup)
        (item,) = store.recovered
        notices = store.notices()
        assert [f.file for f in store.needs_restore] == [name]
    monkeypatch.undo()
    assert all(size == 0 for size in taken), f"{name} was read: {taken}"

    assert len(notices) == 1 and notices[0].startswith(f"{short} could not be used: it is 50 MB")
    assert good.name in notices[0], "the message points at the backup to restore"
    assert item.original == target and _sha(item.moved_to) == big_sha, "moved aside, intact"
    assert {p: p.read_bytes() for p in others} == others, "nothing else was overwritten"
    assert list_backups(folder) == [good] and good.read_bytes() == good_bytes, "no backup lost"

    assert latest_backup(folder) == good
    restore_backup(folder, good)
    with Store.open(folder) as store:
        assert store.notices() == [] and store.needs_restore == []
        assert store.journal.pair() == make_pair()
        assert len(store.journal.sessions()) == 3
        assert len(store.cards.cards()) == 3
        assert len(store.reviews.logs()) == 1
    assert _sha(item.moved_to) == big_sha, "the set-aside file is still kept"


def test_a_write_past_the_size_limit_is_refused_and_names_the_file(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(baseline, folder)
    before = (folder / "journal.json").read_bytes()
    with Store.open(folder, backup=False) as store:
        monkeypatch.setattr(jsonstorage, "MAX_DATA_FILE", len(before) + 1000)
        with pytest.raises(FileTooLargeError) as caught:
            store.journal.add_goal(Goal(owner="mentee", title="x" * 200, why="y" * 2000))
        assert "journal.json" in str(caught.value) and "nothing was written" in str(caught.value)
        assert (folder / "journal.json").read_bytes() == before
        assert [g.title for g in store.journal.goals()] == ["Post weekly"]  # as on disk
        monkeypatch.undo()
        store.journal.add_goal(Goal(owner="mentee", title="fits"))
    with Store.open(folder, backup=False) as store:
        assert [g.title for g in store.journal.goals()] == ["Post weekly", "fits"]


def test_the_size_limit_is_ten_times_ten_heavy_years(tmp_path: Path) -> None:
    build("large", tmp_path / "data", today=date(2026, 11, 23))
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "data").rglob("*.json")}
    assert len(sizes) >= 12 and max(sizes.values()) * 10 <= MAX_DATA_FILE, sizes
    with Store.open(tmp_path / "data") as store:  # and the full size opens, backed up
        assert store.notices() == [] and store.backup is not None


def test_a_restore_refuses_a_data_file_past_the_limit_in_the_backup_or_the_folder(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(baseline, folder)
    good = take_backup(folder)
    assert good is not None
    journal = (folder / "journal.json").read_bytes()
    monkeypatch.setattr(staging_mod, "MAX_DATA_FILE", len(journal) - 1)
    with pytest.raises(InvalidFileError, match=r"'journal\.json' in it is larger than .*data file"):
        restore_backup(folder, good)
    assert (folder / "journal.json").read_bytes() == journal
    monkeypatch.undo()

    _make_big(folder / "cards.json", "sparse")  # too large to keep in the safety copy
    with pytest.raises(RestoreError, match=r"cards\.json could not be kept .* open Companion"):
        restore_backup(folder, good)
    assert (folder / "cards.json").stat().st_size == BIG
    assert (folder / "journal.json").read_bytes() == journal
