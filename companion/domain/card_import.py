"""Turning imported rows into cards: new ones are added, known terms are updated in place.

A row that would change a shipped card's definition is not applied unless the
import is asked to (``update_shipped``): it is listed as a :class:`ShippedChange`
(term, old and new definition) and counted, so the CLI can say what was kept.
A shipped card that an import does change becomes the pair's own imported card
(its source says so), keeping its id and review history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from companion.domain.anki import AnkiRow, ExportCard, companion_deck
from companion.domain.base import Role
from companion.domain.card_terms import term_key
from companion.domain.cards import Card, CardSource
from companion.domain.errors import describe

_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_IMPORTED = CardSource(kind="import")
"""The source of every imported card (models are frozen, so one serves all)."""


def slug(text: str, fallback: str = "card") -> str:
    """Return ``text`` as a kebab-case id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or fallback


@dataclass(frozen=True)
class ShippedChange:
    """An imported row that would change a shipped card's definition."""

    line: int
    """The row's line in the imported file."""
    card_id: str
    """The shipped card's id."""
    term: str
    """The card's term."""
    old: str
    """The shipped definition."""
    new: str
    """The definition the row brings."""

    def describe(self) -> str:
        """Return the change in a line: ``“Term”: “old” → “new”``."""
        return f"“{self.term}”: “{self.old}” → “{self.new}”"


@dataclass
class ImportPlan:
    """The cards to store, how many were added or updated, and the shipped cards kept."""

    cards: list[Card] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    shipped_changes: list[ShippedChange] = field(default_factory=list)
    """Rows that would change (or, with ``update_shipped``, did change) a shipped definition."""
    update_shipped: bool = False
    """Whether the shipped changes are applied (otherwise those rows are skipped)."""

    @property
    def kept_shipped(self) -> int:
        """Shipped cards left as they are because their change was not asked for."""
        return 0 if self.update_shipped else len(self.shipped_changes)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


class _Matcher:
    """Matches rows to known cards (by guid, then by term) and makes the cards to store."""

    def __init__(
        self,
        existing: Mapping[str, Card],
        deck: str | None,
        audience: Role | None,
        update_shipped: bool = False,
    ):
        self.existing = dict(existing)
        self.deck, self.audience = deck, audience
        self.update_shipped = update_shipped
        self.shipped_changes: list[ShippedChange] = []
        self.by_term: dict[str, list[Card]] = {}
        for card in existing.values():
            self.by_term.setdefault(term_key(card.term), []).append(card)
        self.taken = set(existing)
        self.by_guid = {card.guid: card for card in existing.values() if card.guid}
        self._decks: dict[str, str] = {}

    def card_for(self, row: AnkiRow) -> tuple[Card | None, bool]:
        """Return the card for ``row`` and whether it is new (ValidationError if invalid).

        The card is None when the row would change a shipped definition and
        ``update_shipped`` is off (the change is listed in ``shipped_changes``).
        """
        target_deck = self._decks.get(row.deck)
        if target_deck is None:  # the same few decks on every row: worked out once each
            target_deck = slug(self.deck or companion_deck(row.deck) or "imported", "imported")
            self._decks[row.deck] = target_deck
        key = term_key(row.term)
        match = (self.by_guid.get(row.guid) or self.existing.get(row.guid)) if row.guid else None
        if match is None:
            same = self.by_term.get(key, [])
            match = next((c for c in same if c.deck == target_deck), same[0] if same else None)
        if match is not None:
            card = Card.model_validate(
                {
                    **match.model_dump(),
                    "term": row.term,
                    "definition": row.definition,
                    "example": row.example or match.example,
                    "tags": list(row.tags) or match.tags,
                    "audience": self.audience or match.audience,
                    "guid": match.guid if row.guid in ("", match.id) else row.guid,
                }
            )
            if match.source.kind == "shipped":
                if _same_text(card.definition, match.definition):
                    card = card.model_copy(update={"definition": match.definition})
                else:
                    change = ShippedChange(
                        row.line, match.id, match.term, match.definition, card.definition
                    )
                    self.shipped_changes.append(change)
                    if not self.update_shipped:
                        return None, False
                if card.model_dump(include=_CONTENT) != match.model_dump(include=_CONTENT):
                    card = card.model_copy(update={"source": _IMPORTED})
            is_new = False
        else:
            new_id = row.guid if row.guid and _KEBAB.fullmatch(row.guid) else slug(row.term)
            base, number = new_id, 2
            while new_id in self.taken:
                new_id, number = f"{base}-{number}", number + 1
            card = Card(
                id=new_id,
                term=row.term,
                definition=row.definition,
                example=row.example,
                tags=list(row.tags),
                deck=target_deck,
                audience=self.audience or "mentee",
                source=_IMPORTED,
                guid="" if row.guid == new_id else row.guid,
            )
            is_new = True
        self.taken.add(card.id)
        self.existing[card.id] = card
        if card.guid:
            self.by_guid[card.guid] = card
        key = key if card.term == row.term else term_key(card.term)
        self.by_term.setdefault(key, []).insert(0, card)
        return card, is_new


_CONTENT = {"term", "definition", "example", "tags", "audience"}
"""What makes an imported shipped card the pair's own once it differs."""


