"""One bad record costs that record, not the journal; a file set aside asks for a restore."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

import pytest
from pydantic import AwareDatetime, BaseModel, ValidationError

from companion.domain.cadence import rhythm
from companion.domain.cards import ReviewLog
from companion.domain.closing import closing_offered
from companion.domain.errors import describe
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.plan import Pause, Reschedule, paused_days
from companion.domain.private import PersonVault, SealedNote
from companion.domain.scheduling import new_state
from companion.domain.sessions import Session
from companion.domain.timeline import timeline
from companion.storage.atomic import SymlinkRefusedError
from companion.storage.backups import list_backups
from companion.storage.quarantine import QUARANTINE_NAME, Quarantine
from companion.storage.store import RestoreFirstError, Store
from tests.conftest import make_pair
from tests.readwatch import OLD_NS, age, require_atime


def _journal_with_sessions(data: Path, count: int = 3) -> list[str]:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        ids = [
            store.journal.add_session(Session(date=date(2026, 9, 1 + i))).id for i in range(count)
        ]
    return ids


def _edit(path: Path, table: str, doc_id: str, changes: dict[str, object]) -> dict[str, object]:
    data = json.loads(path.read_text())
    data[table][doc_id].update(changes)
    path.write_text(json.dumps(data))
    return dict(data[table][doc_id])


def test_one_bad_session_is_set_aside_and_the_rest_loads(data: Path) -> None:
    ids = _journal_with_sessions(data)
    Store.open(data).close()  # the backup of the good state
    backups_before = list_backups(data)
    raw = _edit(data / "journal.json", "sessions", "2", {"shared_notes": "x" * 200_001})

    with Store.open(data) as store:
        assert store.recovered == [] and store.needs_restore == []
        assert [s.id for s in store.journal.sessions()] == [ids[0], ids[2]]
        assert store.journal.pair() == make_pair()
        notices = store.notices()
        assert len(notices) == 1
        assert notices[0].startswith(
            "1 session could not be read and was set aside (journal.json, record 2): shared_notes"
        )
        assert QUARANTINE_NAME in notices[0]
        assert store.backup is None, "no backup is taken of a state with a bad record"
        store.journal.add_goal(Goal(owner="shared", title="writes still work"))
    assert list_backups(data) == backups_before

    quarantine = data / QUARANTINE_NAME
    assert stat.S_IMODE(quarantine.stat().st_mode) == 0o600
    kept = json.loads(quarantine.read_text())["records"]
    assert len(kept) == 1
    assert kept[0]["file"] == "journal.json" and kept[0]["table"] == "sessions"
    assert kept[0]["doc_id"] == "2" and kept[0]["raw"] == raw
    assert "shared_notes" in kept[0]["reason"]
    # The journal no longer holds it, so the next open is clean and keeps it only once.
    with Store.open(data) as store:
        assert store.set_aside == [] and store.notices() == []
    assert len(json.loads(quarantine.read_text())["records"]) == 1


def test_a_date_in_year_9999_is_set_aside_not_a_crash(data: Path) -> None:
    ids = _journal_with_sessions(data)
    _edit(data / "journal.json", "sessions", "1", {"date": "9999-12-31"})
    with Store.open(data) as store:
        sessions = store.journal.sessions()
        assert [s.id for s in sessions] == ids[1:]
        pair = store.journal.pair()
        assert pair is not None
        rhythm(pair, sessions, date(2026, 10, 1))  # used to raise OverflowError
        assert "dates must be between 1970 and 2100" in store.notices()[0]


def test_several_tables_and_a_review_year(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        for day in (1, 2):
            store.journal.add_log_entry(LogEntry(date=date(2026, 9, day), minutes=10, topic="t"))
        for minute in (1, 2, 3):
            store.reviews.add(
                ReviewLog(
                    card_id="mfa",
                    role="mentee",
                    rating=3,
                    reviewed_at=datetime(2025, 5, 1, 9, minute, tzinfo=UTC),
                )
            )
    path = data / "journal.json"
    journal = json.loads(path.read_text())
    journal["log"]["1"]["minutes"] = "many"
    journal["log"]["2"] = ["not", "a", "record"]
    journal["goals"]["x7"] = {"owner": "shared", "title": "a key that is not a number"}
    path.write_text(json.dumps(journal))
    _edit(data / "reviews" / "2025.json", "reviews", "2", {"rating": 9})

    with Store.open(data) as store:
        assert store.journal.log_entries() == []
        assert store.journal.goals() == []
        assert len(store.reviews.logs()) == 2
        notices = store.notices()
    assert any(n.startswith("2 log entries could not be read") for n in notices)
    assert any(n.startswith("1 goal could not be read") for n in notices)
    assert any(n.startswith("1 review could not be read") for n in notices)
    kept = json.loads((data / QUARANTINE_NAME).read_text())["records"]
    assert {(k["file"], k["table"]) for k in kept} == {
        ("journal.json", "log"),
        ("journal.json", "goals"),
        ("reviews/2025.json", "reviews"),
    }


def test_readonly_open_skips_bad_records_and_writes_nothing(data: Path) -> None:
    ids = _journal_with_sessions(data)
    _edit(data / "journal.json", "sessions", "3", {"minutes": -5})
    before = (data / "journal.json").read_bytes()
    store = Store.open(data, readonly=True)
    assert [s.id for s in store.journal.sessions()] == ids[:2]
    assert [r.table for r in store.set_aside] == ["sessions"]
    assert (data / "journal.json").read_bytes() == before
    assert not (data / QUARANTINE_NAME).exists()


def test_models_refuse_dates_outside_1970_to_2100() -> None:
    with pytest.raises(ValidationError) as caught:
        Session(date=date(9999, 12, 31))
    assert describe(caught.value) == ["date: dates must be between 1970 and 2100"]
    with pytest.raises(ValidationError) as caught:
        ReviewLog(
            card_id="mfa", role="mentee", rating=3, reviewed_at=datetime(1969, 1, 1, tzinfo=UTC)
        )
    assert "dates must be between 1970 and 2100" in describe(caught.value)[0]
    with pytest.raises(ValidationError) as caught:
        Pair.model_validate(make_pair().model_dump() | {"started_on": date(2101, 1, 1)})
    assert describe(caught.value) == ["started_on: dates must be between 1970 and 2100"]
    assert Session(date=date(2100, 12, 31)).date.year == 2100


def test_restore_first_state_lasts_across_opens_until_confirmed(data: Path) -> None:
    _journal_with_sessions(data)
    (data / "journal.json").write_text("{truncated")
    with Store.open(data) as store:
        assert [f.file for f in store.needs_restore] == ["journal.json"]
    with Store.open(data) as store:  # closed without restoring: still asks
        pending = store.needs_restore
        assert [f.file for f in pending] == ["journal.json"]
        assert pending[0].moved_to.startswith("journal.json.corrupt-")
        assert "not valid JSON" in pending[0].reason
        with pytest.raises(RestoreFirstError):
            store.journal.save_pair(make_pair())
        assert store.journal.pair() is None
        store.accept_fresh_start()
        store.journal.save_pair(make_pair())
    with Store.open(data) as store:
        assert store.needs_restore == []
        assert store.journal.pair() == make_pair()


def test_a_restore_ends_the_restore_first_state(data: Path) -> None:
    from companion.storage.restore import restore_backup

    _journal_with_sessions(data)
    Store.open(data).close()
    (data / "journal.json").write_bytes(b"\x00\xff not json")
    with Store.open(data) as store:
        assert store.needs_restore
    restore_backup(data, list_backups(data)[-1])
    with Store.open(data) as store:
        assert store.needs_restore == []
        assert len(store.journal.sessions()) == 3
        store.journal.add_goal(Goal(owner="shared", title="after the restore"))


def test_a_damaged_cards_file_blocks_card_writes_only(data: Path) -> None:
    _journal_with_sessions(data)
    (data / "cards.json").write_text("[]")
    with Store.open(data) as store:
        assert [f.file for f in store.needs_restore] == ["cards.json"]
        store.journal.add_goal(Goal(owner="shared", title="the journal is fine"))
        with pytest.raises(RestoreFirstError, match=r"cards\.json"):
            store.cards.put_state(new_state("mfa", "mentee", datetime(2026, 1, 1, tzinfo=UTC)))


@pytest.mark.parametrize("pending", [False, True], ids=["empty", "a file set aside"])
def test_a_symlinked_quarantine_file_is_refused_and_its_target_never_read(
    data: Path, tmp_path: Path, pending: bool
) -> None:
    _journal_with_sessions(data, count=1)
    if pending:  # the open reads quarantine.json to offer a restore first
        (data / "cards.json").write_text("{ truncated")
        Store.open(data).close()
    require_atime(tmp_path)
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"records": [], "files": []}))
    target.chmod(0o640)
    (data / QUARANTINE_NAME).unlink(missing_ok=True)
    (data / QUARANTINE_NAME).symlink_to(target)
    age(target)
    before = (target.read_bytes(), target.stat().st_mode)
    age(target)

    with pytest.raises(SymlinkRefusedError) as refused:
        Store.open(data).close()
    assert str(data / QUARANTINE_NAME) in str(refused.value)
    assert "symbolic link" in str(refused.value)
    with pytest.raises(SymlinkRefusedError):
        Quarantine(data).add_file("cards.json", "cards.json.corrupt-x", "damaged")
    assert target.lstat().st_atime_ns == OLD_NS, "the link's target was read"
    assert (target.read_bytes(), target.stat().st_mode) == before
    assert (data / QUARANTINE_NAME).is_symlink()


def _journal_with_a_pause_and_a_move(data: Path) -> None:
    _journal_with_sessions(data)
    with Store.open(data) as store:
        store.journal.add_pause(Pause(starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 14)))
        store.journal.add_pause(Pause(starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 7)))
        store.journal.save_reschedule(
            Reschedule(slot=3, moved_to=date(2026, 10, 20), changed_at=datetime(2026, 10, 2, 9))
        )
        store.journal.save_reschedule(
            Reschedule(slot=4, moved_to=date(2026, 11, 3), changed_at=datetime(2026, 10, 2, 9))
        )
    _edit(data / "journal.json", "pauses", "2", {"ends_on": "9999-12-31"})
    _edit(data / "journal.json", "reschedules", "2", {"moved_to": "9999-06-01"})
    _edit(data / "journal.json", "reschedules", "1", {"changed_at": "9999-01-01T00:00:00"})


def test_a_pause_and_a_reschedule_in_year_9999_are_set_aside(data: Path) -> None:
    _journal_with_a_pause_and_a_move(data)
    with Store.open(data) as store:
        journal = store.journal
        assert [(p.starts_on, p.ends_on) for p in journal.pauses()] == [
            (date(2026, 10, 1), date(2026, 10, 14))
        ]
        assert journal.reschedules() == []
        pair = journal.pair()
        assert pair is not None
        sessions = journal.sessions()
        today = date(2026, 11, 23)
        # Each of these used to raise OverflowError (or never ended) on year 9999.
        rhythm(pair, sessions, today)
        plan = timeline(pair, sessions, today, journal.pauses(), journal.reschedules())
        assert len(plan.slots) > 4 and plan.end.year == 2027
        assert not closing_offered(pair, journal.pauses(), today, 3, 10)
        assert paused_days(journal.pauses()) == 14
        notices = store.notices()
    assert any(n.startswith("1 pause could not be read") for n in notices), notices
    assert any(n.startswith("2 reschedules could not be read") for n in notices), notices
    assert all("dates must be between 1970 and 2100" in n for n in notices), notices
    kept = json.loads((data / QUARANTINE_NAME).read_text())["records"]
    assert sorted(k["table"] for k in kept) == ["pauses", "reschedules", "reschedules"]


def test_the_dashboard_opens_over_a_pause_in_year_9999(data: Path) -> None:
    import asyncio

    from tests.apphelpers import running

    _journal_with_a_pause_and_a_move(data)

    async def scenario() -> None:
        async with running(data) as (app, pilot):
            assert app.is_running and app.return_code is None
            assert type(app.screen).__name__ == "MessageDialog"
            message = str(app.screen.query_one("VerticalScroll Static").render())
            assert "1 pause could not be read" in message
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "DashboardScreen"
            assert app.is_running and app.return_code is None

    asyncio.run(scenario())


def test_sealed_notes_refuse_dates_outside_1970_to_2100() -> None:
    note = {"kind": "session", "ref": "s1", "nonce": "QQ==", "ciphertext": "QQ=="}
    with pytest.raises(ValidationError) as caught:
        SealedNote.model_validate(note | {"written_at": "9999-12-31T00:00:00Z"})
    assert describe(caught.value) == ["written_at: dates must be between 1970 and 2100"]
    vault = {
        "role": "mentor",
        "kdf": {"n": 1024, "salt": "QQ=="},
        "check_nonce": "QQ==",
        "check": "QQ==",
    }
    for field in ("created_at", "migrated_at"):
        with pytest.raises(ValidationError) as caught:
            PersonVault.model_validate(
                vault | {"created_at": "2026-01-01T00:00:00Z", field: "1969-12-31T00:00:00Z"}
            )
        assert describe(caught.value) == [f"{field}: dates must be between 1970 and 2100"]


def _unbounded_dates(model: type[BaseModel], where: str = "") -> list[str]:
    """Return the date and datetime fields of ``model`` (nested too) without 1970-2100 bounds."""
    found: list[str] = []

    def walk(kind: object, metadata: list[object], name: str) -> None:
        if get_origin(kind) is Annotated:
            inner, *extra = get_args(kind)
            for item in extra:
                metadata = metadata + list(getattr(item, "metadata", [item]))
            walk(inner, metadata, name)
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            found.extend(_unbounded_dates(kind, f"{name}."))
        elif isinstance(kind, type) and issubclass(kind, (date, datetime, AwareDatetime)):
            bounds = {type(m).__name__ for m in metadata}
            if not {"Ge", "Le"} <= bounds:
                found.append(name)
        else:
            for arg in get_args(kind):
                walk(arg, metadata if get_origin(kind) in (UnionType, Union) else [], name)

    for name, info in model.model_fields.items():
        walk(info.annotation, list(info.metadata), where + name)
    return found


def test_every_stored_date_is_bounded_to_1970_to_2100() -> None:
    from companion.storage.schema import TABLES

    unbounded = [
        f"{model.__name__}.{field}"
        for tables in TABLES.values()
        for model in tables.values()
        for field in _unbounded_dates(model)
    ]
    assert unbounded == []


def test_a_review_year_set_aside_is_still_there_after_a_restore(data: Path) -> None:
    from companion.storage.restore import restore_backup

    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.reviews.add(
            ReviewLog(
                card_id="mfa",
                role="mentee",
                rating=3,
                reviewed_at=datetime(2025, 5, 1, 9, tzinfo=UTC),
            )
        )
    Store.open(data).close()  # the backup that holds the good year
    damaged = b"\x00\xff not a review year"
    (data / "reviews" / "2025.json").write_bytes(damaged)
    with Store.open(data) as store:
        (item,) = store.recovered
    assert item.moved_to.parent == data / "reviews" and item.moved_to.read_bytes() == damaged

    restore_backup(data, list_backups(data)[-1])

    assert item.moved_to.read_bytes() == damaged, "a restore never deletes what was set aside"
    kept = json.loads((data / QUARANTINE_NAME).read_text())["files"]
    assert [f["moved_to"] for f in kept] == [f"reviews/{item.moved_to.name}"]
    with Store.open(data) as store:
        assert len(store.reviews.logs()) == 1 and store.needs_restore == []
