"""What the pair sees of its programme: the dashboard overview, the playbook, every export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal

from companion.domain.csv_export import actions_csv, log_csv, sessions_csv
from companion.domain.export import JournalExport
from companion.domain.overview import build_overview
from companion.domain.report import ReportData, markdown_report
from companion.domain.signals import JournalFacts, challenges

if TYPE_CHECKING:
    from companion.domain.content import PlaybookEntry
    from companion.domain.overview import Overview
    from companion.programme.core import Programme

CsvRecords = Literal["sessions", "log", "actions"]


class Reports:
    """Summaries and exports of the journal."""

    def __init__(self, programme: Programme) -> None:
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
            cards=list(programme.cards.all().values()),
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

    # -- exports ----------------------------------------------------------------------

    def json(self, include_private: bool) -> str:
        """Return the whole journal as JSON (private notes only when asked)."""
        store = self._programme.store
        journal = store.journal
        document = JournalExport(
            exported_at=datetime.now(UTC),
            includes_private_notes=include_private,
            pair=journal.pair(),
            settings=journal.settings(),
            goals=journal.goals(),
            sessions=journal.sessions(),
            actions=journal.actions(),
            checkins=journal.checkins(),
            log=journal.log_entries(),
            cards=store.cards.cards(),
            card_states=store.cards.states(),
            review_logs=store.reviews.logs(),
        )
        return document.to_json() + "\n"

    def markdown(self, include_private: bool, today: date | None = None) -> str | None:
        """Return the Markdown report, or None before onboarding."""
        store = self._programme.store
        journal = store.journal
        pair = journal.pair()
        if pair is None:
            return None
        return markdown_report(
            ReportData(
                pair=pair,
                today=today or date.today(),
                sessions=journal.sessions(),
                goals=journal.goals(),
                actions=journal.actions(),
                log=journal.log_entries(),
                checkins=journal.checkins(),
                states=store.cards.states(),
                reviews=store.reviews.logs(),
                lessons=self._programme.curriculum.lessons,
                include_private=include_private,
            )
        )

    def csv(self, what: CsvRecords, include_private: bool) -> str:
        """Return sessions, the log or action items as CSV for a spreadsheet."""
        journal = self._programme.store.journal
        if what == "log":
            return log_csv(journal.log_entries())
        if what == "actions":
            return actions_csv(journal.actions(), journal.sessions())
        return sessions_csv(
            journal.sessions(),
            journal.actions(),
            self._programme.curriculum.lessons,
            include_private,
        )
