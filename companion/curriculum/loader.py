"""Load the curriculum from one or more content folders and report every problem.

Folders are read in order; a later folder (the user's own) replaces items with
the same id from an earlier one (the shipped content). Valid items always load,
even when other files in the same folder have problems. A symlink inside a
content folder (a module folder, a deck, a lesson) is never followed: it is
reported as a problem naming it and skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from companion.curriculum.catalogue import Curriculum
from companion.curriculum.files import source_lines
from companion.curriculum.problems import Problem, link_problem
from companion.curriculum.reading import read_deck, read_lesson, read_module, read_playbook
from companion.curriculum.records import FileRecord, Merge
from companion.domain.content import Origin

if TYPE_CHECKING:
    # Only a load with a cache keeps records (and needs the cache's models).
    from companion.curriculum.kept_files import KeptFiles

MODULE_DIR = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
LESSON_LINK = re.compile(r"\]\(lesson:([^)\s]*)\)")
SPECIAL_DIRS = {"glossary", "playbook"}


class _Load(Merge):
    """The state of one load: a merge that reads each file, or takes its kept record."""

    def __init__(self, kept: KeptFiles | None) -> None:
        super().__init__()
        self.kept = kept

    def file(self, path: Path, origin: Origin, read: Callable[[], FileRecord]) -> None:
        """Merge one file: its kept record when it is unchanged, else what ``read()`` gives."""
        record = read() if self.kept is None else self.kept.record_for(path, origin, read)
        self.take(str(path), origin, record)


def load_curriculum(
    roots: Iterable[tuple[Path, Origin]], kept: KeptFiles | None = None
) -> tuple[Curriculum, list[Problem]]:
    """Load every root in order and cross-check the result; return it with all problems.

    With ``kept``, a file unchanged since the load that kept its record is not
    read again: its record stands in.
    """
    state = _Load(kept)
    for root, origin in roots:
        if root.is_dir():
            _load_root(state, root, origin)
    _cross_check(state)
    return state.curriculum, sorted(state.problems)


def _entries(state: _Load, folder: Path, suffixes: tuple[str, ...] = ("",)) -> list[Path]:
    """Return the entries of ``folder`` whose names end in one of ``suffixes``, sorted.

    A symlink among them is reported, naming it, and left out: its target is
    never read (a user's content folder is inside the data folder).
    """
    try:
        with os.scandir(folder) as scan:
            found = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        state.report(folder, 1, f"cannot be read: {exc.strerror or exc}")
        return []
    kept: list[Path] = []
    for entry in found:
        if not entry.name.endswith(suffixes):
            continue
        if entry.is_symlink():
            state.problems.append(link_problem(Path(entry.path)))
            continue
        kept.append(Path(entry.path))
    return kept


def _load_root(state: _Load, root: Path, origin: Origin) -> None:
    for entry in _entries(state, root):
        if entry.name.startswith((".", "_")) or not entry.is_dir():
            continue
        if entry.name == "glossary":
            for deck in _entries(state, entry, (".yaml", ".yml")):
                state.file(deck, origin, partial(read_deck, deck, origin))
        elif entry.name == "playbook":
            for file in _entries(state, entry, (".md",)):
                state.file(file, origin, partial(read_playbook, file, origin))
        elif match := MODULE_DIR.match(entry.name):
            _load_module_dir(state, entry, match.group(2), origin)
        else:
            state.report(
                entry, 1, "not a module folder: name it <NN>-<module-id>, e.g. 05-my-topics"
            )


def _load_module_dir(state: _Load, folder: Path, module_id: str, origin: Origin) -> None:
    files = _entries(state, folder, (".md",))
    module_file = folder / "_module.md"
    if module_file in files:
        state.file(module_file, origin, partial(read_module, module_file, module_id, origin))
    elif module_id not in state.curriculum.modules:
        state.report(folder, 1, "the module folder has no _module.md")
    for file in files:
        if file.name != "_module.md":
            state.file(file, origin, partial(read_lesson, file, module_id, origin))


def _cross_check(state: Merge) -> None:
    curriculum = state.curriculum
    for lesson_id, lesson in list(curriculum.lessons.items()):
        at = state.lessons_at[lesson_id]
        if lesson.module not in curriculum.modules:
            state.report(lesson.path, at.module_line, f"unknown module '{lesson.module}'")
        for index, term in enumerate(lesson.terms):
            if term not in curriculum.cards:
                state.report(
                    lesson.path,
                    at.term_lines[index],
                    f"terms[{index + 1}]: no glossary deck defines the term '{term}'",
                )
        if "](lesson:" not in lesson.body or all(
            target in curriculum.lessons for target in LESSON_LINK.findall(lesson.body)
        ):
            continue  # a link never spans lines: the lines are split only to name a bad one
        for offset, line in enumerate(source_lines(lesson.body)):
            for target in LESSON_LINK.findall(line):
                if target not in curriculum.lessons:
                    state.report(
                        lesson.path, lesson.body_line + offset, f"link to unknown lesson '{target}'"
                    )
