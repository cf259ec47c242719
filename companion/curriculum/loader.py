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
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from companion.curriculum.catalogue import Curriculum
from companion.curriculum.files import (
    ContentError,
    FrontMatterFile,
    as_dict,
    read_front_matter,
    read_yaml,
)
from companion.curriculum.problems import Problem, link_problem
from companion.curriculum.yamlmap import YamlDocument
from companion.domain.content import DeckEntry, DeckHeader, Lesson, Module, Origin, PlaybookEntry
from companion.domain.errors import field_path, reason

MODULE_DIR = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
LESSON_LINK = re.compile(r"\]\(lesson:([^)\s]*)\)")
SPECIAL_DIRS = {"glossary", "playbook"}

M = TypeVar("M", bound=BaseModel)


class _Load:
    """The state of one load: what was found so far and the problems met."""

    def __init__(self) -> None:
        self.curriculum = Curriculum()
        self.problems: list[Problem] = []
        self.seen: dict[tuple[str, str, Origin], str] = {}
        self.lesson_files: dict[str, FrontMatterFile] = {}

    def report(self, path: Path | str, line: int, message: str) -> None:
        self.problems.append(Problem.at(path, line, message))

    def validate(
        self,
        model: type[M],
        data: dict[str, Any],
        doc: YamlDocument,
        path: Path,
        prefix: tuple[int | str, ...] = (),
    ) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = prefix + tuple(err["loc"])
                self.report(path, doc.line_of(loc), f"{field_path(loc)}: {reason(err)}")
            return None

    def first_time(self, kind: str, item_id: str, origin: Origin, path: Path, line: int) -> bool:
        """Record an id; report and return False if the same origin already had it."""
        key = (kind, item_id, origin)
        if key in self.seen:
            self.report(path, line, f"duplicate {kind} id '{item_id}' (also in {self.seen[key]})")
            return False
        self.seen[key] = str(path)
        return True


def load_curriculum(roots: Iterable[tuple[Path, Origin]]) -> tuple[Curriculum, list[Problem]]:
    """Load every root in order and cross-check the result; return it with all problems."""
    state = _Load()
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
                _load_deck(state, deck, origin)
        elif entry.name == "playbook":
            for file in _entries(state, entry, (".md",)):
                _load_playbook(state, file, origin)
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
        _load_module(state, module_file, module_id, origin)
    elif module_id not in state.curriculum.modules:
        state.report(folder, 1, "the module folder has no _module.md")
    for file in files:
        if file.name != "_module.md":
            _load_lesson(state, file, module_id, origin)


def _read(state: _Load, path: Path) -> FrontMatterFile | None:
    try:
        return read_front_matter(path)
    except ContentError as exc:
        state.problems.append(exc.problem)
        return None


def _load_module(state: _Load, path: Path, folder_id: str, origin: Origin) -> None:
    file = _read(state, path)
    if file is None:
        return
    data = {**as_dict(file.meta.data), "body": file.body, "path": str(path), "origin": origin}
    module = state.validate(Module, data, file.meta, path)
    if module is None:
        return
    if module.id != folder_id:
        state.report(
            path, file.line_of(("id",)), f"id '{module.id}' does not match its folder '{folder_id}'"
        )
        return
    if state.first_time("module", module.id, origin, path, file.line_of(("id",))):
        state.curriculum.modules[module.id] = module


def _load_lesson(state: _Load, path: Path, folder_id: str, origin: Origin) -> None:
    file = _read(state, path)
    if file is None:
        return
    data = {
        **as_dict(file.meta.data),
        "body": file.body,
        "path": str(path),
        "origin": origin,
        "body_line": file.body_line,
    }
    lesson = state.validate(Lesson, data, file.meta, path)
    if lesson is None:
        return
    if lesson.module != folder_id:
        state.report(
            path,
            file.line_of(("module",)),
            f"module is '{lesson.module}' but the file is in the folder of module '{folder_id}'",
        )
        return
    if not lesson.body.strip():
        state.report(path, file.body_line, "the lesson has no body")
    if state.first_time("lesson", lesson.id, origin, path, file.line_of(("id",))):
        state.curriculum.lessons[lesson.id] = lesson
        state.lesson_files[lesson.id] = file


def _load_deck(state: _Load, path: Path, origin: Origin) -> None:
    try:
        doc = read_yaml(path)
    except ContentError as exc:
        state.problems.append(exc.problem)
        return
    header = state.validate(DeckHeader, as_dict(doc.data), doc, path)
    if header is None:
        return
    for index, raw in enumerate(header.cards):
        loc: tuple[int | str, ...] = ("cards", index)
        if not isinstance(raw, dict):
            state.report(path, doc.line_of(loc), f"{field_path(loc)}: must be a card with fields")
            continue
        entry = state.validate(DeckEntry, raw, doc, path, prefix=loc)
        if entry and state.first_time("card", entry.id, origin, path, doc.line_of((*loc, "id"))):
            state.curriculum.cards[entry.id] = entry.to_card(header.deck, origin)


def _load_playbook(state: _Load, path: Path, origin: Origin) -> None:
    file = _read(state, path)
    if file is None:
        return
    data = {**as_dict(file.meta.data), "body": file.body, "path": str(path), "origin": origin}
    entry = state.validate(PlaybookEntry, data, file.meta, path)
    if entry and state.first_time("playbook", entry.id, origin, path, file.line_of(("id",))):
        state.curriculum.playbook[entry.id] = entry


def _cross_check(state: _Load) -> None:
    curriculum = state.curriculum
    for lesson_id, lesson in list(curriculum.lessons.items()):
        file = state.lesson_files[lesson_id]
        if lesson.module not in curriculum.modules:
            state.report(
                lesson.path, file.line_of(("module",)), f"unknown module '{lesson.module}'"
            )
        for index, term in enumerate(lesson.terms):
            if term not in curriculum.cards:
                state.report(
                    lesson.path,
                    file.line_of(("terms", index)),
                    f"terms[{index + 1}]: no glossary deck defines the term '{term}'",
                )
        if "](lesson:" not in lesson.body:
            continue
        for offset, line in enumerate(lesson.body.splitlines()):
            for target in LESSON_LINK.findall(line):
                if target not in curriculum.lessons:
                    state.report(
                        lesson.path, file.body_line + offset, f"link to unknown lesson '{target}'"
                    )
