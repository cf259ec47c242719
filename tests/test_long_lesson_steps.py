"""A long lesson's parse reads its section titles in steps; a key press goes before more blocks."""

from __future__ import annotations

from companion.curriculum.sections import Parse, warm_links
from companion.widgets.lesson_view import LessonView
from tests.test_lesson_view import ViewHost

BODY = "".join(f"## Part {n} [ref]\n\nWords {n}.\n\n" for n in range(40)) + "[ref]: /x\n"


def test_titles_are_read_one_per_step_after_the_blocks() -> None:
    parse = Parse(BODY)
    while not parse._blocks_done:
        parse.step(0.0)
    steps = 0
    while not parse.step(0.0):
        steps += 1
    assert steps >= 39
    sections = parse.sections()
    assert [s.title for s in sections][:2] == ["Part 0 ref", "Part 1 ref"]
    assert len(sections) == 40


def test_warm_links_leaves_the_parse_unchanged() -> None:
    warm_links()
    sections = Parse("## Version 1.2.3 of example.com\n\nText.\n").sections()
    assert sections[0].title == "Version 1.2.3 of example.com"


async def test_a_key_press_is_drawn_before_the_next_block_is_mounted() -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LessonView)
        view.focus()
        await pilot.pause()
        assert not view._keyed
        await pilot.press("x")
        assert view._keyed
        await view.after_keys()
        assert not view._keyed
