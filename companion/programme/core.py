"""The Programme: one pair's open data folder, its curriculum and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.curriculum.catalogue import Curriculum
    from companion.curriculum.problems import Problem
    from companion.programme.cards import Cards
    from companion.programme.data import Data
    from companion.programme.evaluation import Evaluation
    from companion.programme.exports import Exports
    from companion.programme.journal import Journal
    from companion.programme.privacy import Privacy
    from companion.programme.recovery import Recovery
    from companion.programme.reports import Reports
    from companion.programme.sessions import Sessions
    from companion.storage.lock import DataLock
    from companion.storage.recovery import Recovered
    from companion.storage.store import Store

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Programme:
    """Everything Companion does for one data folder.

    Made cheaply (nothing is read); :meth:`open` opens the store, which is where
    the time goes, so the app can show its first frame before. The parts hold
    the use cases by subject: :attr:`journal` (pair, settings, goals, actions,
    log, check-ins, lesson marks), :attr:`sessions`, :attr:`cards`,
    :attr:`reports` (overview, challenges), :attr:`exports` and :attr:`data`
    (backups, restore, sample data).
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

    # -- the parts, made on first use --------------------------------------------------
    # Each part imports the domain (pydantic): made after the app's first frame
    # (benchmarks/startup.py, dashboard frame), hence the imports inside.

    @cached_property
    def journal(self) -> Journal:
        """The pair, settings, goals, action items, log, check-ins and lesson marks."""
        from companion.programme.journal import Journal  # after the first frame (above)

        return Journal(self)

    @cached_property
    def sessions(self) -> Sessions:
        """Planning, starting, saving, finishing and deleting sessions."""
        from companion.programme.sessions import Sessions  # after the first frame (above)

        return Sessions(self)

    @cached_property
    def cards(self) -> Cards:
        """The glossary: every card, editing, importing, reviewing."""
        from companion.programme.cards import Cards  # after the first frame (above)

        return Cards(self)

    @cached_property
    def reports(self) -> Reports:
        """The dashboard overview, the playbook's challenges and every export."""
        from companion.programme.reports import Reports  # after the first frame (above)

        return Reports(self)

    @cached_property
    def exports(self) -> Exports:
        """JSON, the Markdown report, CSV and Anki files."""
        from companion.programme.exports import Exports  # after the first frame (above)

        return Exports(self)

    @cached_property
    def evaluation(self) -> Evaluation:
        """Timeline, skills growth, check-in trends, expectations and wins."""
        from companion.programme.evaluation import Evaluation  # after the first frame (above)

        return Evaluation(self)

    @cached_property
    def data(self) -> Data:
        """Backups, restore, the demo pair and the content check."""
        from companion.programme.data import Data  # after the first frame (above)

        return Data(self)

    @cached_property
    def privacy(self) -> Privacy:
        """Private notes and check-in comments: the one vault, idle locking, the notice."""
        from companion.programme.privacy import Privacy  # after the first frame (above)

        return Privacy(self, self.privacy_cost)

    @cached_property
    def recovery(self) -> Recovery:
        """The restore-first choice after a damaged file was moved aside."""
        from companion.programme.recovery import Recovery  # after the first frame (above)

        return Recovery(self)

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def opened(
        cls,
        folder: Path,
        *,
        readonly: bool = False,
        backup: bool = True,
        clock: Clock | None = None,
    ) -> Programme:
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

        self._store = Store.open(self.folder, readonly=readonly, backup=backup, lock=self._lock)

    def reopen(self) -> None:
        """Open the folder again after its files were replaced (a restore), lock kept."""
        from companion.storage.store import Store  # see open()

        if self._store is not None:
            self._lock = self._store._lock
            self._store._lock = None
        self._store = Store.open(self.folder, backup=False, lock=self._lock)
        self.__dict__.pop("curriculum", None)
        self.__dict__.pop("privacy", None)  # its vault read the old files; nobody stays unlocked

    def close(self) -> None:
        """Release the data folder (every write is already on disk)."""
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Programme:
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

    @cached_property
    def curriculum(self) -> Curriculum:
        """The shipped curriculum with the pair's own content on top (loaded once)."""
        from companion.curriculum.sources import load_for  # pydantic: after the first frame

        cache = self.folder / ".cache" / "curriculum.json" if self._cache_curriculum else None
        curriculum, problems = load_for(self.folder / "content", cache=cache)
        self.content_problems = problems
        return curriculum
