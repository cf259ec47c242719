"""Private notes and check-in comments for the app: one vault on the programme's clock.

Screens never build a :class:`~companion.privacy.Vault` themselves: they use
``programme.privacy`` (this part), whose :attr:`Privacy.vault` holds the keys of
whoever is unlocked for as long as the app runs.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from companion.privacy import Vault
from companion.privacy.crypto import STRONG_COST

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.domain.private import NoteMeta
    from companion.programme.base import Core


class Privacy:
    """The pair's private notes: who is unlocked, idle locking and the one-time notice."""

    def __init__(self, programme: Core, cost: int | None = None) -> None:
        """Serve ``programme``'s private notes; ``cost`` is scrypt's (tests pass a cheap one)."""
        self._programme = programme
        self._cost = cost if cost is not None else STRONG_COST

    @cached_property
    def vault(self) -> Vault:
        """The one vault over the journal; its clock is the programme's."""
        return Vault(self._programme.store.journal, lambda: self._programme.now(), cost=self._cost)

    def name(self, role: Role) -> str:
        """Return ``role``'s first name."""
        pair = self._programme.store.journal.pair()
        if pair is None:
            return role.capitalize()
        return pair.person(role).name.split()[0]

    def touch(self, role: Role) -> None:
        """Note that ``role`` is working now (their idle time starts again)."""
        self.vault.touch(role, self._programme.now())

    def expire_idle(self) -> list[Role]:
        """Lock whoever has been idle ten minutes or more; return whom it locked."""
        return self.vault.expire_idle(self._programme.now())

    def lock_all(self) -> None:
        """Lock both people's notes."""
        self.vault.lock_all()

    def meta_line(self, role: Role) -> str:
        """Return what anyone may know of ``role``'s notes: how many, and when last written."""
        metas: list[NoteMeta] = self.vault.list_meta(role)
        if not metas:
            return f"{self.name(role)} has no private notes yet."
        dated = [m.written_at for m in metas if m.written_at is not None]
        count = len(metas)
        noun = "note" if count == 1 else "notes"
        if not dated:
            return f"{self.name(role)} has {count} private {noun}."
        last = max(dated).astimezone(self._programme.now().tzinfo)
        return (
            f"{self.name(role)} has {count} private {noun}, "
            f"last written {last.strftime('%a %d %b %Y at %H:%M')}."
        )

    def pending_notice(self, role: Role) -> str | None:
        """Return the one-time notice after ``role``'s notes were migrated (and mark it seen)."""
        from companion.privacy import migration_notice
        from companion.storage.plaintext import plaintext_backups

        if not self.vault.notice_due(role):
            return None
        text = migration_notice(self.name(role), plaintext_backups(self._programme.folder))
        self.vault.dismiss_notice(role)
        return text
