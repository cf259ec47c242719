"""The app's card verbs: add/edit with duplicate check, delete, import with progress, review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.domain.cards import Card
    from companion.storage.store import Store

Refresh = Callable[[], None]


class CardVerbs:
    """Card actions for :class:`~companion.app.CompanionApp` (a mix-in)."""

    store: Store

    def edit_card(self, card: Card | None, refresh: Refresh) -> None:
        """Add or edit a card; a term already in the same deck is flagged and can be merged."""
        from companion.dialogs.card_edit import CardEditDialog

        app: Any = self

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            everything = app.all_cards()
            twin = next(
                (
                    c
                    for c in everything.values()
                    if c.deck == values["deck"]
                    and c.term.strip().lower() == values["term"].lower()
                    and (card is None or c.id != card.id)
                ),
                None,
            )
            if twin is not None:
                self._offer_merge(twin, values, refresh)
                return
            self._store_card(card, values, refresh)

        app.push_screen(CardEditDialog(card), done)

    def _offer_merge(self, twin: Card, values: dict[str, Any], refresh: Refresh) -> None:
        from companion.dialogs.message import ConfirmDialog

        app: Any = self

        def answer(yes: bool | None) -> None:
            if yes:
                self._store_card(twin, values, refresh)

        app.push_screen(
            ConfirmDialog(
                "This term is already in the deck",
                f"“{twin.term}” already exists in {twin.deck}. Merge your wording into it? "
                "Its review history is kept.",
                "Merge",
            ),
            answer,
        )

    def _store_card(self, card: Card | None, values: dict[str, Any], refresh: Refresh) -> None:
        from companion.domain.cards import Card, CardSource
        from companion.sessions_flow import card_id_for

        app: Any = self
        if card is not None:
            updated = card.model_copy(update=values)  # same id: the history stays with it
        else:
            taken = set(app.all_cards())
            updated = Card(
                id=card_id_for(values["term"], taken), source=CardSource(kind="user"), **values
            )
        if app.save(lambda: self.store.cards.put_card(updated), "The card"):
            refresh()

    def delete_card(self, card: Card, refresh: Refresh) -> None:
        """Delete one of the pair's own cards (shipped cards stay; they can be edited)."""
        from companion.dialogs.message import ConfirmDialog

        app: Any = self
        own = {c.id for c in self.store.cards.cards()}
        if card.id not in own or card.source.kind == "shipped":
            app.notify("Shipped cards cannot be deleted; edit one to make your own version.")
            return

        def answer(yes: bool | None) -> None:
            if yes and app.save(lambda: self.store.cards.delete_card(card.id), "The deletion"):
                refresh()

        app.push_screen(
            ConfirmDialog(
                "Delete this card?", f"“{card.term}” and its place in reviews.", "Delete"
            ),
            answer,
        )

    def import_cards_dialog(self, refresh: Refresh) -> None:
        """Ask for a file, then import it in the background with a progress bar."""
        from companion.dialogs.card_import import ImportDialog

        app: Any = self
        app.push_screen(ImportDialog(), lambda _: refresh())

    def import_file(
        self, path: Path, progress: Callable[[int, int], None]
    ) -> tuple[int, int, list[str]]:
        """Import ``path`` in chunks, reporting progress; return added, updated and problems."""
        from companion.domain.anki import parse_anki
        from companion.domain.card_import import stream_import

        app: Any = self
        text = path.read_text(encoding="utf-8")
        parsed = parse_anki(text, path.name)
        report = stream_import(
            parsed.rows,
            app.all_cards(),
            self.store.cards.put_cards,
            problems=parsed.problems,
            progress=lambda r: progress(r.done, r.total),
        )
        problems = [f"line {line}: {message}" for line, message in report.problems]
        return report.added, report.updated, problems

    def start_review(self) -> None:
        """Ask who is reviewing, then start their review."""
        from companion.dialogs.message import ChoiceDialog
        from companion.screens.review import ReviewScreen

        app: Any = self
        pair = self.store.journal.pair()
        if pair is None:
            return

        def chosen(role: str | None) -> None:
            if role in ("mentor", "mentee"):
                app.push_screen(ReviewScreen(role))

        app.push_screen(
            ChoiceDialog(
                "Who is reviewing?",
                [
                    (f"{pair.mentee.name} (senior)", "mentee"),
                    (f"{pair.mentor.name} (junior)", "mentor"),
                ],
            ),
            chosen,
        )
