"""Hostile data files (hypothesis): no traceback, a message naming the file, nothing overwritten."""

from __future__ import annotations

import json
import shutil
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
from companion.storage.quarantine import QUARANTINE_NAME
from companion.storage.store import DataUnreadableError, Store
from tests.conftest import make_pair

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
        target = folder / name
        payload = data.draw(damage(target.read_bytes()))
        target.write_bytes(payload)

        try:
            readonly = Store.open(folder, readonly=True)
            readonly.reviews.logs()
        except DataUnreadableError as exc:
            assert name.split("/")[-1] in str(exc)

        with Store.open(folder, backup=False) as store:
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
    finally:
        shutil.rmtree(folder.parent)
