"""Every export: the journal as JSON, the Markdown report, CSV for spreadsheets, Anki decks.

Made only when something is exported (the report and Anki writers stay off the
dashboard's data path). Private notes and unshared check-in comments appear only
when the caller passes each person's decrypted texts (``private``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal

from companion.domain.anki import write_anki
from companion.domain.base import ROLES
from companion.domain.card_import import export_cards, slug
from companion.domain.csv_export import actions_csv, log_csv, sessions_csv
from companion.domain.export import JournalExport
from companion.domain.private import with_private_text
from companion.domain.report import ReportData, markdown_report

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.programme.base import Core

CsvRecords = Literal["sessions", "log", "actions"]

PrivateTexts = Mapping["Role", Mapping[str, str]]
"""Each person's decrypted private notes and comments, by record id."""


class Exports:
    """The journal and the cards written out for other programs."""

    def __init__(self, programme: Core) -> None:
        """Export ``programme``'s journal and cards."""
        self._programme = programme

    def json(self, private: PrivateTexts | None = None) -> str:
        """Return the whole journal as JSON (private notes only when ``private`` is given)."""
        store = self._programme.store
        journal = store.journal
        sessions, checkins = with_private_text(journal.sessions(), journal.checkins(), private)
        document = JournalExport(
            exported_at=datetime.now(UTC),
            includes_private_notes=private is not None,
            pair=journal.pair(),
            settings=journal.settings(),
            goals=journal.goals(),
            sessions=sessions,
            actions=journal.actions(),
            checkins=checkins,
            log=journal.log_entries(),
            cards=store.cards.cards(),
            card_states=store.cards.states(),
            review_logs=store.reviews.logs(),
            skill_rounds=journal.skill_rounds(),
            expectations=journal.expectations(),
            wins=journal.wins(),
            pauses=journal.pauses(),
            reschedules=journal.reschedules(),
            keep_doing=journal.keep_doing(),
        )
        return document.to_json() + "\n"

    def markdown(
        self,
        today: date | None = None,
        *,
        include_notes: bool = False,
        private: PrivateTexts | None = None,
    ) -> str | None:
        """Return the Markdown report, or None before onboarding.

        By default it holds what a programme lead needs and nothing confidential;
        ``include_notes`` adds shared notes and reflections; ``private`` adds
        private notes (and implies the shared ones).
        """
        store = self._programme.store
        journal = store.journal
        pair = journal.pair()
        if pair is None:
            return None
        sessions, checkins = with_private_text(journal.sessions(), journal.checkins(), private)
        return markdown_report(
            ReportData(
                pair=pair,
                today=today or self._programme.today(),
                sessions=sessions,
                goals=journal.goals(),
                actions=journal.actions(),
                log=journal.log_entries(),
                checkins=checkins,
                states=store.cards.states(),
                reviews=store.reviews.logs(),
                lessons=self._programme.curriculum.lessons,
                include_notes=include_notes or private is not None,
                include_private=private is not None,
                wins=journal.wins(),
                skill_rounds=journal.skill_rounds(),
                keep_doing=journal.keep_doing(),
            )
        )

    def csv(
        self, what: CsvRecords, private: PrivateTexts | None = None, *, raw: bool = False
    ) -> str:
        """Return sessions, the log or action items as CSV for a spreadsheet.

        Cells a spreadsheet would run as a formula get a leading ``'`` unless ``raw``.
        """
        journal = self._programme.store.journal
        if what == "log":
            return log_csv(journal.log_entries(), raw)
        if what == "actions":
            return actions_csv(journal.actions(), journal.sessions(), raw)
        sessions, _ = with_private_text(journal.sessions(), [], private)
        return sessions_csv(
            sessions,
            journal.actions(),
            self._programme.curriculum.lessons,
            private is not None,
            raw,
        )

    def anki(self, deck: str | None = None) -> tuple[str, int] | None:
        """Return every card (or one deck's) as a file Anki imports, with the count.

        None when ``deck`` names no deck.
        """
        from companion.programme.cards import Cards  # only for an Anki export

        cards = list(Cards(self._programme).all().values())
        if deck:
            cards = [c for c in cards if c.deck == slug(deck)]
            if not cards:
                return None
        return write_anki(export_cards(cards), deck), len(cards)

    def private_texts(
        self,
        passphrase: Callable[[Role, str], str],
        no_passphrase: Callable[[str], None],
    ) -> dict[Role, dict[str, str]]:
        """Return each person's decrypted private notes, asking ``passphrase(role, name)``.

        Only people who set a passphrase are asked (mentor first); the others are
        named to ``no_passphrase``. Raises ``WrongPassphraseError`` on a wrong one.
        """
        from companion.privacy import Vault, WrongPassphraseError

        journal = self._programme.store.journal
        vault = Vault(journal, migrate=False)
        pair = journal.pair()
        texts: dict[Role, dict[str, str]] = {}
        for role in ROLES:
            name = pair.person(role).name if pair else role
            if not vault.has_passphrase(role):
                no_passphrase(name)
                continue
            if not vault.unlock(role, passphrase(role, name)):
                raise WrongPassphraseError(role)
            texts[role] = vault.read_all(role)
        vault.lock_all()
        return texts
