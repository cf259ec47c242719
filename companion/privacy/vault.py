"""Each person's private notes and check-in comments, locked under their own passphrase.

:class:`Vault` is the whole API the app, the command line and the tests use:
set a passphrase, unlock, read and write notes while unlocked, lock (by hand,
on quit, or after ten idle minutes on the injected clock), change the
passphrase (one atomic write) or start afresh. It imports no UI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from companion.domain.base import Role
from companion.domain.checkins import CheckIn
from companion.domain.private import (
    NoteKind,
    NoteMeta,
    PersonVault,
    SealedNote,
    legacy_comment,
    legacy_notes,
    legacy_session_text,
    note_key,
)
from companion.privacy import crypto
from companion.privacy.errors import (
    AlreadySetError,
    Journal,
    LockedError,
    PassphraseRuleError,
    PrivacyError,
    WrongPassphraseError,
)
from companion.privacy.strength import too_short

IDLE_MINUTES = 10
"""Unlocked notes lock again after this many minutes without a touch."""


@dataclass
class _Unlocked:
    key: bytes
    last_seen: datetime


def _now() -> datetime:
    return datetime.now(UTC)


class Vault:
    """Both people's private notes over one journal; the keys live only in this object.

    ``clock`` gives the time for idle locking and note dates. ``cost`` is
    scrypt's cost for passphrases set or changed here: leave it at
    ``STRONG_COST`` in the program; tests pass a cheap one explicitly.
    ``migrate`` (default on) encrypts a person's old plain-text notes on their
    first unlock; a read-only reader (an export) turns it off and reads the old
    plain text as it is.
    """

    def __init__(
        self,
        journal: Journal,
        clock: Callable[[], datetime] = _now,
        *,
        cost: int = crypto.STRONG_COST,
        migrate: bool = True,
    ) -> None:
        """Serve the private notes of ``journal``."""
        self._journal = journal
        self._clock = clock
        self._cost = cost
        self._migrate = migrate
        self._open: dict[Role, _Unlocked] = {}

    # -- passphrases ---------------------------------------------------------------------

    def has_passphrase(self, role: Role) -> bool:
        """Return whether ``role`` has set a passphrase."""
        return self._journal.vault(role) is not None

    def set_passphrase(self, role: Role, passphrase: str, *, allow_short: bool = False) -> None:
        """Set ``role``'s first passphrase and unlock their notes (old plain text is migrated).

        ``allow_short`` skips the 8-character rule; only the demo pair uses it.
        Raises PassphraseRuleError or AlreadySetError.
        """
        if self.has_passphrase(role):
            raise AlreadySetError(f"the {role} already has a passphrase: change it instead")
        self._check_rule(passphrase, allow_short)
        params = crypto.new_kdf(self._cost)
        key = crypto.derive_key(passphrase, params)
        nonce, check = crypto.make_check(key, role)
        now = self._clock()
        self._journal.save_vault(
            PersonVault(role=role, kdf=params, check_nonce=nonce, check=check, created_at=now)
        )
        self._open[role] = _Unlocked(key, now)
        self._migrate_legacy(role)

    def unlock(self, role: Role, passphrase: str) -> bool:
        """Unlock ``role``'s notes; return False for a wrong passphrase (nothing is decrypted).

        On the first unlock of an old journal the person's plain-text notes are
        encrypted and removed from the journal.
        """
        vault = self._journal.vault(role)
        if vault is None:
            return False
        key = self._key_for(vault, passphrase)
        if key is None:
            return False
        self._open[role] = _Unlocked(key, self._clock())
        self._migrate_legacy(role)
        return True

    def change_passphrase(
        self, role: Role, old: str, new: str, *, allow_short: bool = False
    ) -> None:
        """Re-encrypt all of ``role``'s notes under ``new`` in one atomic write.

        Raises WrongPassphraseError when ``old`` is wrong and PassphraseRuleError
        when ``new`` is too short; in both cases nothing is written.
        """
        vault = self._journal.vault(role)
        if vault is None:
            raise LockedError(role)
        old_key = self._key_for(vault, old)
        if old_key is None:
            raise WrongPassphraseError(role)
        self._check_rule(new, allow_short)
        texts = {k: self._open_note(old_key, role, k, n) for k, n in vault.notes.items()}
        params = crypto.new_kdf(self._cost)
        key = crypto.derive_key(new, params)
        nonce, check = crypto.make_check(key, role)
        notes = {}
        for k, note in vault.notes.items():
            n, c = crypto.seal(key, role, k, texts[k])
            notes[k] = note.model_copy(update={"nonce": n, "ciphertext": c})
        self._journal.save_vault(
            vault.model_copy(
                update={"kdf": params, "check_nonce": nonce, "check": check, "notes": notes}
            )
        )
        self._open[role] = _Unlocked(key, self._clock())

    def start_afresh(self, role: Role) -> int:
        """Delete ``role``'s passphrase and every private note of theirs; return how many.

        Nobody else's data is touched. The typed confirmation is the caller's job.
        """
        vault = self._journal.vault(role)
        legacy = legacy_notes(self._journal.sessions(), self._journal.checkins(), role)
        count = len(set(legacy) | set(vault.notes if vault else {}))
        self._clear_legacy(role, legacy)
        self._journal.delete_vault(role)
        self.lock(role)
        return count

    # -- locking ---------------------------------------------------------------------------

    def is_unlocked(self, role: Role) -> bool:
        """Return whether ``role``'s notes are unlocked."""
        return role in self._open

    def lock(self, role: Role) -> None:
        """Lock ``role``'s notes: their key is forgotten."""
        self._open.pop(role, None)

    def lock_all(self) -> None:
        """Lock everybody's notes (on "Lock" and on quit)."""
        self._open.clear()

    def touch(self, role: Role, now: datetime | None = None) -> None:
        """Note that ``role`` is working (resets their idle time) if they are unlocked."""
        if role in self._open:
            self._open[role].last_seen = now or self._clock()

    def expire_idle(self, now: datetime | None = None, minutes: float = IDLE_MINUTES) -> list[Role]:
        """Lock everyone idle for ``minutes`` or more; return whom it locked."""
        now = now or self._clock()
        idle = [
            role
            for role, unlocked in self._open.items()
            if now - unlocked.last_seen >= timedelta(minutes=minutes)
        ]
        for role in idle:
            self.lock(role)
        return idle

    # -- notes -----------------------------------------------------------------------------

    def read(self, role: Role, session_id: str) -> str:
        """Return ``role``'s private notes on a session ("" when none); needs them unlocked."""
        return self._read(role, "session", session_id)

    def write(self, role: Role, session_id: str, text: str) -> None:
        """Seal ``role``'s private notes on a session (empty text deletes them)."""
        self._write(role, "session", session_id, text)
        session = self._journal.session(session_id)
        if session is not None and legacy_session_text(session, role):
            self._clear_legacy(role, {note_key("session", session_id): ""})

    def read_comment(self, role: Role, checkin_id: str) -> str:
        """Return ``role``'s comment on a check-in, private or shared (private needs unlock)."""
        checkin = self._journal.checkin(checkin_id)
        answers = None if checkin is None else getattr(checkin, role)
        if answers is not None and answers.shared:
            return str(answers.comment)
        return self._read(role, "checkin", checkin_id)

    def write_comment(self, role: Role, checkin_id: str, text: str, *, shared: bool) -> None:
        """Store ``role``'s check-in comment: sealed, or plain when ``shared`` with the partner.

        A private comment needs the notes unlocked; a shared one does not. The
        check-in must already be stored.
        """
        checkin = self._journal.checkin(checkin_id)
        if checkin is None:
            raise KeyError(checkin_id)
        key = note_key("checkin", checkin_id)
        if shared:
            self._put_answers(checkin, role, text, shared=True)
            vault = self._journal.vault(role)
            if vault is not None and key in vault.notes:
                notes = {k: v for k, v in vault.notes.items() if k != key}
                self._journal.save_vault(vault.model_copy(update={"notes": notes}))
            return
        self._write(role, "checkin", checkin_id, text)
        self._put_answers(checkin, role, "", shared=False)

    def list_meta(self, role: Role) -> list[NoteMeta]:
        """Return which private notes ``role`` has and when written: all the partner may see."""
        vault = self._journal.vault(role)
        found = [
            NoteMeta(kind=n.kind, ref=n.ref, written_at=n.written_at)
            for n in (vault.notes.values() if vault else ())
        ]
        known = {note_key(m.kind, m.ref) for m in found}
        for key in legacy_notes(self._journal.sessions(), self._journal.checkins(), role):
            if key not in known:
                kind, ref = key.split(":", 1)
                found.append(NoteMeta(kind=kind, ref=ref, written_at=None))
        return sorted(found, key=lambda m: (m.written_at is None, m.written_at, m.ref))

    def read_all(self, role: Role) -> dict[str, str]:
        """Return every private note of ``role`` by note key (an export); needs them unlocked."""
        unlocked = self._unlocked(role)
        vault = self._journal.vault(role)
        texts = legacy_notes(self._journal.sessions(), self._journal.checkins(), role)
        for key, note in vault.notes.items() if vault else ():
            texts[key] = self._open_note(unlocked.key, role, key, note)
        return {k: v for k, v in texts.items() if v}

    # -- the one-time notice ---------------------------------------------------------------

    def notice_due(self, role: Role) -> bool:
        """Return whether ``role`` is still to see the notice about plain-text backups."""
        vault = self._journal.vault(role)
        return bool(vault and vault.notice_due)

    def dismiss_notice(self, role: Role) -> None:
        """Record that ``role`` has seen the notice."""
        vault = self._journal.vault(role)
        if vault is not None and vault.notice_due:
            self._journal.save_vault(vault.model_copy(update={"notice_due": False}))

    # -- inside ----------------------------------------------------------------------------

    @staticmethod
    def _check_rule(passphrase: str, allow_short: bool) -> None:
        if not passphrase:
            raise PassphraseRuleError("a passphrase cannot be empty")
        if not allow_short and (why := too_short(passphrase)):
            raise PassphraseRuleError(why)

    @staticmethod
    def _key_for(vault: PersonVault, passphrase: str) -> bytes | None:
        try:
            key = crypto.derive_key(passphrase, vault.kdf)
        except crypto.OpenError:
            return None
        return key if crypto.key_matches(key, vault.role, vault.check_nonce, vault.check) else None

    @staticmethod
    def _open_note(key: bytes, role: Role, nkey: str, note: SealedNote) -> str:
        try:
            return crypto.open_sealed(key, role, nkey, note.nonce, note.ciphertext)
        except crypto.OpenError:
            raise PrivacyError(
                f"a private note of the {role} ({nkey}) is damaged and cannot be opened"
            ) from None

    def _unlocked(self, role: Role) -> _Unlocked:
        unlocked = self._open.get(role)
        if unlocked is None or self._journal.vault(role) is None:
            self._open.pop(role, None)
            raise LockedError(role)
        return unlocked

    def _read(self, role: Role, kind: NoteKind, ref: str) -> str:
        unlocked = self._unlocked(role)
        vault = self._journal.vault(role)
        key = note_key(kind, ref)
        note = vault.notes.get(key) if vault else None
        if note is not None:
            return self._open_note(unlocked.key, role, key, note)
        return legacy_notes(self._journal.sessions(), self._journal.checkins(), role).get(key, "")

    def _write(self, role: Role, kind: NoteKind, ref: str, text: str) -> None:
        unlocked = self._unlocked(role)
        vault = self._journal.vault(role)
        assert vault is not None
        key = note_key(kind, ref)
        notes = dict(vault.notes)
        if text:
            nonce, sealed = crypto.seal(unlocked.key, role, key, text)
            notes[key] = SealedNote(
                kind=kind, ref=ref, nonce=nonce, ciphertext=sealed, written_at=self._clock()
            )
        else:
            notes.pop(key, None)
        self._journal.save_vault(vault.model_copy(update={"notes": notes}))

    def _migrate_legacy(self, role: Role) -> None:
        """Seal ``role``'s old plain-text notes, then remove the plain text from the journal.

        Sealed copies are written first (one write), so a crash in between leaves
        the text readable; notes already sealed are never overwritten by old text.
        """
        if not self._migrate:
            return
        legacy = legacy_notes(self._journal.sessions(), self._journal.checkins(), role)
        if not legacy:
            return
        unlocked = self._open[role]
        vault = self._journal.vault(role)
        assert vault is not None
        now = self._clock()
        notes = dict(vault.notes)
        for key, text in legacy.items():
            if key not in notes:
                kind, ref = key.split(":", 1)
                nonce, sealed = crypto.seal(unlocked.key, role, key, text)
                notes[key] = SealedNote(
                    kind=kind,
                    ref=ref,
                    nonce=nonce,
                    ciphertext=sealed,
                    written_at=now,
                )
        self._journal.save_vault(
            vault.model_copy(update={"notes": notes, "migrated_at": now, "notice_due": True})
        )
        self._clear_legacy(role, legacy)

    def _clear_legacy(self, role: Role, keys: dict[str, str]) -> None:
        for key in keys:
            kind, ref = key.split(":", 1)
            if kind == "session":
                session = self._journal.session(ref)
                if session is not None and legacy_session_text(session, role):
                    notes = session.private_notes.model_copy(update={role: ""})
                    self._journal.update_session(
                        session.model_copy(update={"private_notes": notes})
                    )
            else:
                checkin = self._journal.checkin(ref)
                if checkin is not None and legacy_comment(checkin, role):
                    self._put_answers(checkin, role, "", shared=False)

    def _put_answers(self, checkin: CheckIn, role: Role, comment: str, *, shared: bool) -> None:
        answers = getattr(checkin, role).model_copy(update={"comment": comment, "shared": shared})
        self._journal.add_checkin(checkin.model_copy(update={role: answers}))
