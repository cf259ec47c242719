"""Reading one content file: text with a clear error, then front matter and body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from companion.curriculum.problems import Problem, link_problem
from companion.curriculum.yamlmap import YamlDocument, yaml_error_line, yaml_error_message
from companion.storage.atomic import SymlinkRefusedError, read_bytes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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
    """Return markdown-it with the front-matter plugin (imported on first use)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

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
    span = front_matter_span(text)
    if span is None:
        raise ContentError(
            Problem.at(path, 1, "no front matter: start the file with a block between '---' lines")
        )
    content, end = span
    try:
        meta = YamlDocument(content, first_line=2)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, first_line=2)
        raise ContentError(Problem.at(path, line, yaml_error_message(exc))) from None
    except RecursionError:
        raise ContentError(Problem.at(path, 2, TOO_DEEP)) from None
    if not isinstance(meta.data, dict):
        raise ContentError(
            Problem.at(path, 1, "the front matter must be a set of 'field: value' lines")
        )
    rest = text[_line_start(text, end) :]
    blank = _BLANK_LINES.match(rest)
    skipped = len(_LINE_BREAK.findall(blank.group())) if blank else 0
    body = rest[blank.end() :] if blank else rest
    return FrontMatterFile(path, meta, body.rstrip("\r\n"), end + 1 + skipped)


_LINE_BREAK = re.compile(r"\r\n?|\n")
"""What ends a line for markdown-it (it normalises ``\r\n`` and ``\r`` to ``\n``)."""

_BLANK_LINES = re.compile(r"(?:\r\n?|\n)+")


def source_lines(text: str) -> list[str]:
    """Split ``text`` into lines as markdown-it and the line numbers in problems count them."""
    return _LINE_BREAK.split(text)


def _line_start(text: str, line: int) -> int:
    """Return the offset at which line ``line`` (0-based, as markdown-it counts) begins.

    Not ``str.splitlines``: it also breaks at form feeds, NEL and U+2028, which may
    stand inside a front-matter value; the body then began a line early, with the
    closing ``---``.
    """
    if line <= 0:
        return 0
    for number, found in enumerate(_LINE_BREAK.finditer(text), 1):
        if number == line:
            return found.end()
    return len(text)


def front_matter_span(text: str) -> tuple[str, int] | None:
    """Return the front matter of ``text`` and the number of the line after it, or None.

    This is what markdown-it's front-matter plugin finds (``token.content`` and
    ``token.map[1]``); the front matter always starts on the first line. A plainly
    fenced head is recognised without the parser (see :func:`_plain_front_matter`);
    any other text goes through markdown-it, which then has the last word.
    """
    plain = _plain_front_matter(text)
    if plain is not None:
        return plain
    first_line_end = text.find("\n")
    closing = _CLOSING.search(text, first_line_end + 1) if first_line_end >= 0 else None
    tokens = None
    if text.startswith("-") and closing is not None:
        # Parse only the head: the body is parsed by the reader when the lesson is opened.
        tokens = _front_matter_parser().parse(text[: closing.end()])
    if not tokens or tokens[0].type != "front_matter":
        # Not closed at the first possible line: the whole text decides, as a full parse would.
        tokens = _front_matter_parser().parse(text)
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        return None
    return tokens[0].content, tokens[0].map[1]


def _plain_front_matter(text: str) -> tuple[str, int] | None:
    """Return the front matter of a plainly fenced head, or None to leave it to markdown-it.

    Plainly fenced: the first line is exactly ``---``, the first later line that
    could close a front matter at all (``_CLOSING``: dashes or dots, indented or
    with trailing blanks) is exactly ``---``, and no carriage return or NUL comes
    before it (markdown-it normalises those first). The plugin then closes at
    that line, since no line before it can close and this one does (three dashes
    at column 0, as many as the opening): its content is the lines between, and
    the parser is not needed. ``tests/test_content_fast_load.py`` checks this
    against the plugin on generated heads.
    """
    if not text.startswith("---\n"):
        return None
    closing = _CLOSING.search(text, 4)
    if closing is None or closing.group() != "---":
        return None
    head = text[: closing.end()]
    if "\r" in head or "\0" in head:
        return None
    start = closing.start()
    return text[4 : start - 1], head.count("\n") + 1


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
