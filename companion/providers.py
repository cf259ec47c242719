"""Command-palette providers: lessons, glossary cards, past sessions, screens and actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from companion.formatting import role_label, short_date
from companion.screens.registry import SCREEN_TITLES
from companion.widgets.messages import Request

if TYPE_CHECKING:
    from companion.programme.core import Programme

Entry = tuple[str, str, Callable[[], object]]


def _nothing() -> None:
    """Do nothing (an app without private notes)."""


class CompanionCommands(Provider):
    """Finds lessons by title, cards by term, sessions by date or lesson, screens and actions.

    Textual makes providers itself, so the programme is given to a subclass made
    by :func:`commands_for`. Choosing an entry sends its :class:`Request` to the app.
    """

    programme: Programme

    def _entries(self) -> list[Entry]:
        programme = self.programme
        entries: list[tuple[str, str, Request | Callable[[], object]]] = []
        for name, title in SCREEN_TITLES.items():
            entries.append((f"Open {title}", "screen", Request("open", name)))
        entries.append(("Start a session", "pick a lesson and run the session", Request("session")))
        entries.append(
            ("Take a check-in", "both people answer eight statements", Request("checkin"))
        )
        entries.append(("Review glossary cards", "who is reviewing?", Request("review")))
        entries.append(
            (
                "Lock private notes",
                "both people's private notes ask for the passphrase again",
                partial(self.app.call_later, _lock_notes(self.app)),
            )
        )
        entries.append(("Back up now", "take a backup of the data folder", Request("backup")))
        entries.append(
            ("Show keys (help)", "every key of this screen", partial(self.app.run_action, "help"))
        )
        curriculum = programme.curriculum
        for lesson in curriculum.ordered_lessons():
            module = curriculum.modules.get(lesson.module)
            where = module.title if module else lesson.module
            help_text = f"lesson · {where} · led by the {role_label(lesson.led_by)}"
            entries.append((lesson.title, help_text, Request("lesson", lesson.id)))
        for card in curriculum.cards.values():
            entries.append((card.term, f"card · {card.definition[:60]}", Request("card", card.id)))
        if programme.journal.pair() is not None:
            lessons = curriculum.lessons
            for session in reversed(programme.sessions.all()):
                titles = ", ".join(
                    lessons[i].title if i in lessons else i for i in session.lesson_ids
                )
                entries.append(
                    (
                        f"Session {short_date(session.date)}",
                        f"session · {titles or 'no lesson'}",
                        Request("open", "sessions"),
                    )
                )
        return [
            (text, help_text, partial(self._send, then) if isinstance(then, Request) else then)
            for text, help_text, then in entries
        ]

    def _send(self, request: Request) -> None:
        # A message is delivered once: send a fresh copy each time the entry is chosen.
        self.app.post_message(Request(request.verb, request.target, request.lesson_ids))

    async def discover(self) -> Hits:
        """Offer the screens and actions before anything is typed."""
        if not self.programme.ready:
            return
        for text, help_text, action in self._entries():
            if help_text == "screen" or not help_text.startswith(("lesson", "card", "session")):
                yield DiscoveryHit(text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        """Match ``query`` against every entry's text and description."""
        if not self.programme.ready:
            return
        matcher = self.matcher(query)
        for text, help_text, action in self._entries():
            score = matcher.match(f"{text} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), action, help=help_text)


def commands_for(programme: Programme) -> type[CompanionCommands]:
    """Return the palette provider class bound to ``programme``."""
    return type("CompanionCommands", (CompanionCommands,), {"programme": programme})


def _lock_notes(app: object) -> Callable[[], object]:
    """Return the app's "lock private notes" (nothing on an app without one)."""
    lifecycle = getattr(app, "lifecycle", None)
    return getattr(lifecycle, "lock_private_notes", _nothing)
