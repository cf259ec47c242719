"""The lesson parse in steps: block level first, inline level per section, as one parse."""

from __future__ import annotations

from markdown_it import MarkdownIt

from companion.curriculum.sections import Parse, normalise, split_sections
from tests.test_commonmark_spec import spec_examples


def whole(text: str) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The tokens of one whole-document parse, with each inline token's children."""
    return flat(MarkdownIt("gfm-like").parse(normalise(text)))


def flat(tokens):  # type: ignore[no-untyped-def]
    return [
        (
            t.type,
            t.content,
            str(t.map),
            [(c.type, c.content, str(sorted(c.attrs.items()))) for c in t.children or []],
        )
        for t in tokens
    ]


def stepped(text: str) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The same document parsed one top-level block per step, then section by section."""
    parse = Parse(text)
    steps = 0
    while not parse.step(0.0):
        steps += 1
    tokens = [t for section in parse.sections() for t in section.tokens]
    for token in tokens:
        if token.type in ("fence", "code_block") and token.info == "text":
            token.info = ""
    return flat(tokens)


def test_every_spec_example_parses_in_steps_as_in_one_go() -> None:
    examples = spec_examples()
    different = [n for n, text in examples if stepped(text) != whole(text)]
    assert different == []
    long = "\n\n".join(text for _, text in examples[:200])
    assert stepped(long) == whole(long)


def test_a_long_body_takes_many_small_steps() -> None:
    body = "".join(f"## Part {n}\n\nWords {n} [ref].\n\n    code {n}\n\n" for n in range(300))
    parse = Parse(body + "[ref]: https://example.com/ref\n")
    steps = 0
    while not parse.step(0.0):
        steps += 1
    assert steps > 500
    sections = parse.sections()
    assert len(sections) == 300 and sections[-1].title == "Part 299"


def test_the_inline_level_waits_until_a_section_is_asked_for() -> None:
    sections = split_sections("Intro [ref].\n\n## Two\n\nSee [ref].\n\n[ref]: https://x.example\n")
    assert all(t.children in (None, []) for t in sections[1].blocks if t.type == "inline")
    assert "tokens" not in sections[1].__dict__
    paragraph = sections[1].tokens[4]
    assert paragraph.type == "inline" and paragraph.children is not None
    assert [c.attrs.get("href") for c in paragraph.children if c.type == "link_open"] == [
        "https://x.example"
    ]
    assert sections[1].tokens is sections[1].tokens  # parsed once, not twice
    assert len(paragraph.children) == 5


def test_titles_are_read_without_parsing_the_heading_twice() -> None:
    (_, two) = split_sections("Intro.\n\n## Two `[code]` and *stress*\n\ntext\n")
    assert two.title == "Two [code] and stress"
    heading = two.tokens[1]
    assert [c.type for c in heading.children or []].count("code_inline") == 1
