"""Models of the curriculum: modules, lessons, glossary decks and playbook entries."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from companion.domain.base import KebabId, Leader, Model, Role, Text
from companion.domain.cards import Card, CardSource
from companion.domain.checkins import QUESTIONS

Origin = Literal["shipped", "user"]
"""Whether content ships with the app or comes from the user's own folder."""

JOURNAL_PATTERNS: dict[str, str] = {
    "sessions-overdue": "the last session is older than the cadence plus a few days",
    "sessions-short": "recent sessions ran well under the planned length",
    "low-ratings": "recent ratings average 3 or less",
    "ratings-gap": "the two people rate the same sessions 2 or more apart",
    "actions-overdue": "several action items are past their due date",
    "goals-stalled": "no goal has moved for six weeks",
    "one-sided-leading": "the last lessons were all led by the same person",
    "repeated-topics": "the last sessions stayed on the same module",
    "notes-thin": "recent sessions have almost no shared notes",
}
"""Journal patterns a playbook signal can name, with what each means."""

_CHECKIN_SIGNAL = re.compile(r"^checkin:([a-z-]+)\s*(<=|>=|<|>|=)\s*([1-5])$")


def check_signal(signal: str) -> str:
    """Return ``signal`` if it is a valid playbook signal, else raise ValueError."""
    text = signal.strip()
    if text.startswith("journal:"):
        pattern = text.removeprefix("journal:")
        if pattern in JOURNAL_PATTERNS:
            return text
        raise ValueError(f"unknown journal pattern '{pattern}'")
    match = _CHECKIN_SIGNAL.match(text)
    if match:
        if match.group(1) in QUESTIONS:
            return text
        raise ValueError(f"unknown check-in question '{match.group(1)}'")
    raise ValueError(
        f"'{text}' is not a signal: write 'journal:<pattern>' or 'checkin:<question> <= N'"
    )


class Module(Model):
    """A module of the curriculum: a folder of lessons with an introduction."""

    id: KebabId
    """The module id (the folder name after its number)."""
    title: Text
    """The module's title."""
    order: Annotated[int, Field(ge=1)]
    """Its place in the curriculum."""
    led_by: Leader
    """Who leads most of its lessons."""
    summary: Text
    """One sentence on what the module is for."""
    ground_rules: list[Text] = Field(default_factory=list)
    """Suggested ground rules a pair can pick for its agreement."""
    body: str = ""
    """The introduction (Markdown)."""
    path: str = ""
    """Where it was read from."""
    origin: Origin = "shipped"
    """Shipped, or from the user's own folder."""


class Lesson(Model):
    """One lesson: front matter that drives the app, and a Markdown body to read."""

    id: KebabId
    """Unique lesson id."""
    title: Text
    """The lesson's title."""
    module: KebabId
    """The id of the module it belongs to."""
    order: Annotated[int, Field(ge=1)]
    """Its place within the module."""
    led_by: Leader
    """Who leads it."""
    minutes: Annotated[int, Field(ge=5, le=240)]
    """How long it takes."""
    objectives: Annotated[list[Text], Field(min_length=1, max_length=8)]
    """What the pair will be able to do afterwards."""
    prompts: Annotated[list[Text], Field(min_length=1, max_length=12)]
    """Discussion questions."""
    activity: Text
    """The hands-on activity the pair does together."""
    terms: list[KebabId] = Field(default_factory=list)
    """Ids of glossary cards the lesson introduces."""
    tags: list[str] = Field(default_factory=list)
    """Free tags."""
    body: str = ""
    """The Markdown body."""
    path: str = ""
    """Where it was read from."""
    origin: Origin = "shipped"
    """Shipped, or from the user's own folder."""
    body_line: int = 1
    """The file line on which the body starts."""


class DeckEntry(Model):
    """A card as written in a deck file."""

    id: KebabId
    """Unique card id."""
    term: Text
    """The word or phrase."""
    definition: Text
    """What it means."""
    example: Text
    """A sentence that uses it."""
    audience: Role
    """Who it is for."""
    tags: list[str] = Field(default_factory=list)
    """Free tags."""

    def to_card(self, deck: str, origin: Origin) -> Card:
        """Return the entry as a :class:`Card` of ``deck``."""
        return Card(
            id=self.id,
            term=self.term,
            definition=self.definition,
            example=self.example,
            tags=self.tags,
            deck=deck,
            audience=self.audience,
            source=CardSource(kind="shipped" if origin == "shipped" else "user"),
        )


class DeckHeader(Model):
    """The fields of a deck file around its cards."""

    deck: KebabId
    """The deck id."""
    title: Text
    """The deck's title."""
    description: str = ""
    """What the deck holds."""
    cards: list[object]
    """The raw card entries, validated one by one."""


class PlaybookEntry(Model):
    """A challenge a pair may meet, what points to it, and what to do."""

    id: KebabId
    """Unique id."""
    title: Text
    """The challenge in a line."""
    signals: list[Annotated[str, AfterValidator(check_signal)]] = Field(default_factory=list)
    """Journal patterns and check-in answers that point to this challenge."""
    tags: list[str] = Field(default_factory=list)
    """Free tags."""
    body: str = ""
    """Symptoms, moves and a script (Markdown)."""
    path: str = ""
    """Where it was read from."""
    origin: Origin = "shipped"
    """Shipped, or from the user's own folder."""
