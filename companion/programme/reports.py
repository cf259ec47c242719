"""What the pair sees of its programme on screen: the dashboard overview and the playbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.domain.overview import build_overview
from companion.domain.signals import JournalFacts, challenges
from companion.programme.cards import Cards

if TYPE_CHECKING:
    from companion.domain.content import PlaybookEntry
    from companion.domain.overview import Overview
    from companion.programme.base import Core


class Reports:
    """Summaries of the journal for the dashboard and the playbook."""

    def __init__(self, programme: Core) -> None:
        """Report on ``programme``."""
        self._programme = programme

    def overview(self) -> Overview | None:
        """Return the dashboard figures now, or None before onboarding."""
        programme = self._programme
        journal = programme.store.journal
        pair = journal.pair()
        if pair is None:
            return None
        curriculum = programme.curriculum
        return build_overview(
            pair=pair,
            sessions=journal.sessions(),
            goals=journal.goals(),
            actions=journal.actions(),
            marks=journal.lesson_marks(),
            modules=curriculum.ordered_modules(),
            lessons=list(curriculum.lessons.values()),
            cards=list(Cards(programme).all().values()),
            states=programme.store.cards.states(),
            settings=journal.settings(),
            now=programme.now(),
        )

    def challenges(self) -> list[tuple[PlaybookEntry, list[str]]]:
        """Return the playbook entries whose signals the journal shows today, with why."""
        programme = self._programme
        journal = programme.store.journal
        pair = journal.pair()
        if pair is None:
            return []
        facts = JournalFacts(
            pair=pair,
            sessions=journal.sessions(),
            actions=journal.actions(),
            goals=journal.goals(),
            checkins=journal.checkins(),
            lessons=programme.curriculum.lessons,
            today=programme.today(),
        )
        return challenges(list(programme.curriculum.playbook.values()), facts)

    def playbook(self) -> list[PlaybookEntry]:
        """Return every playbook entry."""
        return list(self._programme.curriculum.playbook.values())
