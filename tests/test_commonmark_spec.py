"""Every CommonMark spec example renders through the lesson pipeline, losing nothing.

The reference is Textual's own ``Markdown`` widget building the example as one
document; the lesson view parses the whole example once, cuts it at its ``##``
headings and builds each section from its tokens. Both block trees are built
(without mounting 652 documents) and compared block by block: same kinds of
block, same text. Each block's content is also rendered to segments.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownFence

from companion.curriculum.sections import normalise, split_sections
from companion.formatting import visible
from companion.widgets.lesson_view import SectionMarkdown

SPEC = Path(__file__).parent / "fixtures" / "commonmark" / "spec.md"
FENCE = "`" * 32


def spec_examples() -> list[tuple[int, str]]:
    """Return (number, markdown) for each example of the spec (tabs written as →)."""
    examples: list[tuple[int, str]] = []
    pattern = re.compile(rf"^{FENCE} example\n(.*?)^\.\n(.*?)^{FENCE}$", re.M | re.S)
    for number, match in enumerate(pattern.finditer(SPEC.read_text(encoding="utf-8")), 1):
        examples.append((number, match.group(1).replace("→", "\t")))
    return examples


def flatten(blocks: list[MarkdownBlock]) -> list[tuple[str, str]]:
    """Return each block, depth first, as (kind, text)."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        text = block.code if isinstance(block, MarkdownFence) else block._content.plain
        out.append((type(block).__name__, text))
        out.extend(flatten(block._blocks))
    return out


def rendered(blocks: list[MarkdownBlock]) -> str:
    """Render every block's content to segments and return the text drawn."""
    parts: list[str] = []
    for block in blocks:
        content = block._highlighted_code if isinstance(block, MarkdownFence) else block._content
        assert isinstance(content, Content)
        parts.append("".join(s.text for s in content.render_segments()))
        parts.append(rendered(block._blocks))
    return "".join(parts)


def test_the_fixture_holds_the_whole_spec() -> None:
    assert len(spec_examples()) == 652


@pytest.mark.asyncio
async def test_every_spec_example_renders_as_textual_markdown_does() -> None:
    app: App[None] = App()
    failures: list[str] = []
    async with app.run_test():
        for number, markdown in spec_examples():
            reference = flatten(Markdown()._build_from_source(markdown))
            document = normalise(markdown)
            ours: list[MarkdownBlock] = []
            for index, section in enumerate(split_sections(markdown)):
                slot = SectionMarkdown(section, document, index)
                ours.extend(slot._parse_markdown(section.tokens))
            # Control characters are shown as symbols by design; CommonMark itself
            # turns NUL into U+FFFD, which the visible form of NUL becomes here.
            expected = [(kind, visible(text).replace("␀", "\ufffd")) for kind, text in reference]
            got = [(kind, text.replace("␀", "\ufffd")) for kind, text in flatten(ours)]
            if got != expected:
                failures.append(f"example {number}: {expected!r} != {got!r}")
            drawn = rendered(ours)
            assert "\x1b" not in drawn
    assert not failures, "\n".join(failures[:10])
