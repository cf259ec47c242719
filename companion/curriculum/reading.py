"""Reading one content file into its record (see :mod:`companion.curriculum.records`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from companion.curriculum.files import (
    ContentError,
    FrontMatterFile,
    as_dict,
    read_front_matter,
    read_yaml,
)
from companion.curriculum.records import CardAt, EntryAt, FileRecord, LessonAt, ModuleAt
from companion.curriculum.yamlmap import YamlDocument
from companion.domain.content import DeckEntry, DeckHeader, Lesson, Module, Origin, PlaybookEntry
from companion.domain.errors import field_path, reason

M = TypeVar("M", bound=BaseModel)


def validate_as(
    record: FileRecord,
    model: type[M],
    data: dict[str, Any],
    doc: YamlDocument,
    path: Path,
    prefix: tuple[int | str, ...] = (),
) -> M | None:
    """Return ``data`` validated as ``model``; else report each error at its line in ``record``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = prefix + tuple(err["loc"])
            record.report(path, doc.line_of(loc), f"{field_path(loc)}: {reason(err)}")
        return None


def _front_matter(record: FileRecord, path: Path) -> FrontMatterFile | None:
    try:
        return read_front_matter(path)
    except ContentError as exc:
        record.report(exc.problem.path, exc.problem.line, exc.problem.message)
        return None


def _with_body(file: FrontMatterFile, path: Path, origin: Origin) -> dict[str, Any]:
    return {**as_dict(file.meta.data), "body": file.body, "path": str(path), "origin": origin}


def read_module(path: Path, folder_id: str, origin: Origin) -> FileRecord:
    """Read a module's ``_module.md``; its id must be the folder's."""
    record = FileRecord()
    file = _front_matter(record, path)
    if file is None:
        return record
    module = validate_as(record, Module, _with_body(file, path, origin), file.meta, path)
    if module is None:
        return record
    id_line = file.line_of(("id",))
    if module.id != folder_id:
        record.report(path, id_line, f"id '{module.id}' does not match its folder '{folder_id}'")
    else:
        record.modules.append(ModuleAt(item=module, id_line=id_line))
    return record


def read_lesson(path: Path, folder_id: str, origin: Origin) -> FileRecord:
    """Read a lesson; it must belong to the module of its folder and have a body."""
    record = FileRecord()
    file = _front_matter(record, path)
    if file is None:
        return record
    data = {**_with_body(file, path, origin), "body_line": file.body_line}
    lesson = validate_as(record, Lesson, data, file.meta, path)
    if lesson is None:
        return record
    module_line = file.line_of(("module",))
    if lesson.module != folder_id:
        record.report(
            path,
            module_line,
            f"module is '{lesson.module}' but the file is in the folder of module '{folder_id}'",
        )
        return record
    if not lesson.body.strip():
        record.report(path, file.body_line, "the lesson has no body")
    record.lessons.append(
        LessonAt(
            item=lesson,
            id_line=file.line_of(("id",)),
            module_line=module_line,
            term_lines=file.meta.item_lines("terms", len(lesson.terms)),
        )
    )
    return record


def read_deck(path: Path, origin: Origin) -> FileRecord:
    """Read a glossary deck; each valid card is kept, each bad one reported at its line."""
    record = FileRecord()
    try:
        doc = read_yaml(path)
    except ContentError as exc:
        record.report(exc.problem.path, exc.problem.line, exc.problem.message)
        return record
    header = validate_as(record, DeckHeader, as_dict(doc.data), doc, path)
    if header is None:
        return record
    for index, raw in enumerate(header.cards):
        loc: tuple[int | str, ...] = ("cards", index)
        if not isinstance(raw, dict):
            record.report(path, doc.line_of(loc), f"{field_path(loc)}: must be a card with fields")
            continue
        entry = validate_as(record, DeckEntry, raw, doc, path, prefix=loc)
        if entry is not None:
            card = entry.to_card(header.deck, origin)
            record.cards.append(CardAt(item=card, id_line=doc.line_of((*loc, "id"))))
    return record


def read_playbook(path: Path, origin: Origin) -> FileRecord:
    """Read a playbook entry."""
    record = FileRecord()
    file = _front_matter(record, path)
    if file is None:
        return record
    entry = validate_as(record, PlaybookEntry, _with_body(file, path, origin), file.meta, path)
    if entry is not None:
        record.playbook.append(EntryAt(item=entry, id_line=file.line_of(("id",))))
    return record
