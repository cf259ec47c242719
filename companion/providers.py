"""Command-palette providers: lessons, glossary cards, past sessions, screens and actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from companion.formatting import role_label, short_date
from companion.screens.registry import SCREEN_TITLES

if TYPE_CHECKING:
    from companion.app import CompanionApp

Entry = tuple[str, str, Callable[[], object]]


class CompanionCommands(Provider):
    """Finds lessons by title, cards by term, sessions by date or lesson, screens and actions."""

    @property
    def companion(self) -> CompanionApp:
        """The app, typed."""
        from companion.app import CompanionApp

        assert isinstance(self.app, CompanionApp)
        return self.app

    def _entries(self) -> list[Entry]:
        app = self.companion
        entries: list[Entry] = []
        for name, title in SCREEN_TITLES.items():
            entries.append((f"Open {title}", "screen", partial(app.open_target, name)))
        entries.append(("Start a session", "pick a lesson and run the session", app.start_session))
        entries.append(("Take a check-in", "both people answer eight statements", app.take_checkin))
        entries.append(("Review glossary cards", "who is reviewing?", app.start_review))
        entries.append(("Back up now", "take a backup of the data folder", app.backup_now))
        entries.append(("Show keys (help)", "every key of this screen", app.action_help))
        curriculum = app.curriculum
        for lesson in curriculum.ordered_lessons():
            module = curriculum.modules.get(lesson.module)
            where = module.title if module else lesson.module
            help_text = f"lesson · {where} · led by the {role_label(lesson.led_by)}"
            entries.append((lesson.title, help_text, partial(app.open_lesson, lesson.id)))
        for card in curriculum.cards.values():
            entries.append(
                (card.term, f"card · {card.definition[:60]}", partial(app.open_card, card.id))
            )
        if app.store.journal.pair() is not None:
            lessons = curriculum.lessons
            for session in reversed(app.store.journal.sessions()):
                titles = ", ".join(
                    lessons[i].title if i in lessons else i for i in session.lesson_ids
                )
                entries.append(
                    (
                        f"Session {short_date(session.date)}",
                        f"session · {titles or 'no lesson'}",
                        partial(app.open_target, "sessions"),
                    )
                )
        return entries

    async def discover(self) -> Hits:
        """Offer the screens and actions before anything is typed."""
        for text, help_text, action in self._entries():
            if help_text == "screen" or not help_text.startswith(("lesson", "card", "session")):
                yield DiscoveryHit(text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        """Match ``query`` against every entry's text and description."""
        matcher = self.matcher(query)
        for text, help_text, action in self._entries():
            score = matcher.match(f"{text} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), action, help=help_text)
