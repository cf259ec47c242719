"""Reader navigation: links from the keyboard, one history of lessons opened, new lessons at top."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from companion.screens.reader import ReaderScreen
from companion.screens.reader_nav import LessonHistory
from companion.widgets.lesson_view import LessonView
from tests.apphelpers import app_on, demo_folder

START = "decisions-at-the-top"
"""A shipped lesson that links to other lessons."""


def test_history_goes_back_and_forward_and_a_new_lesson_drops_what_was_ahead() -> None:
    history = LessonHistory()
    assert history.current is None and history.step(-1) is None
    for lesson in ("a", "b", "c"):
        history.open(lesson)
    history.open("c")  # opening the lesson already shown adds nothing
    assert history.visited == ["a", "b", "c"]
    assert history.step(-1) == "b" and history.step(-1) == "a" and history.step(-1) is None
    assert history.step(1) == "b"
    history.open("d")
    assert history.visited == ["a", "b", "d"] and history.step(1) is None
    assert history.step(-1) == "b"


async def settle(pilot, rounds: int = 6) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        await pilot.pause()


async def test_tab_to_a_link_and_enter_opens_the_lesson_at_its_top(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        app.navigator.open_lesson(START)
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        view = reader.query_one(LessonView)
        assert app.focused is view
        target = next(link.href for link in reader.links if link.href.startswith("lesson:"))
        await pilot.press("end")  # read down the lesson first
        await settle(pilot)
        assert view.scroll_y > 0
        await pilot.press("tab")  # from the lesson to its links
        await pilot.pause()
        links = reader.query_one("#links", OptionList)
        assert app.focused is links and links.region.height > 0
        assert links.highlighted == 0
        while reader.links[links.highlighted or 0].href != target:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert reader.lesson.id == target.removeprefix("lesson:")
        assert view.scroll_y == 0  # a newly opened lesson starts at its top
        assert app.focused is view
        await pilot.press("left_square_bracket")  # Previous lesson
        await settle(pilot)
        assert reader.lesson.id == START and view.scroll_y == 0
        await pilot.press("right_square_bracket")  # and forward again
        await settle(pilot)
        assert reader.lesson.id == target.removeprefix("lesson:")


async def test_previous_lesson_is_the_one_opened_before_whatever_opened_it(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        first, second = app.programme.curriculum.ordered_lessons()[2:4]
        app.navigator.open_lesson(first.id)  # as the curriculum or Ctrl+P open it
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot, 2)
        assert not isinstance(app.screen, ReaderScreen)
        app.navigator.open_lesson(second.id)  # another way in, another reader
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.lesson.id == second.id
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert reader.lesson.id == first.id
        assert reader.query_one(LessonView).scroll_y == 0
