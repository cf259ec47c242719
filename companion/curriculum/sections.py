"""A lesson body parsed once and cut into sections at its second-level headings.

The whole document is parsed (with the same Markdown-it configuration
Textual's ``Markdown`` widget uses), so reference links defined anywhere
resolve in every section and indentation is never lost; the token stream is
then cut before each top-level ``##`` heading. The parse is split in two, as
markdown-it itself splits it: the block level of the whole document (which also
collects the link definitions) can run in small steps (:class:`Parse`), and the
inline level of a section runs only when its tokens are first asked for. No
user interface here.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from companion.formatting import visible

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token


@dataclass(frozen=True)
class Section:
    """A part of a lesson: its heading as plain text (empty for the opening) and its tokens.

    ``source`` is the section's Markdown (for estimates and tests); ``line`` the
    line of the body where it starts. ``blocks`` are its block-level tokens,
    parsed against the whole document; ``tokens`` the same with their inline
    level parsed (done once, when first asked for): render them, never
    re-parse ``source``.
    """

    title: str
    source: str
    line: int
    opening: bool
    blocks: list[Token] = field(repr=False, compare=False)
    env: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def tokens(self) -> list[Token]:
        """The section's tokens with their inline level parsed (links resolved)."""
        _, after = _core_rules()
        state = _core_state("", self.env)
        state.tokens = self.blocks
        for rule in after:
            rule(state)
        return self.blocks


def normalise(body: str) -> str:
    r"""Return ``body`` with CRLF/CR line ends as ``\\n`` and control characters made visible."""
    return visible(body.replace("\r\n", "\n").replace("\r", "\n"))


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")


@cache
def _core_rules() -> tuple[list[Callable[[StateCore], None]], list[Callable[[StateCore], None]]]:
    """The core rules that run before the block level, and those after it (inline and on)."""
    ruler = _markdown().core.ruler
    names, rules = ruler.get_active_rules(), ruler.getRules("")
    split = names.index("block")
    return rules[:split], rules[split + 1 :]


def _core_state(text: str, env: dict[str, Any]) -> StateCore:
    from markdown_it.rules_core import StateCore

    return StateCore(text, _markdown(), env)


def warm_links() -> None:
    """Compile the link finder's regular expressions now rather than on the first heading.

    ``gfm-like`` finds bare links with linkify-it, which compiles its (large)
    patterns the first time text looks like a host name (``1.2.3``): about
    0.1-0.3 s of CPU that would otherwise fall on the key press opening a
    lesson. ``re`` keeps compiled patterns, keyed as linkify-it asks for them.
    """
    linkify = _markdown().linkify
    if linkify is None:
        return
    for pattern in list(linkify.re.values()):
        if isinstance(pattern, str):
            re.compile(pattern, re.IGNORECASE)


def parse(body: str) -> list[Token]:
    """Parse ``body`` (normalised) as Textual's Markdown widget would: ``gfm-like``."""
    return _markdown().parse(normalise(body))


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


class Parse:
    """The parse of one body: the block level in steps of a few milliseconds, then sections.

    The steps repeat markdown-it's own top-level block loop (``ParserBlock.tokenize``)
    so a long document can be parsed between key presses; what they produce is
    exactly the block level of a whole-document parse (tests compare it).
    """

    def __init__(self, body: str) -> None:
        """Prepare the parse of ``body``; nothing is parsed yet."""
        from markdown_it.rules_block import StateBlock

        self.text = normalise(body)
        self.env: dict[str, Any] = {}
        self.tokens: list[Token] = []
        before, _ = _core_rules()
        core = _core_state(self.text, self.env)
        for rule in before:
            rule(core)
        self._state: StateBlock | None = (
            StateBlock(core.src, _markdown(), self.env, self.tokens) if core.src else None
        )
        self._line = 0
        self._empty_before = False
        self._titles: dict[int, str] = {}
        self._titled = 0

    @property
    def done(self) -> bool:
        """Whether the block level of the whole body is parsed and every title read."""
        return self._blocks_done and self._titled >= len(self.tokens)

    @property
    def _blocks_done(self) -> bool:
        return self._state is None or self._line >= self._state.lineMax

    def step(self, seconds: float = 0.004) -> bool:
        """Parse for about ``seconds`` (blocks, then section titles); return whether done."""
        deadline = time.perf_counter() + seconds
        if not self._blocks_done:
            self._step_blocks(deadline)
        if self._blocks_done:
            self._step_titles(deadline)
        return self.done

    def _step_titles(self, deadline: float) -> None:
        """Read the titles of top-level ``##`` headings until ``deadline`` (one at least)."""
        tokens = self.tokens
        index = self._titled
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
                self._titles[index - 1] = self._title(tokens[index])
                if time.perf_counter() > deadline:
                    break
        self._titled = index

    def _step_blocks(self, deadline: float) -> None:
        """Parse top-level blocks until ``deadline`` (one at least)."""
        state = self._state
        if state is None:
            return
        rules = state.md.block.ruler.getRules("")
        end = state.lineMax
        line = self._line
        while line < end:
            state.line = line = state.skipEmptyLines(line)
            if line >= end:
                break
            if state.level >= state.md.options.maxNesting:
                line = state.line = end
                break
            if not any(rule(state, line, end, False) for rule in rules):
                raise RuntimeError("none of the block rules matched")
            if state.line <= line:
                raise RuntimeError("block rule didn't increment state.line")
            state.tight = not self._empty_before
            line = state.line
            if line - 1 < end and state.isEmpty(line - 1):
                self._empty_before = True
            if line < end and state.isEmpty(line):
                self._empty_before = True
                line += 1
                state.line = line
            if time.perf_counter() > deadline:
                break
        self._line = max(line, self._line) if line < end else end

    def sections(self) -> list[Section]:
        """Finish the parse, then cut it before each top-level ``##`` heading.

        Bare code fences and indented code are labelled ``text``: Textual would
        otherwise guess a language, which costs about half a second per document.
        """
        while not self.step(1.0):
            pass
        tokens = self.tokens
        lines = self.text.split("\n")
        groups: list[tuple[str, int, list[Token]]] = [("", 0, [])]
        for index, token in enumerate(tokens):
            if token.type in ("fence", "code_block") and not token.info.strip():
                token.info = "text"
            if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
                line = token.map[0] if token.map else 0
                groups.append((self._titles[index], line, []))
            groups[-1][2].append(token)
        sections: list[Section] = []
        for number, (title, line, group) in enumerate(groups):
            if not group:
                continue
            end = groups[number + 1][1] if number + 1 < len(groups) else len(lines)
            text = "\n".join(lines[line:end]).strip("\n")
            sections.append(Section(title, text, line, number == 0, group, self.env))
        return sections

    def _title(self, inline: Token) -> str:
        """A heading's text, from an inline parse of a copy (the section parses its own later)."""
        _, after = _core_rules()
        state = _core_state("", self.env)
        copy = inline.copy()
        copy.children = None
        state.tokens = [copy]
        for rule in after:
            rule(state)
        return heading_text(copy)


def split_sections(body: str) -> list[Section]:
    """Parse ``body`` and cut it before each top-level second-level heading."""
    return Parse(body).sections()
