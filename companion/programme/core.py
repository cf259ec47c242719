"""The Programme: everything Companion does for one data folder, part by part."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from companion.programme.base import Clock, Core

if TYPE_CHECKING:
    from companion.programme.cards import Cards
    from companion.programme.data import Data
    from companion.programme.evaluation import Evaluation
    from companion.programme.exports import Exports
    from companion.programme.journal import Journal
    from companion.programme.listings import Listings
    from companion.programme.privacy import Privacy
    from companion.programme.recovery import Recovery
    from companion.programme.reports import Reports
    from companion.programme.sessions import Sessions

__all__ = ["Clock", "Programme"]


class Programme(Core):
    """Everything Companion does for one data folder.

    The core (:class:`~companion.programme.base.Core`) holds the folder, the store,
    the curriculum and the clock; the parts hold the use cases by subject:
    :attr:`journal` (pair, settings, goals, actions, log, check-ins, lesson marks),
    :attr:`sessions`, :attr:`cards`, :attr:`reports` (overview, challenges),
    :attr:`exports`, :attr:`data` (backups, restore, sample data),
    :attr:`evaluation`, :attr:`privacy` and :attr:`recovery`. Each part is made on
    first use and knows only the core, so no part imports this class.
    """

    # -- the parts, made on first use --------------------------------------------------
    # Each part imports the domain (pydantic): made after the app's first frame
    # (benchmarks/startup.py, dashboard frame), hence the imports inside.

    @cached_property
    def journal(self) -> Journal:
        """The pair, settings, goals, action items, log, check-ins and lesson marks."""
        from companion.programme.journal import Journal  # after the first frame (above)

        return Journal(self)

    @cached_property
    def listings(self) -> Listings:
        """The journal's and the log's rows as shown, cached until the records change."""
        from companion.programme.listings import Listings  # after the first frame (above)

        return Listings(self)

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

        return Recovery(self, self.data)
