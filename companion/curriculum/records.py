"""What each content file gave, and how the files' records merge into one curriculum.

Reading a file (its front matter, its YAML, each item's validation) depends on
nothing but the file, its folder and whether it is shipped or the user's. So
each file gives a :class:`FileRecord`: the items it defines, the lines the
cross-checks name, and the problems found in it. :class:`Merge` adds the
records in load order, reporting an id its origin already had. A record kept
from the last load stands in for a file that has not changed since it was read
(see :mod:`companion.curriculum.kept_files`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from companion.curriculum.catalogue import Curriculum
from companion.curriculum.problems import Problem
from companion.domain.cards import Card
from companion.domain.content import Lesson, Module, Origin, PlaybookEntry


class _Part(BaseModel):
    """A part of the cache: its validator is built when first used on its own.

    Building it at import would compile the lesson's schema once more for every
    model that holds one (the records file's validator already holds them all).
    """

    model_config = ConfigDict(defer_build=True)


class ModuleAt(_Part):
    """A module and the line of its id."""

    item: Module
    id_line: int


class LessonAt(_Part):
    """A lesson and the lines its cross-checks name (id, module, each term)."""

    item: Lesson
    id_line: int
    module_line: int
    term_lines: list[int]


class CardAt(_Part):
    """A glossary card and the line of its id."""

    item: Card
    id_line: int


class EntryAt(_Part):
    """A playbook entry and the line of its id."""

    item: PlaybookEntry
    id_line: int


@dataclass
class FileRecord:
    """Everything one content file gave: its items, in file order, and its own problems.

    A plain dataclass, so a load that keeps no records never builds a validator
    for it (that took about 25 ms, the lesson's schema compiled once more); the
    records file validates it through pydantic's support for dataclasses.
    """

    modules: list[ModuleAt] = field(default_factory=list)
    lessons: list[LessonAt] = field(default_factory=list)
    cards: list[CardAt] = field(default_factory=list)
    playbook: list[EntryAt] = field(default_factory=list)
    problems: list[tuple[str, int, str]] = field(default_factory=list)

    def report(self, path: Path | str, line: int, message: str) -> None:
        """Add a problem at ``line`` of ``path``."""
        problem = Problem.at(path, line, message)
        self.problems.append((problem.path, problem.line, problem.message))


class Merge:
    """A curriculum built from file records in load order, with the problems met."""

    def __init__(self) -> None:
        """Start empty."""
        self.curriculum = Curriculum()
        self.problems: list[Problem] = []
        self.lessons_at: dict[str, LessonAt] = {}
        self._seen: dict[tuple[str, str, Origin], str] = {}

    def report(self, path: Path | str, line: int, message: str) -> None:
        """Add a problem at ``line`` of ``path``."""
        self.problems.append(Problem.at(path, line, message))

    def take(self, path: str, origin: Origin, record: FileRecord) -> None:
        """Add one file's items and problems; an id its origin already had is reported."""
        self.problems.extend(Problem(*problem) for problem in record.problems)
        curriculum = self.curriculum
        found: list[tuple[str, list[Any], dict[str, Any]]] = [
            ("module", record.modules, curriculum.modules),
            ("lesson", record.lessons, curriculum.lessons),
            ("card", record.cards, curriculum.cards),
            ("playbook", record.playbook, curriculum.playbook),
        ]
        for kind, items, table in found:
            for at in items:
                item_id = at.item.id
                if self._first(kind, item_id, origin, path, at.id_line):
                    table[item_id] = at.item
                    if kind == "lesson":
                        self.lessons_at[item_id] = at

    def _first(self, kind: str, item_id: str, origin: Origin, path: str, line: int) -> bool:
        """Record an id; report and return False if the same origin already had it."""
        key = (kind, item_id, origin)
        if key in self._seen:
            self.report(path, line, f"duplicate {kind} id '{item_id}' (also in {self._seen[key]})")
            return False
        self._seen[key] = path
        return True
