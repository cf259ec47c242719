"""The core of the Programme: the open data folder, its curriculum and the clock.

The parts of :class:`~companion.programme.core.Programme` (journal, sessions, cards…)
are typed against :class:`Core`, so no part imports the class that assembles them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from companion.storage.changes import ChangeCounter

if TYPE_CHECKING:
    from companion.curriculum.catalogue import Curriculum
    from companion.curriculum.problems import Problem
    from companion.storage.lock import DataLock
    from companion.storage.recovery import Recovered
    from companion.storage.store import Store

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Core:
    """One data folder, opened or not, its curriculum and the clock (no use cases).

    Made cheaply (nothing is read); :meth:`open` opens the store, which is where
    the time goes, so the app can show its first frame before.
    """

    def __init__(
        self,
        folder: Path,
        *,
        lock: DataLock | None = None,
        clock: Clock | None = None,
        cache_curriculum: bool = False,
    ) -> None:
        """Work on ``folder``; ``lock`` is the folder's lock when the caller took it.

        ``clock`` gives "now" (pinned in tests); with ``cache_curriculum`` the parsed
        curriculum is cached in the data folder (the app does; the command line does not).
        """
        self.folder = folder
        self._cache_curriculum = cache_curriculum
        self._lock = lock
        self._store: Store | None = None
        self._clock: Clock = clock or _utc_now
        self.content_problems: list[Problem] = []
        self.privacy_cost: int | None = None
        """scrypt's cost for new passphrases (None: the strong default; tests lower it)."""
        self.changes = ChangeCounter()
        """How often each kind of record was written (kept across a restore's reopen)."""

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def opened(
        cls,
        folder: Path,
        *,
        readonly: bool = False,
        backup: bool = True,
        clock: Clock | None = None,
    ) -> Self:
        """Return a Programme on ``folder`` with its store open (for the command line).

        Raises ``LockHeldError`` when another Companion has the folder (writable
        opens) and ``DataUnreadableError`` when a read-only open meets a damaged file.
        """
        programme = cls(folder, clock=clock)
        programme.open(readonly=readonly, backup=backup)
        return programme

    def open(self, *, readonly: bool = False, backup: bool = True) -> None:
        """Open the data folder (lock, recover, back up, migrate); raise OSError on failure."""
        # Storage pulls in tinydb and pydantic: imported here, after the app's first frame
        # (benchmarks/startup.py, dashboard frame).
        from companion.storage.store import Store

        self.changes.reopened()  # a store opened anew may hold other records than the last
        self._store = Store.open(
            self.folder, readonly=readonly, backup=backup, lock=self._lock, changes=self.changes
        )

    def reopen(self) -> None:
        """Open the folder again after its files were replaced (a restore), lock kept."""
        from companion.storage.store import Store  # see open()

        if self._store is not None:
            self._lock = self._store._lock
            self._store._lock = None
        self.changes.reopened()
        self._store = Store.open(self.folder, backup=False, lock=self._lock, changes=self.changes)
        self.__dict__.pop("curriculum", None)
        self.__dict__.pop("privacy", None)  # its vault read the old files; nobody stays unlocked

    def close(self) -> None:
        """Release the data folder (every write is already on disk)."""
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def ready(self) -> bool:
        """True once the store is open."""
        return self._store is not None

    @property
    def store(self) -> Store:
        """The open store: for this package's parts only; callers use the parts' methods."""
        if self._store is None:
            raise RuntimeError("the data folder is not open yet")
        return self._store

    @property
    def recovered(self) -> list[Recovered]:
        """Damaged files moved aside when the folder was opened."""
        return self.store.recovered

    # -- the clock and the curriculum ---------------------------------------------------

    def now(self) -> datetime:
        """Return the current time in the local zone (pinned in tests).

        Instants are stored in UTC; ``now().date()`` is the pair's own today.
        """
        from companion.domain.clock import to_local

        return to_local(self._clock())

    def today(self) -> date:
        """Return today's date in the local zone (the day people call "today")."""
        return self.now().date()

    def content_notice(self, *, brief: bool = False) -> str | None:
        """Return what to tell the pair about problems in their own content, or None.

        Names the first few problems; ``brief`` (a small terminal): only how many.
        Loads the curriculum if it was not loaded yet (that sets ``content_problems``).
        """
        from companion.curriculum.problems import own_content_notice

        _ = self.curriculum  # loads it once, which sets content_problems
        return own_content_notice(self.content_problems, self.folder / "content", brief=brief)

    @cached_property
    def curriculum(self) -> Curriculum:
        """The shipped curriculum with the pair's own content on top (loaded once)."""
        from companion.curriculum.sources import load_for  # pydantic: after the first frame

        cache = self.folder / ".cache" / "curriculum.json" if self._cache_curriculum else None
        curriculum, problems = load_for(self.folder / "content", cache=cache)
        self.content_problems = problems
        return curriculum
