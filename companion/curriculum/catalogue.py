"""The loaded curriculum: modules, lessons, cards and playbook, with look-ups."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.domain.cards import Card
from companion.domain.content import Lesson, Module, PlaybookEntry
from companion.formatting import plural


@dataclass
class Curriculum:
    """Everything read from the content folders, already merged and validated."""

    modules: dict[str, Module] = field(default_factory=dict)
    """Modules by id."""
    lessons: dict[str, Lesson] = field(default_factory=dict)
    """Lessons by id."""
    cards: dict[str, Card] = field(default_factory=dict)
    """Glossary cards by id."""
    playbook: dict[str, PlaybookEntry] = field(default_factory=dict)
    """Playbook entries by id."""

    def ordered_modules(self) -> list[Module]:
        """Return the modules in curriculum order."""
        return sorted(self.modules.values(), key=lambda m: (m.order, m.id))

    def lessons_of(self, module_id: str) -> list[Lesson]:
        """Return the lessons of one module, in order."""
        found = [lesson for lesson in self.lessons.values() if lesson.module == module_id]
        return sorted(found, key=lambda lesson: (lesson.order, lesson.id))

    def ordered_lessons(self) -> list[Lesson]:
        """Return every lesson, module by module, in order."""
        return [lesson for m in self.ordered_modules() for lesson in self.lessons_of(m.id)]

    def summary(self) -> str:
        """Return a one-line count of what was loaded."""
        return (
            f"{plural(len(self.modules), 'module')}, {plural(len(self.lessons), 'lesson')}, "
            f"{plural(len(self.cards), 'card')}, "
            f"{plural(len(self.playbook), 'playbook entry', 'playbook entries')}"
        )
