"""Private notes at rest: what the journal stores for each person's sealed (encrypted) notes.

The models here hold only ciphertext, salts and dates; the encryption itself is
in :mod:`companion.privacy`. This module also finds the *legacy* plain text that
journals written before encryption still hold (a session's ``private_notes`` and
an unshared check-in comment), so it can be migrated and never exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from companion.domain.base import ROLES, Model, Moment, Role
from companion.domain.checkins import CheckIn, CheckInAnswers
from companion.domain.sessions import PrivateNotes, Session

NoteKind = Literal["session", "checkin"]
"""What a private note belongs to: a session (private notes) or a check-in (a comment)."""

B64 = Annotated[str, Field(min_length=1, max_length=400_000, pattern=r"^[A-Za-z0-9+/=]+$")]
"""Base64 text (ciphertext, nonce or salt)."""


class KdfParams(Model):
    """How a person's key is derived from their passphrase (scrypt, with a random salt)."""

    algorithm: Literal["scrypt"] = "scrypt"
    """The key-derivation function."""
    n: Annotated[int, Field(ge=2**10, le=2**20)]
    """scrypt's CPU/memory cost (a power of two)."""
    r: Annotated[int, Field(ge=1, le=16)] = 8
    """scrypt's block size."""
    p: Annotated[int, Field(ge=1, le=4)] = 1
    """scrypt's parallelism."""
    salt: B64
    """The random salt, base64."""


class SealedNote(Model):
    """One private note, encrypted with AES-GCM under its writer's key."""

    kind: NoteKind
    """What it belongs to."""
    ref: Annotated[str, Field(min_length=1, max_length=80)]
    """The id of the session or check-in."""
    nonce: B64
    """The random 96-bit nonce, base64."""
    ciphertext: B64
    """The encrypted text with its tag, base64."""
    written_at: Moment
    """When it was last written (visible to the other person)."""


class PersonVault(Model):
    """One person's passphrase check and sealed notes: one record, so a change is one write."""

    role: Role
    """Whose notes these are."""
    kdf: KdfParams
    """How the key is derived."""
    check_nonce: B64
    """The nonce of ``check``."""
    check: B64
    """A known text sealed under the key: a wrong passphrase fails to open it."""
    notes: dict[str, SealedNote] = Field(default_factory=dict)
    """The sealed notes by note key (see :func:`note_key`)."""
    created_at: Moment
    """When the passphrase was set."""
    migrated_at: Moment | None = None
    """When old plain-text notes were encrypted, if there were any."""
    notice_due: bool = False
    """Whether the one-time notice about plain-text backups is still to be shown."""


class NoteMeta(Model):
    """What the other person may see of a private note: that it exists, and when."""

    kind: NoteKind
    """A session's private notes or a check-in comment."""
    ref: str
    """The session's or check-in's id."""
    written_at: datetime | None
    """When it was written (None for old plain-text notes not yet migrated)."""


def note_key(kind: NoteKind, ref: str) -> str:
    """Return the key under which a note is stored: ``session:<id>`` or ``checkin:<id>``."""
    return f"{kind}:{ref}"


def legacy_session_text(session: Session, role: Role) -> str:
    """Return ``role``'s plain-text private notes still held in ``session`` (old journals)."""
    return str(getattr(session.private_notes, role))


def legacy_comment(checkin: CheckIn, role: Role) -> str:
    """Return ``role``'s unshared check-in comment still held as plain text, or ""."""
    answers = checkin.mentor if role == "mentor" else checkin.mentee
    return "" if answers.shared else answers.comment


def legacy_notes(
    sessions: Iterable[Session], checkins: Iterable[CheckIn], role: Role
) -> dict[str, str]:
    """Return ``role``'s plain-text private notes and comments by note key (non-empty only)."""
    found: dict[str, str] = {}
    for session in sessions:
        if text := legacy_session_text(session, role):
            found[note_key("session", session.id)] = text
    for checkin in checkins:
        if text := legacy_comment(checkin, role):
            found[note_key("checkin", checkin.id)] = text
    return found


def holds_plaintext(sessions: Iterable[Session], checkins: Iterable[CheckIn]) -> bool:
    """Return whether any session or check-in still holds private text in the clear."""
    sessions, checkins = list(sessions), list(checkins)
    return any(legacy_notes(sessions, checkins, role) for role in ("mentor", "mentee"))


def with_private_text(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    texts: Mapping[Role, Mapping[str, str]] | None,
) -> tuple[list[Session], list[CheckIn]]:
    """Return copies of ``sessions`` and ``checkins`` ready for an export.

    With ``texts`` None every private note and unshared comment is blanked (old
    plain text included); otherwise they are filled from ``texts`` (each
    person's decrypted notes by note key). Shared comments are kept as they are.
    """

    def text(role: Role, key: str) -> str:
        return "" if texts is None else texts.get(role, {}).get(key, "")

    out_sessions = [
        s.model_copy(
            update={
                "private_notes": PrivateNotes(
                    mentor=text("mentor", note_key("session", s.id)),
                    mentee=text("mentee", note_key("session", s.id)),
                )
            }
        )
        for s in sessions
    ]
    out_checkins = []
    for c in checkins:
        update: dict[str, CheckInAnswers] = {}
        for role in ROLES:
            answers = c.mentor if role == "mentor" else c.mentee
            if not answers.shared:
                comment = text(role, note_key("checkin", c.id))
                update[role] = answers.model_copy(update={"comment": comment})
        out_checkins.append(c.model_copy(update=update))
    return out_sessions, out_checkins