def plan_import(
    rows: Sequence[AnkiRow],
    existing: Mapping[str, Card],
    *,
    deck: str | None = None,
    audience: Role | None = None,
    update_shipped: bool = False,
) -> ImportPlan:
    """Match each row to a card (by guid, then by term) and return what to store.

    An updated card keeps its id, so its review history stays with it; its
    audience only changes when ``audience`` is given. New cards go to ``deck``
    (or the row's own deck, or ``imported``) for ``audience`` (default: the senior).
    A row that does not make a valid card (a term too long) is left out. A row
    that would change a shipped card's definition is listed in
    ``shipped_changes`` and left out unless ``update_shipped``.
    """
    plan = ImportPlan(update_shipped=update_shipped)
    matcher = _Matcher(existing, deck, audience, update_shipped)
    for row in rows:
        try:
            card, is_new = matcher.card_for(row)
        except ValidationError:
            continue
        if card is None:
            continue
        plan.added += is_new
        plan.updated += not is_new
        plan.cards.append(card)
    plan.shipped_changes = matcher.shipped_changes
    return plan


@dataclass
class ImportReport:
    """What a streaming import did: counts, skipped rows (line, reason), where it stopped."""

    total: int
    added: int = 0
    updated: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    done: int = 0
    """Rows handled (stored or skipped) so far."""
    stopped_at: int | None = None
    """The file line of the first row not handled, when the import was stopped."""
    shipped_changes: list[ShippedChange] = field(default_factory=list)
    """Rows that would change (or, with ``update_shipped``, did change) a shipped definition."""
    update_shipped: bool = False
    """Whether shipped definitions were replaced (otherwise those rows were kept out)."""

    @property
    def imported(self) -> int:
        """Cards stored (added or updated)."""
        return self.added + self.updated

    @property
    def kept_shipped(self) -> int:
        """Shipped cards left as they are because their change was not asked for."""
        return 0 if self.update_shipped else len(self.shipped_changes)

    def summary(self) -> str:
        """Return the one-line summary shown at the end."""
        text = f"added {self.added}, updated {self.updated}, skipped {len(self.problems)}"
        if self.kept_shipped:
            one = self.kept_shipped == 1
            text += (
                f", kept {self.kept_shipped} shipped {'card' if one else 'cards'} unchanged "
                f"(--update-shipped replaces {'its definition' if one else 'their definitions'})"
            )
        if self.stopped_at is not None:
            text = (
                f"imported {self.imported} of {self.total}, stopped at line {self.stopped_at} "
                f"({text})"
            )
        return text


MIN_BATCH = 500
"""The fewest rows a write takes: a small import is written once or twice."""

WRITES = 20
"""About how many writes a large import makes, whatever its size (linear time and bytes)."""


def batch_size_for(total: int) -> int:
    """Rows per write: at least :data:`MIN_BATCH`, and about :data:`WRITES` writes in all.

    Each write rewrites the cards file, so a fixed number of writes keeps the
    bytes written in proportion to the file (about ``WRITES / 2`` times its
    final size) instead of growing with the square of the rows.
    """
    return max(MIN_BATCH, -(-total // WRITES))


def stream_import(
    rows: Sequence[AnkiRow],
    existing: Mapping[str, Card],
    write: Callable[[list[Card]], None],
    *,
    deck: str | None = None,
    audience: Role | None = None,
    batch_size: int | None = None,
    progress: Callable[[ImportReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    problems: Sequence[tuple[int, str]] = (),
    update_shipped: bool = False,
) -> ImportReport:
    """Import ``rows`` batch by batch: validate each row, ``write`` each batch once.

    A row that does not make a valid card is skipped and reported with its
    line and reason; it never stops the rest. ``progress`` is called after
    every batch; when ``should_stop`` says so (Ctrl+C, a Cancel button) the
    import ends after the current batch and the report says where it stopped.
    ``problems`` are rows the parser already skipped (reported with the rest).
    A row that would change a shipped card's definition is listed in
    ``report.shipped_changes`` and not stored, unless ``update_shipped``.
    No UI here: the CLI and the app's import dialog both call this.
    """
    report = ImportReport(
        total=len(rows) + len(problems), problems=list(problems), update_shipped=update_shipped
    )
    report.done = len(problems)
    size = batch_size or batch_size_for(len(rows))
    matcher = _Matcher(existing, deck, audience, update_shipped)
    report.shipped_changes = matcher.shipped_changes
    for start in range(0, len(rows), size):
        if should_stop is not None and should_stop():
            report.stopped_at = rows[start].line
            break
        batch: dict[str, Card] = {}
        added = updated = 0
        for row in rows[start : start + size]:
            try:
                card, is_new = matcher.card_for(row)
            except ValidationError as exc:
                report.problems.append((row.line, describe(exc)[0]))
                continue
            if card is None:
                continue
            if card.id in batch or not is_new:
                updated += 1
            else:
                added += 1
            batch[card.id] = card
        if batch:
            write(list(batch.values()))
        report.added += added
        report.updated += updated
        report.done += min(size, len(rows) - start)
        if progress is not None:
            progress(report)
    report.problems.sort()
    return report


def export_cards(cards: Sequence[Card]) -> list[ExportCard]:
    """Return cards in the form the Anki writer takes (an imported guid, else the card id)."""
    return [
        ExportCard(c.anki_guid, c.term, c.definition, c.example, tuple(c.tags), c.deck)
        for c in cards
    ]
