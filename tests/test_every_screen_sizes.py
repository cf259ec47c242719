"""Every screen renders at 40x12, 80x24 and 200x60, for a pair just onboarded and ten heavy years.

One app per terminal size and data folder opens, one after the other, every
screen of the navigator (``SCREENS``), a lesson in the reader, a review (its
question and its answer) and the help over each of them. Each screen is drawn
whole (``export_screenshot`` renders every visible line); after each one the
app must have met no exception, still be running and show the screen asked for.
"""

from __future__ import annotations

import shutil
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from companion.screens.dashboard import DashboardScreen
from companion.screens.help import HelpScreen
from companion.screens.reader import ReaderScreen
from companion.screens.registry import SCREENS
from companion.screens.review import ReviewScreen
from companion.storage.store import Store
from tests.apphelpers import TODAY, app_on, settle
from tests.conftest import make_pair

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_journal import build

SIZES = [(40, 12), (80, 24), (200, 60)]
FOLDERS = ["new pair", "ten heavy years"]


@pytest.fixture(scope="module")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tenth of ten heavy years (``make_journal.py --scale large --quick``), built once."""
    folder = tmp_path_factory.mktemp("heavy") / "data"
    counts = build("large", folder, today=TODAY, part=0.1)
    assert counts["sessions"] == 50 and counts["reviews"] == 10_000
    return folder


def _new_pair(folder: Path) -> Path:
    """The folder as onboarding leaves it: the pair, starting today, and nothing else."""
    with Store.open(folder) as store:
        store.journal.save_pair(make_pair(started_on=TODAY))
    return folder


def _class_of(target: str) -> type[Screen[Any]]:
    _, module, name = SCREENS[target]
    found: type[Screen[Any]] = getattr(import_module(module), name)
    return found


def _check(app: Any, expected: type[Screen[Any]], what: str, *, draw: bool = True) -> None:
    """The app met no exception, still runs and shows ``expected``; ``draw``: draw it whole."""
    assert app._exception is None, f"{what}: {app._exception!r}"
    assert app.is_running and app.return_code is None, f"{what}: the app stopped"
    assert isinstance(app.screen, expected), f"{what}: {type(app.screen).__name__} is shown"
    assert app.screen.size == app.size, f"{what}: the screen does not fill the terminal"
    if draw:
        assert "<svg" in app.export_screenshot(), what  # renders every visible line


async def _with_help(pilot: Any, screen: type[Screen[Any]], what: str) -> None:
    """Check and draw the screen in front, then its help over it, then close the help."""
    app = pilot.app
    _check(app, screen, what)
    await pilot.press("f1")
    await pilot.pause()
    _check(app, HelpScreen, f"help over {what}")
    await pilot.press("escape")
    _check(app, screen, f"{what} after its help", draw=False)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("kind", FOLDERS)
async def test_every_screen_renders_at_every_size(
    data: Path, heavy: Path, kind: str, size: tuple[int, int]
) -> None:
    if kind == "new pair":
        _new_pair(data)
    else:
        shutil.copytree(heavy, data)
    app = app_on(data)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await _with_help(pilot, DashboardScreen, "the dashboard")
        for target in SCREENS:
            if target == "dashboard":
                continue
            app.navigator.open_target(target)
            await pilot.pause()
            await _with_help(pilot, _class_of(target), target)
            app.pop_screen()
            await pilot.pause()
            _check(app, DashboardScreen, f"back from {target}", draw=False)

        lesson = app.programme.curriculum.ordered_lessons()[0]
        app.navigator.open_lesson(lesson.id)
        await pilot.pause()
        await _with_help(pilot, ReaderScreen, f"the lesson {lesson.id}")
        await pilot.press("end")
        _check(app, ReaderScreen, f"the end of the lesson {lesson.id}")
        app.pop_screen()
        await pilot.pause()

        app.push_screen(ReviewScreen(app.programme, "mentee"))
        await pilot.pause()
        await _with_help(pilot, ReviewScreen, "the review")
        await pilot.press("space")  # the answer side, when a card is due
        _check(app, ReviewScreen, "the review's answer")
        app.pop_screen()
        await pilot.pause()
        _check(app, DashboardScreen, "back on the dashboard")
    assert app._exception is None and app.return_code in (None, 0)
