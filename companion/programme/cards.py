"""Glossary cards: the whole collection, adding and editing, importing, reviewing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.domain.card_import import ShippedChange, stream_import
from companion.domain.cards import Card, CardSource
from companion.domain.review_queue import todays_queue
from companion.domain.scheduling import average_recall, make_scheduler, new_state
from companion.programme.glossary import Glossary
from companion.programme.sessions import card_id_for

if TYPE_CHECKING:
    from datetime import datetime

    import fsrs

    from companion.domain.anki import AnkiFile
    from companion.domain.base import Role
    from companion.domain.cards import Card, CardState, ReviewLog
    from companion.programme.base import Core

Progress = Callable[[int, int], None]

QUICK_HISTORY = 1_000_000
"""Review files (bytes) small enough to read for a card's history while the user waits."""


@dataclass
class ImportResult:
    """What an import did: cards added and updated, and the rows skipped (line, why)."""

    added: int = 0
    updated: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    total: int = 0
    """Rows in the file (good and skipped)."""
    stopped_at: int | None = None
    """The file line where the import stopped when it was interrupted."""
    shipped_changes: list[ShippedChange] = field(default_factory=list)
    """Rows that would change (or, with ``update_shipped``, changed) a shipped definition."""
    kept_shipped: int = 0
    """Shipped cards left unchanged because ``update_shipped`` was not given."""

    said: str = ""
    """The one-line summary of the import (see :meth:`summary`)."""

    def summary(self) -> str:
        """Return the one-line summary shown at the end."""
        return self.said or (
            f"added {self.added}, updated {self.updated}, skipped {len(self.problems)}"
        )


