"""Private notes and check-in comments that only their writer can read (no UI here).

Use :class:`~companion.privacy.vault.Vault` over the journal; see its docstring.
"""

from companion.privacy.errors import (
    AlreadySetError,
    LockedError,
    PassphraseRuleError,
    PrivacyError,
    WrongPassphraseError,
)
from companion.privacy.notice import migration_notice
from companion.privacy.strength import MIN_LENGTH, Strength, strength
from companion.privacy.vault import IDLE_MINUTES, Vault

__all__ = [
    "IDLE_MINUTES",
    "MIN_LENGTH",
    "AlreadySetError",
    "LockedError",
    "PassphraseRuleError",
    "PrivacyError",
    "Strength",
    "Vault",
    "WrongPassphraseError",
    "migration_notice",
    "strength",
]
