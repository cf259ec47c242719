"""A lesson body parsed once and cut into sections at its second-level headings.

The whole document is parsed in one pass (with the same Markdown-it
configuration Textual's ``Markdown`` widget uses), so reference links defined
anywhere resolve in every section and indentation is never lost; the token
stream is then cut before each top-level ``##`` heading. No user interface here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from companion.formatting import visible

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True)
class Section:
    """A part of a lesson: its heading as plain text (empty for the opening) and its tokens.

    ``source`` is the section's Markdown (for estimates and tests); ``line`` the
    line of the body where it starts. ``tokens`` are already parsed against the
    whole document: render them, never re-parse ``source``.
    """

    title: str
    source: str
    line: int
    opening: bool
    tokens: list[Token] = field(repr=False, compare=False)


def normalise(body: str) -> str:
    r"""Return ``body`` with CRLF/CR line ends as ``\\n`` and control characters made visible."""
    return visible(body.replace("\r\n", "\n").replace("\r", "\n"))


def parse(body: str) -> list[Token]:
    """Parse ``body`` (normalised) as Textual's Markdown widget would: ``gfm-like``."""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like").parse(normalise(body))


def heading_text(inline: Token) -> str:
    """Return a heading's text as a reader sees it (markup removed, code kept)."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


def split_sections(body: str) -> list[Section]:
    """Parse ``body`` once and cut it before each top-level second-level heading.

    Bare code fences and indented code are labelled ``text``: Textual would
    otherwise guess a language, which costs about half a second per document.
    """
    tokens = parse(body)
    lines = normalise(body).split("\n")
    groups: list[tuple[str, int, list[Token]]] = [("", 0, [])]
    for index, token in enumerate(tokens):
        if token.type in ("fence", "code_block") and not token.info.strip():
            token.info = "text"
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            line = token.map[0] if token.map else 0
            groups.append((heading_text(tokens[index + 1]), line, []))
        groups[-1][2].append(token)
    sections: list[Section] = []
    for number, (title, line, group) in enumerate(groups):
        if not group:
            continue
        end = groups[number + 1][1] if number + 1 < len(groups) else len(lines)
        text = "\n".join(lines[line:end]).strip("\n")
        sections.append(Section(title, text, line, number == 0, group))
    return sections
