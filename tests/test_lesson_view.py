"""The lesson's sections: parsed once, cut at top-level second-level headings."""

from __future__ import annotations

from textual.app import App, ComposeResult

from companion.curriculum.sections import split_sections
from companion.formatting import visible
from companion.widgets.lesson_view import LessonView

BODY = """Opening words, see [the guide][guide].

## Why it matters
Because.

```
## not a heading inside code
```

> ## not a section either

## Key ideas
    indented code, not a heading

        more indented code

[guide]: https://example.com/guide
"""


def test_sections_split_at_top_level_second_level_headings_only() -> None:
    sections = split_sections(BODY)
    assert [s.title for s in sections] == ["", "Why it matters", "Key ideas"]
    assert sections[0].opening and not sections[1].opening
    assert sections[0].source == "Opening words, see [the guide][guide]."
    assert "## not a heading inside code" in sections[1].source
    assert sections[2].source.startswith("## Key ideas")


def test_indented_code_stays_code() -> None:
    key_ideas = split_sections(BODY)[2]
    (code,) = [t for t in key_ideas.tokens if t.type == "code_block"]
    assert code.content == "indented code, not a heading\n\n    more indented code\n"


def test_a_section_that_opens_with_indented_code_keeps_it() -> None:
    sections = split_sections("    # not a heading\n\n## Next\ntext\n")
    assert [t.type for t in sections[0].tokens] == ["code_block"]
    assert sections[0].tokens[0].content == "# not a heading\n"


def test_reference_links_resolve_in_every_section() -> None:
    opening = split_sections(BODY)[0]
    inline = opening.tokens[1]
    links = [c for c in inline.children or [] if c.type == "link_open"]
    assert [link.attrs["href"] for link in links] == ["https://example.com/guide"]


def test_bare_fences_and_indented_code_are_labelled_as_text() -> None:
    tokens = [t for s in split_sections(BODY) for t in s.tokens]
    assert {t.info for t in tokens if t.type in ("fence", "code_block")} == {"text"}


def test_headings_are_plain_text_titles() -> None:
    body = "## Folders such as `[/tmp]`\n\n## [Unreleased]\n\n## *Bold* move\n"
    assert [s.title for s in split_sections(body)] == [
        "Folders such as [/tmp]",
        "[Unreleased]",
        "Bold move",
    ]


def test_control_characters_become_visible_and_line_ends_are_normalised() -> None:
    sections = split_sections("Intro\r\n\r\n## Bell\x07 \x1b]0;owned\x07\r\nText\x1b[31m red\r\n")
    assert sections[1].title == "Bell␇ ␛]0;owned␇"
    assert "\x1b" not in sections[1].source and "\r" not in sections[1].source
    assert visible("a\tb\nc\x9b") == "a\tb\nc\ufffd"


def test_a_body_without_headings_is_one_section() -> None:
    assert [s.title for s in split_sections("Just a paragraph.")] == [""]
    assert split_sections("") == []


LONG_BODY = (
    "Opening words of a long document.\n\n"
    + "".join(
        f"## Part {n}\n\nThe words of part {n}, see [the guide][guide].\n\n"
        f"    code of part {n}\n\n- item one\n- item two\n\n"
        for n in range(1, 301)
    )
    + "[guide]: https://example.com/guide\n"
)


class ViewHost(App[None]):
    """An app showing one empty LessonView (tests call its ``show``)."""

    def compose(self) -> ComposeResult:
        yield LessonView()


async def test_a_long_document_builds_only_what_is_near_the_viewport() -> None:
    from textual.widgets import Markdown

    from companion.widgets.lesson_view import SectionMarkdown

    def text(app: App[None]) -> str:
        return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LessonView)
        view.show(LONG_BODY)
        await pilot.pause()
        assert "Opening words of a long document." in text(app)
        for _ in range(100):
            await pilot.pause(0.05)
            if view.complete:
                break
        assert view.parsed and len(view.sections) == 301
        assert len(view.query(SectionMarkdown)) < 20
        view.go_to_section(200)
        for _ in range(100):
            await pilot.pause(0.05)
            if view.complete:
                break
        assert "Part 200" in text(app) and "code of part 200" in text(app)
        assert len(view.query(SectionMarkdown)) < 20
        link = next(
            child
            for widget in view.built[200].query("MarkdownParagraph")
            for child in [widget]
            if "guide" in widget._content.plain
        )
        assert "https://example.com/guide" in str(link._content.spans)
        await pilot.press("end")
        for _ in range(100):
            await pilot.pause(0.05)
            if view.complete and "item two" in text(app).split("Part 300")[-1]:
                break
        assert "The words of part 300" in text(app)
        assert view.scroll_y == view.max_scroll_y
        assert isinstance(view.built[300], Markdown)


async def test_text_keeps_its_width_when_a_document_needs_a_scrollbar() -> None:
    """Room for the scrollbar is kept: a long document's text is not wrapped again
    (and its sections measured again) when the scrollbar appears."""
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LessonView)
        view.show("A short body.")
        await pilot.pause(0.2)
        short = view.scrollable_content_region.width
        assert view.max_scroll_y == 0
        view.show(LONG_BODY)
        for _ in range(100):
            await pilot.pause(0.05)
            if view.complete and view.max_scroll_y > 0:
                break
        assert view.max_scroll_y > 0
        assert view.scrollable_content_region.width == short
