"""Every export: the journal as JSON, the Markdown report, CSV for spreadsheets, Anki decks.

Made only when something is exported (the report and Anki writers stay off the
dashboard's data path).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal

from companion.domain.anki import write_anki
from companion.domain.card_import import export_cards, slug
from companion.domain.csv_export import actions_csv, log_csv, sessions_csv
from companion.domain.export import JournalExport
from companion.domain.report import ReportData, markdown_report

if TYPE_CHECKING:
    from companion.programme.core import Programme

CsvRecords = Literal["sessions", "log", "actions"]


class Exports:
    """The journal and the cards written out for other programs."""

    def __init__(self, programme: Programme) -> None:
        """Export ``programme``'s journal and cards."""
        self._programme = programme

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

    def anki(self, deck: str | None = None) -> tuple[str, int] | None:
        """Return every card (or one deck's) as a file Anki imports, with the count.

        None when ``deck`` names no deck.
        """
        cards = list(self._programme.cards.all().values())
        if deck:
            cards = [c for c in cards if c.deck == slug(deck)]
            if not cards:
                return None
        return write_anki(export_cards(cards), deck), len(cards)
