"""The glossary's rows: every card with its search key and status, filtered and sorted here.

The glossary screen asks for a :class:`GlossaryView` once per open (and again
after something changed the cards); every keystroke of its search then filters
that view. The view is built from the cards and their states once per change
of them: each card's case-folded search key is kept from one build to the next
while the card is the same object, and each card's status is worked out once
per view, never per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len

from companion.domain.glossary_query import CardStatus, status_of
from companion.formatting import role_label, visible

if TYPE_CHECKING:
    from datetime import datetime

    from companion.domain.cards import Card, CardState
    from companion.programme.base import Core


def search_key(card: Card) -> str:
    """Return the text a search looks in: term, definition, example and tags, case-folded."""
    return " ".join([card.term, card.definition, card.example, *card.tags]).casefold()


def cell_width(text: str) -> int:
    """The width ``text`` takes in a table cell (control characters shown as symbols)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return cell_len(visible(text, keep_lines=False))


CARD_TABLES = ("cards", "states")
"""The tables the glossary view is built from (the pair's cards and review states)."""


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """One card as the glossary's table shows it."""

    id: str
    term: str
    deck: str
    audience: str
    """Who the card is for, in words (``senior mentee``)."""
    role: str
    """Who the card is for: ``mentee`` or ``mentor``."""
    status: CardStatus
    key: str
    """The case-folded text a search looks in."""


@dataclass(frozen=True)
class Filters:
    """What the glossary is filtered by; empty or None means no filter."""

    text: str = ""
    deck: str | None = None
    audience: str | None = None
    status: str | None = None


@dataclass
class GlossaryView:
    """Every card's row, sorted by term, with statuses as of ``minute``."""

    version: object
    minute: datetime
    """The minute the statuses are worked out for."""
    rows: list[GlossaryRow]
    cards: dict[str, Card]
    decks: list[str]
    _last: tuple[Filters, list[GlossaryRow]] | None = field(default=None, repr=False)
    _widths: tuple[int, ...] | None = field(default=None, repr=False)

    def widths(self, labels: Sequence[str]) -> tuple[int, ...]:
        """Each column's widest cell over every card (term, deck, for, state) or its label.

        The table's columns are sized from these, so they keep their widths
        however the search narrows the rows (and drawn cells stay valid).
        """
        if self._widths is None:
            widest = [cell_width(label) for label in labels]
            for row in self.rows:
                for i, text in enumerate((row.term, row.deck, row.audience, row.status)):
                    width = cell_width(text)
                    if width > widest[i]:
                        widest[i] = width
            self._widths = tuple(widest)
        return self._widths

    def find(self, filters: Filters) -> list[GlossaryRow]:
        """Return the rows matching every filter, sorted by term.

        Typing on at the end of the last search narrows the last result
        instead of looking through every card again.
        """
        words = filters.text.casefold().split()
        pool: Sequence[GlossaryRow] = self.rows
        if self._last is not None:
            last, found = self._last
            if last == filters:
                return found
            same = (last.deck, last.audience, last.status) == (
                filters.deck,
                filters.audience,
                filters.status,
            )
            if same and last.text and filters.text.startswith(last.text):
                pool = found
        if pool is self.rows:
            pool = [
                r
                for r in pool
                if (not filters.deck or r.deck == filters.deck)
                and (not filters.audience or r.role == filters.audience)
                and (not filters.status or r.status == filters.status)
            ]
        if len(words) == 1:
            word = words[0]
            result = [r for r in pool if word in r.key]
        elif words:
            result = [r for r in pool if all(w in r.key for w in words)]
        else:
            result = list(pool)
        self._last = (filters, result)
        return result


class Glossary:
    """Builds the glossary's view of the cards, once per change of the cards or their states."""

    def __init__(self, programme: Core) -> None:
        """Serve ``programme``'s cards."""
        self._programme = programme
        self._keys: dict[str, tuple[Card, str]] = {}
        self._view: GlossaryView | None = None

    def version(self) -> object:
        """Return what the view depends on: the store's cards, their writes, the curriculum."""
        programme = self._programme
        if not programme.ready:
            return (None, id(programme.curriculum))
        return (programme.changes.version(CARD_TABLES), id(programme.curriculum))

    def view(self, now: datetime) -> GlossaryView:
        """Return every card's row with its status at ``now`` (built again only when needed).

        The view is kept while the cards and states are unchanged and ``now``
        is in the same minute, so asking twice in one open costs nothing.
        """
        version = self.version()
        minute = now.replace(second=0, microsecond=0)
        kept = self._view
        if kept is not None and kept.version == version and kept.minute == minute:
            return kept
        programme = self._programme
        own = programme.store.cards.cards() if programme.ready else []
        cards = {**programme.curriculum.cards, **{c.id: c for c in own}}
        states: dict[tuple[str, str], CardState] = (
            {(s.role, s.card_id): s for s in programme.store.cards.states()}
            if programme.ready
            else {}
        )
        keys: dict[str, tuple[Card, str]] = {}
        rows = []
        for card in cards.values():
            known = self._keys.get(card.id)
            key = known[1] if known is not None and known[0] is card else search_key(card)
            keys[card.id] = (card, key)
            rows.append(
                GlossaryRow(
                    card.id,
                    card.term,
                    card.deck,
                    role_label(card.audience).split()[0],  # "senior": the filter's word
                    card.audience,
                    status_of(states.get((card.audience, card.id)), now),
                    key,
                )
            )
        rows.sort(key=lambda r: r.term.lower())
        self._keys = keys
        decks = sorted({c.deck for c in cards.values()})
        self._view = GlossaryView(version, minute, rows, cards, decks)
        return self._view
