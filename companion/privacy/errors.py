"""What can go wrong with private notes (plain-sentence messages), and what the vault needs."""

from __future__ import annotations

from typing import Protocol

from companion.domain.base import Role
from companion.domain.checkins import CheckIn
from companion.domain.private import PersonVault
from companion.domain.sessions import Session


class PrivacyError(Exception):
    """Base of the errors below; its message is a plain sentence for the user."""


class PassphraseRuleError(PrivacyError):
    """The new passphrase breaks the rule (8+ characters)."""


class WrongPassphraseError(PrivacyError):
    """The passphrase given does not open the notes."""

    def __init__(self, role: Role) -> None:
        super().__init__(f"wrong passphrase for the {role}'s private notes")
        self.role = role


class LockedError(PrivacyError):
    """The notes asked for are locked (or no passphrase is set yet)."""

    def __init__(self, role: Role) -> None:
        super().__init__(f"the {role}'s private notes are locked")
        self.role = role


class AlreadySetError(PrivacyError):
    """A passphrase is already set: change it instead."""


class Journal(Protocol):
    """What the vault needs of the journal (``JournalRepository`` provides it)."""

    def vault(self, role: Role) -> PersonVault | None: ...  # noqa: D102
    def save_vault(self, vault: PersonVault) -> PersonVault: ...  # noqa: D102
    def delete_vault(self, role: Role) -> bool: ...  # noqa: D102
    def sessions(self) -> list[Session]: ...  # noqa: D102
    def session(self, session_id: str) -> Session | None: ...  # noqa: D102
    def update_session(self, session: Session) -> Session: ...  # noqa: D102
    def checkins(self) -> list[CheckIn]: ...  # noqa: D102
    def checkin(self, checkin_id: str) -> CheckIn | None: ...  # noqa: D102
    def add_checkin(self, checkin: CheckIn) -> CheckIn: ...  # noqa: D102
