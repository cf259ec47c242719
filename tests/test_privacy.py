"""Private notes: encryption round trip, wrong passphrases, idle locking, changes, migration."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from companion.domain.checkins import CheckIn, CheckInAnswers
from companion.domain.sessions import PrivateNotes, Session
from companion.privacy import (
    AlreadySetError,
    LockedError,
    PassphraseRuleError,
    Vault,
    WrongPassphraseError,
    migration_notice,
    strength,
)
from companion.privacy.crypto import STRONG_COST, new_kdf
from companion.storage.backups import take_backup
from companion.storage.plaintext import plaintext_backups, prune_plaintext_backups
from companion.storage.store import Store
from tests.privacyhelpers import CHEAP, files_holding

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PW = "correct horse battery"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(data: Path):
    with Store.open(data, backup=False) as opened:
        yield opened


def vault_on(store: Store, clock: Clock | None = None) -> Vault:
    return Vault(store.journal, clock or Clock(), cost=CHEAP)


def session(store: Store, **changes: object) -> Session:
    return store.journal.add_session(Session(date=date(2026, 11, 1), **changes))  # type: ignore[arg-type]


def test_round_trip_and_the_journal_holds_only_ciphertext(store: Store, data: Path) -> None:
    s = session(store)
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    text = "He seemed tired today. Ask about the reorganisation, gently. ✓"
    vault.write("mentor", s.id, text)
    assert vault.read("mentor", s.id) == text
    assert files_holding(data, [text, "reorganisation"]) == []
    # A fresh vault (a restart) reads it back after unlocking.
    again = vault_on(store)
    assert not again.is_unlocked("mentor")
    with pytest.raises(LockedError):
        again.read("mentor", s.id)
    assert again.unlock("mentor", PW)
    assert again.read("mentor", s.id) == text


def test_wrong_passphrase_is_refused_without_opening_notes(store: Store) -> None:
    s = session(store)
    vault = vault_on(store)
    vault.set_passphrase("mentee", PW)
    vault.write("mentee", s.id, "secret")
    vault.lock_all()
    assert not vault.unlock("mentee", PW + "x")
    assert not vault.is_unlocked("mentee")
    with pytest.raises(LockedError):
        vault.read("mentee", s.id)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        vault.change_passphrase("mentee", "not it at all", "another long one")
    assert vault.unlock("mentee", PW)
    assert vault.read("mentee", s.id) == "secret"


def test_each_person_has_their_own_key(store: Store) -> None:
    s = session(store)
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    vault.set_passphrase("mentee", "a different passphrase")
    vault.write("mentor", s.id, "mentor only")
    vault.lock("mentor")
    assert vault.is_unlocked("mentee")
    with pytest.raises(LockedError):
        vault.read("mentor", s.id)
    assert not vault.unlock("mentor", "a different passphrase")
    # The partner sees that a note exists and when, never its text.
    meta = vault.list_meta("mentor")
    assert [(m.kind, m.ref, m.written_at) for m in meta] == [("session", s.id, T0)]


def test_ciphertext_is_bound_to_its_person_and_note(store: Store) -> None:
    a, b = session(store), session(store)
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    vault.write("mentor", a.id, "note A")
    stored = store.journal.vault("mentor")
    assert stored is not None
    moved = stored.notes[f"session:{a.id}"].model_copy(update={"ref": b.id})
    store.journal.save_vault(stored.model_copy(update={"notes": {f"session:{b.id}": moved}}))
    with pytest.raises(Exception, match="damaged"):
        vault.read("mentor", b.id)


def test_passphrase_rules_and_strength_hint(store: Store) -> None:
    vault = vault_on(store)
    with pytest.raises(PassphraseRuleError, match="8 characters"):
        vault.set_passphrase("mentor", "short")
    assert not vault.has_passphrase("mentor")
    vault.set_passphrase("mentor", "demo", allow_short=True)
    assert vault.has_passphrase("mentor")
    with pytest.raises(AlreadySetError):
        vault.set_passphrase("mentor", PW)
    assert strength("short").level == "weak"
    assert strength("password").level == "weak"
    assert strength("aaaaaaaaaa").level == "weak"
    assert strength("Tr4vel-Lisbon").level in ("fair", "strong")
    assert strength("kettle orbit velvet lantern").level == "strong"
    assert all(strength(p).reason for p in ("x", "password", "kettle orbit velvet lantern"))


def test_production_cost_is_strong() -> None:
    assert STRONG_COST >= 2**15
    assert new_kdf().n == STRONG_COST
    with pytest.raises(ValueError):
        new_kdf(1000)


def test_idle_auto_lock_follows_the_injected_clock(store: Store) -> None:
    clock = Clock()
    vault = vault_on(store, clock)
    vault.set_passphrase("mentor", PW)
    vault.set_passphrase("mentee", "another good phrase")
    clock.now = T0 + timedelta(minutes=9)
    vault.touch("mentee")
    assert vault.expire_idle() == []
    clock.now = T0 + timedelta(minutes=10)
    assert vault.expire_idle() == ["mentor"]
    assert not vault.is_unlocked("mentor") and vault.is_unlocked("mentee")
    assert vault.expire_idle(T0 + timedelta(minutes=18, seconds=59)) == []
    vault.touch("mentee", T0 + timedelta(minutes=15))
    assert vault.expire_idle(T0 + timedelta(minutes=24)) == []
    assert vault.expire_idle(T0 + timedelta(minutes=25)) == ["mentee"]


def test_change_passphrase_reencrypts_everything(store: Store) -> None:
    sessions = [session(store) for _ in range(3)]
    c = store.journal.add_checkin(CheckIn(date=date(2026, 11, 2)))
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    for i, s in enumerate(sessions):
        vault.write("mentor", s.id, f"note {i}")
    vault.write_comment("mentor", c.id, "private comment", shared=False)
    vault.change_passphrase("mentor", PW, "the new passphrase")
    vault.lock_all()
    assert not vault.unlock("mentor", PW)
    assert vault.unlock("mentor", "the new passphrase")
    assert [vault.read("mentor", s.id) for s in sessions] == ["note 0", "note 1", "note 2"]
    assert vault.read_comment("mentor", c.id) == "private comment"


def test_start_afresh_deletes_only_that_persons_notes(store: Store) -> None:
    s = session(store, shared_notes="shared text", private_notes=PrivateNotes(mentee="old mentee"))
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    vault.set_passphrase("mentee", "mentee's phrase")
    vault.write("mentor", s.id, "mentor private")
    vault.write("mentee", s.id, "mentee private")
    assert vault.start_afresh("mentor") == 1
    assert not vault.has_passphrase("mentor") and not vault.is_unlocked("mentor")
    assert vault.read("mentee", s.id) == "mentee private"
    stored = store.journal.session(s.id)
    assert stored is not None and stored.shared_notes == "shared text"
    vault.set_passphrase("mentor", "a fresh start here")
    assert vault.read("mentor", s.id) == ""


def test_checkin_comments_are_private_unless_shared(store: Store, data: Path) -> None:
    c = store.journal.add_checkin(CheckIn(date=date(2026, 11, 2)))
    vault = vault_on(store)
    vault.set_passphrase("mentor", PW)
    vault.write_comment("mentor", c.id, "I hold back when I disagree", shared=False)
    # Sharing needs no passphrase, and both can read it.
    vault.write_comment("mentee", c.id, "More blunt feedback, please", shared=True)
    stored = store.journal.checkin(c.id)
    assert stored is not None
    assert stored.mentor.comment == "" and not stored.mentor.shared
    assert stored.mentee.comment == "More blunt feedback, please" and stored.mentee.shared
    assert vault.read_comment("mentee", c.id) == "More blunt feedback, please"
    vault.lock_all()
    with pytest.raises(LockedError):
        vault.read_comment("mentor", c.id)
    assert files_holding(data, ["hold back when I disagree"]) == []
    # Sharing a comment that was private removes the sealed copy.
    vault.unlock("mentor", PW)
    vault.write_comment("mentor", c.id, "Now shared", shared=True)
    assert vault.list_meta("mentor") == []


def test_old_files_without_the_shared_flag_still_load() -> None:
    answers = CheckInAnswers.model_validate({"scores": {"good-fit": 4}, "comment": "old"})
    assert answers.shared is False and answers.comment == "old"


def test_first_unlock_migrates_plain_text(data: Path) -> None:
    secret_a, secret_b, secret_c = "plain mentor words", "plain mentee words", "plain comment"
    with Store.open(data, backup=False) as store:
        s = session(store, private_notes=PrivateNotes(mentor=secret_a, mentee=secret_b))
        c = store.journal.add_checkin(
            CheckIn(date=date(2026, 11, 2), mentor=CheckInAnswers(comment=secret_c))
        )
    old_backup = take_backup(data)
    assert old_backup is not None
    with Store.open(data, backup=False) as store:
        vault = vault_on(store)
        # Before any unlock the partner already sees that the notes exist.
        assert {m.ref for m in vault.list_meta("mentor")} == {s.id, c.id}
        vault.set_passphrase("mentor", PW)
        assert vault.notice_due("mentor")
        assert vault.read("mentor", s.id) == secret_a
        assert vault.read_comment("mentor", c.id) == secret_c
        journal_bytes = (data / "journal.json").read_bytes()
        assert secret_a.encode() not in journal_bytes and secret_c.encode() not in journal_bytes
        assert secret_b.encode() in journal_bytes  # the mentee has not unlocked yet
        vault.set_passphrase("mentee", "mentee phrase here")
        assert vault.read("mentee", s.id) == secret_b
        assert plaintext_backups(data) == [old_backup]
        notice = migration_notice("Aisha", plaintext_backups(data))
        assert str(old_backup) in notice and "companion backup --prune-plaintext" in notice
        take_backup(data)
        assert plaintext_backups(data) == [old_backup]
        vault.dismiss_notice("mentor")
        assert not vault.notice_due("mentor")
    assert files_holding(data, [secret_a, secret_b, secret_c]) == [f"{old_backup}!journal.json"]
    assert prune_plaintext_backups(data) == [old_backup]
    assert files_holding(data, [secret_a, secret_b, secret_c]) == []
    with Store.open(data, backup=False) as store:
        vault = vault_on(store)
        assert vault.unlock("mentor", PW) and vault.read("mentor", s.id) == secret_a
