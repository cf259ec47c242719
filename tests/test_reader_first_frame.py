"""A lesson's first frame already has its opening words, not an empty view.

The reader (and the playbook) mount the lesson's opening before their first
frame. Before, the view showed its text only two frames later: it had no size
yet when the lesson was given to it, so the opening was built hidden, and its
blocks were mounted after the screen's first frame.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.apphelpers import app_on, demo_folder, settle
from tests.frames import Frames


def opening_words(body: str, count: int = 3) -> str:
    """The first ``count`` words of a body's first paragraph, as the reader shows them."""
    paragraph = next(p for p in body.split("\n\n") if p.strip() and not p.startswith("#"))
    text = re.sub(r"\]\([^)]*\)", "", paragraph)  # link targets are not shown
    return " ".join(re.sub(r"[*_`\[\]]", "", text).split()[:count])


@pytest.mark.parametrize("lesson_id", ["managing-up", "how-a-session-runs"])
async def test_the_first_frame_of_a_lesson_shows_its_opening(data: Path, lesson_id: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        lesson = app.programme.curriculum.lessons[lesson_id]
        app.navigator.open_lesson(lesson_id)
        await settle(pilot)
        words = opening_words(lesson.body)
        first = frames.first_text("ReaderScreen")
        assert first is not None
        assert words in first, first


async def test_the_first_frame_of_the_playbook_shows_its_first_entry(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        app.navigator.open_target("playbook")
        await settle(pilot)
        shown = app.screen.query_one(OptionList).get_option_at_index(0).id
        entry = app.programme.curriculum.playbook[shown or ""]
        first = frames.first_text("PlaybookScreen")
        assert first is not None
        assert opening_words(entry.body) in first, first


async def test_the_playbook_marks_the_entry_it_shows_and_moves_on_with_one_key(
    data: Path,
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.navigator.open_target("playbook")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 0  # the first entry, shown on the right, is marked
        frames = Frames(app)
        await pilot.press("down")
        await settle(pilot)
        second = app.programme.curriculum.playbook[options.get_option_at_index(1).id or ""]
        assert options.highlighted == 1
        assert opening_words(second.body) in frames.texts[-1][1]
