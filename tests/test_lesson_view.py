"""The lesson view's splitting into sections."""

from __future__ import annotations

from companion.widgets.lesson_view import split_sections

BODY = """Opening words.

## Why it matters
Because.

```
## not a heading inside code
```

## Key ideas
A paragraph.

    ```
    indented code, not a fence
    ```
"""


def test_sections_split_at_second_level_headings_only() -> None:
    sections = split_sections(BODY)
    assert [s.title for s in sections] == ["", "Why it matters", "Key ideas"]
    assert sections[0].markdown == "Opening words."
    assert "## not a heading inside code" in sections[1].markdown
    assert sections[2].markdown.startswith("## Key ideas")


def test_bare_fences_are_labelled_as_text() -> None:
    sections = split_sections(BODY)
    assert "```text\n## not a heading" in sections[1].markdown
    assert sections[1].markdown.count("```") == 2
    assert "    ```\n    indented code" in sections[2].markdown  # not a fence: untouched


def test_a_body_without_headings_is_one_section() -> None:
    assert [s.title for s in split_sections("Just a paragraph.")] == [""]