class Cards:
    """The shipped decks with the pair's own cards on top, and their review history."""

    def __init__(self, programme: Core) -> None:
        """Serve ``programme``'s cards."""
        self._programme = programme

    # -- the collection -----------------------------------------------------------------

    @cached_property
    def glossary(self) -> Glossary:
        """The glossary's rows: filtered, sorted and cached until the cards change."""
        return Glossary(self._programme)

    def all(self) -> dict[str, Card]:
        """Return every card by id: the shipped decks with the pair's own cards on top.

        Before the folder is open (or when it cannot be read) only the shipped decks.
        """
        own = self._programme.store.cards.cards() if self._programme.ready else []
        return {**self._programme.curriculum.cards, **{c.id: c for c in own}}

    def get(self, card_id: str) -> Card | None:
        """Return one card by id."""
        return self.all().get(card_id)

    def twin(self, values: dict[str, Any], editing: Card | None) -> Card | None:
        """Return another card with the same deck and term as ``values`` (not ``editing``)."""
        return next(
            (
                c
                for c in self.all().values()
                if c.deck == values["deck"]
                and c.term.strip().lower() == values["term"].lower()
                and (editing is None or c.id != editing.id)
            ),
            None,
        )

    def save(self, card: Card | None, values: dict[str, Any]) -> Card:
        """Save ``values`` into ``card`` (its history stays with it) or as a new card."""
        if card is not None:
            updated = card.model_copy(update=values)  # same id: the history stays with it
        else:
            updated = Card(
                id=card_id_for(values["term"], self.all()),
                source=CardSource(kind="user"),
                **values,
            )
        return self._programme.store.cards.put_card(updated)

    def can_delete(self, card: Card) -> bool:
        """True for the pair's own cards (shipped cards stay; they can be edited)."""
        own = {c.id for c in self._programme.store.cards.cards()}
        return card.id in own and card.source.kind != "shipped"

    def delete(self, card_id: str) -> bool:
        """Delete one of the pair's own cards; return whether it existed."""
        return self._programme.store.cards.delete_card(card_id)

    # -- importing ------------------------------------------------------------------------

    def import_text(
        self,
        text: str,
        name: str,
        *,
        deck: str | None = None,
        audience: Role | None = None,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import an Anki text export or CSV/TSV held in ``text`` (the file's ``name``).

        ``should_stop`` (a Cancel button) ends the import after the current batch.
        """
        # The Anki reader is only needed for an import, not on the dashboard's data path.
        from companion.domain.anki import parse_anki

        parsed = parse_anki(text, name)
        return self.import_parsed(
            parsed, deck=deck, audience=audience, progress=progress, should_stop=should_stop
        )

    def import_parsed(
        self,
        parsed: AnkiFile,
        *,
        deck: str | None = None,
        audience: Role | None = None,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        update_shipped: bool = False,
    ) -> ImportResult:
        """Import rows already parsed, batch by batch (one atomic write per batch).

        A row that makes no valid card is skipped and named; ``should_stop`` (Ctrl+C,
        a Cancel button) ends the import after the current batch.
        """
        store = self._programme.store
        report = stream_import(
            parsed.rows,
            self._known_for_import(),
            lambda batch: store.cards.put_cards(batch, validated=True),  # built by validation
            deck=deck,
            audience=audience,
            progress=(lambda r: progress(r.done, r.total)) if progress is not None else None,
            should_stop=should_stop,
            problems=parsed.problems,
            update_shipped=update_shipped,
        )
        return ImportResult(
            report.added,
            report.updated,
            list(report.problems),
            report.total,
            report.stopped_at,
            list(report.shipped_changes),
            report.kept_shipped,
            report.summary(),
        )

    def _known_for_import(self) -> dict[str, Card]:
        """Every card an import matches rows against (as :meth:`all`).

        Without the curriculum loaded yet (the command line), the decks alone
        are read, not every lesson; on any problem in them, the full curriculum.
        """
        programme = self._programme
        if "curriculum" not in vars(programme):
            from companion.curriculum.deck_cards import deck_cards

            decks = deck_cards(programme.folder / "content")
            if decks is not None:
                own = programme.store.cards.cards() if programme.ready else []
                return {**decks, **{c.id: c for c in own}}
        return self.all()

    def import_file(
        self,
        path: Path,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import the file at ``path`` (UTF-8, at most 32 MB) in batches, reporting progress.

        ``should_stop`` (the dialog's Cancel button) ends it after the current batch.
        """
        from companion.programme.import_source import read_import

        return self.import_text(
            read_import(path),  # size-capped; ImportFileError names the file (and line)
            path.name,
            progress=progress,
            should_stop=should_stop,
        )

    # -- reviewing -----------------------------------------------------------------------

    def states(self, role: Role | None = None) -> list[CardState]:
        """Return the scheduling states (everyone's, or one person's)."""
        return self._programme.store.cards.states(role)

    def state(self, card_id: str, role: Role) -> CardState:
        """Return a card's scheduling state for ``role`` (a new one when never reviewed)."""
        state = self._programme.store.cards.state(card_id, role)
        return state or new_state(card_id, role, self._programme.now())

    def queue(self, role: Role) -> list[str]:
        """Return the ids of the cards ``role`` reviews today, in order."""
        settings = self._programme.store.journal.settings()
        return todays_queue(
            role,
            self.all().values(),
            self.states(role),
            self._programme.now(),
            settings.new_cards_per_day,
        )

    def scheduler(self) -> fsrs.Scheduler:
        """Return the FSRS scheduler for the pair's desired retention."""
        return make_scheduler(self._programme.store.journal.settings().desired_retention)

    def record_review(self, state: CardState, log: ReviewLog) -> CardState:
        """Save one answer: the review log first, then the card's new state."""
        return self._programme.store.record_review(state, log)

    def history(self, card_id: str) -> list[ReviewLog]:
        """Return a card's reviews, oldest first."""
        return self._programme.store.reviews.logs(card_id=card_id)

    def history_is_quick(self) -> bool:
        """True when a card's history can be read at once (little of it is left to read)."""
        return self._programme.store.reviews.unindexed_size() <= QUICK_HISTORY

    def read_history(self) -> Callable[[], None]:
        """Read what every card's history needs, changing nothing: safe in another thread.

        Returns what keeps it, to be called where the app runs (its main thread);
        a year whose file is damaged is left to :meth:`history`, which sets it aside.
        """
        reviews = self._programme.store.reviews
        built = [(y, b) for y in reviews.unindexed() if (b := reviews.build_index(y)) is not None]

        def keep() -> None:
            for year, index in built:
                reviews.install_index(year, index)

        return keep

    def recall(self, role: Role, now: datetime | None = None) -> float | None:
        """Return ``role``'s average recall (FSRS retrievability), None with nothing reviewed."""
        return average_recall(self.scheduler(), self.states(role), now or self._programme.now())
