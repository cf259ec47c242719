"""Reading one content file: text with a clear error, then front matter and body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from companion.curriculum.problems import Problem, link_problem
from companion.curriculum.yamlmap import YamlDocument, yaml_error_line, yaml_error_message
from companion.storage.atomic import SymlinkRefusedError, read_bytes

MAX_CONTENT_FILE = 4 * 2**20
"""A lesson, deck or playbook file larger than this is refused unread (shipped: 80 KB at most)."""


TOO_DEEP = "values are nested too deeply (lists or mappings inside each other)"


class ContentError(Exception):
    """A content file could not be read at all; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_CLOSING = re.compile(r"^[ \t]*(?:-{3,}|\.\.\.)[ \t\r]*$", re.M)
"""A line that may close the front matter (the parser has the last word)."""


@cache
def _front_matter_parser() -> MarkdownIt:
    # Only the front-matter rule matters here; the "zero" preset keeps the rest cheap.
    return MarkdownIt("zero").use(front_matter_plugin)


def read_text(path: Path) -> str:
    """Return the UTF-8 text of ``path``; raise ContentError if empty or not UTF-8."""
    try:
        raw = read_bytes(path, MAX_CONTENT_FILE, "a content file")
    except SymlinkRefusedError:
        raise ContentError(link_problem(path)) from None
    except OSError as exc:  # too large, a folder or pipe, no permission
        raise ContentError(Problem.at(path, 1, f"cannot be read: {exc.strerror or exc}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            Problem.at(path, line, f"not UTF-8 text (byte {exc.start + 1}); save it as UTF-8")
        ) from None
    if not text.strip():
        raise ContentError(Problem.at(path, 1, "the file is empty"))
    return text.removeprefix("\ufeff")


@dataclass
class FrontMatterFile:
    """A Markdown file split into its front matter (parsed) and its body."""

    path: Path
    meta: YamlDocument
    body: str
    body_line: int

    def line_of(self, loc: tuple[int | str, ...]) -> int:
        """Return the file line of a front-matter field."""
        return self.meta.line_of(loc)


def read_front_matter(path: Path) -> FrontMatterFile:
    """Read a Markdown file with YAML front matter; raise ContentError when unreadable."""
    text = read_text(path)
    tokens = _parse_front_matter(text)
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        raise ContentError(
            Problem.at(path, 1, "no front matter: start the file with a block between '---' lines")
        )
    start, end = tokens[0].map
    try:
        meta = YamlDocument(tokens[0].content, first_line=start + 2)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, first_line=start + 2)
        raise ContentError(Problem.at(path, line, yaml_error_message(exc))) from None
    except RecursionError:
        raise ContentError(Problem.at(path, start + 2, TOO_DEEP)) from None
    if not isinstance(meta.data, dict):
        raise ContentError(
            Problem.at(path, start + 1, "the front matter must be a set of 'field: value' lines")
        )
    lines = text.splitlines(keepends=True)
    rest = "".join(lines[end:])
    body = rest.lstrip("\n")
    skipped = len(rest) - len(body)
    return FrontMatterFile(path, meta, body.rstrip("\n"), end + 1 + skipped)


def _parse_front_matter(text: str) -> list[Token]:
    """Parse only as much of ``text`` as holds the front matter.

    The body is not parsed here (the reader parses it when a lesson is opened):
    the text is cut after the first line that could close the front matter. If
    the parser does not close it there, the whole text is parsed, so the result
    is always what a parse of the whole file gives.
    """
    first_line_end = text.find("\n")
    closing = _CLOSING.search(text, first_line_end + 1) if first_line_end >= 0 else None
    if text.startswith("-") and closing is not None:
        tokens = _front_matter_parser().parse(text[: closing.end()])
        if tokens and tokens[0].type == "front_matter":
            return tokens
    return _front_matter_parser().parse(text)


def read_yaml(path: Path) -> YamlDocument:
    """Read a YAML file; raise ContentError when unreadable or not a mapping."""
    text = read_text(path)
    try:
        doc = YamlDocument(text)
    except yaml.YAMLError as exc:
        raise ContentError(
            Problem.at(path, yaml_error_line(exc), yaml_error_message(exc))
        ) from None
    except RecursionError:
        raise ContentError(Problem.at(path, 1, TOO_DEEP)) from None
    if not isinstance(doc.data, dict):
        raise ContentError(Problem.at(path, 1, "a deck must be a set of 'field: value' lines"))
    return doc


def as_dict(data: Any) -> dict[str, Any]:
    """Return ``data`` as a dict (it has been checked to be one)."""
    assert isinstance(data, dict)
    return data
