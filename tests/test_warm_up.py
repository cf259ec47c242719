"""While the user reads the dashboard the app builds the kept screens, a step at a time."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual import events
from textual.widgets._footer import FooterKey

from companion.screens.curriculum import CurriculumScreen
from companion.screens.navigator import KEPT
from companion.screens.warmup import GUARD
from companion.widgets.footer import KeysFooter
from companion.widgets.row_table import RowTable
from tests.apphelpers import app_on, count_restyles, demo_folder

T = TypeVar("T")


async def _warmed(pilot: object, app: object) -> None:
    for _ in range(1200):  # up to 60 s on a loaded machine
        if app.warm_up.done:  # type: ignore[attr-defined]
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    assert app.warm_up.done  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def _at_each_prebuild(
    app: Any, monkeypatch: pytest.MonkeyPatch, note: Callable[[str], T]
) -> list[T]:
    """What ``note`` says (given the screen's name) as each kept screen's build begins."""
    noted: list[T] = []
    original = app.navigator.prebuild

    def noting(target: str) -> object:
        noted.append(note(target))
        return original(target)

    monkeypatch.setattr(app.navigator, "prebuild", noting)
    return noted


async def test_the_kept_screens_are_built_before_their_keys(tmp_path: Path) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _warmed(pilot, app)
        built = {target: app.get_screen(f"kept-{target}") for target in KEPT}
        assert all(screen.is_running for screen in built.values())
        for key, target in (("j", "sessions"), ("l", "log"), ("g", "cards"), ("c", "curriculum")):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is built[target]  # shown, not built on the key
            await pilot.press("escape")
            await pilot.pause()


async def test_a_key_during_the_warm_up_waits_for_one_step_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    steps = _at_each_prebuild(app, monkeypatch, lambda t: f"{t} under {type(app.screen).__name__}")
    async with app.run_test(size=(100, 30)) as pilot:
        while not steps:
            await pilot.pause(0.01)
        await pilot.press("j")  # between two steps
        await _warmed(pilot, app)
        assert type(app.screen).__name__ == "JournalScreen"
        assert steps[0] == f"{KEPT[0]} under DashboardScreen"
        assert steps[-1] == f"{KEPT[-1]} under JournalScreen"  # the key went first


async def test_no_step_begins_right_after_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key's own work (a screen opening) goes first: steps wait GUARD after each key."""
    app = app_on(demo_folder(tmp_path / "data"))
    quiet_at_step = _at_each_prebuild(
        app,
        monkeypatch,
        lambda _: app.idle_collector.quiet_for(),  # type: ignore[attr-defined]
    )
    async with app.run_test(size=(100, 30)) as pilot:
        while not quiet_at_step:
            await pilot.pause(0.01)
        for _ in range(15):  # a key every 0.1 s, as a terminal sends them
            app.post_message(events.Key("tab", None))
            await asyncio.sleep(0.1)
        await _warmed(pilot, app)
        assert len(quiet_at_step) == len(KEPT)
        assert min(quiet_at_step) >= GUARD


async def test_the_curriculum_is_rebuilt_on_return_only_when_a_lesson_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt: list[int] = []
    rebuild = CurriculumScreen.rebuild

    def counted(self: CurriculumScreen) -> None:
        rebuilt.append(1)
        rebuild(self)

    monkeypatch.setattr(CurriculumScreen, "rebuild", counted)
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _warmed(pilot, app)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CurriculumScreen)
        await pilot.press("escape")
        await pilot.pause()
        before = len(rebuilt)
        await pilot.press("c")
        await pilot.pause()
        assert len(rebuilt) == before  # nothing changed: the tree stays
        await pilot.press("escape")
        await pilot.pause()
        lesson = next(iter(app.programme.curriculum.lessons))
        app.programme.journal.toggle_lesson_done(lesson)
        await pilot.press("c")
        await pilot.pause()
        assert len(rebuilt) == before + 1
        assert screen._built_with == app.programme.journal.lesson_statuses()


@pytest.mark.parametrize("target", KEPT)
async def test_quitting_while_a_kept_screen_is_being_built_raises_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """Textual's shutdown closes the half-built screen's widgets before its own mount ends."""
    app = app_on(demo_folder(tmp_path / "data"))
    original = app.navigator.prebuild
    building: list[str] = []

    def noted(kept: str) -> object:
        building.append(kept)
        return original(kept)

    async def slow_mount(footer: KeysFooter) -> None:
        if building and building[-1] == target and footer.screen is not app.screen:
            await asyncio.sleep(0.5)  # the screen's own mount waits for its widgets'

    monkeypatch.setattr(app.navigator, "prebuild", noted)
    monkeypatch.setattr(KeysFooter, "on_mount", slow_mount, raising=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1200):  # up to 60 s on a loaded machine
            if target in building:
                break
            await pilot.pause(0.05)
        assert target in building
        await asyncio.sleep(0.1)
        # leaving the block shuts the app down while the screen waits for its footer


async def test_a_kept_screen_is_styled_laid_out_and_drawn_before_its_first_showing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled = count_restyles(monkeypatch)
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _warmed(pilot, app)
        for key, target in (("j", "sessions"), ("l", "log"), ("g", "cards"), ("c", "curriculum")):
            screen = app.get_screen(f"kept-{target}")
            assert screen.size == app.size  # laid out at the terminal's size
            assert screen.query_one(KeysFooter).query(FooterKey)  # its keys are there
            tables = list(screen.query(RowTable))
            laid_out = [len(table._laid_out or ()) for table in tables]
            assert all(laid_out)  # drawn: each visible cell's text laid out
            restyled.clear()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
            widgets = set(screen.walk_children(with_self=True))
            assert len([node for node in restyled if node in widgets]) <= 4  # focus only
            assert [len(table._laid_out or ()) for table in tables] == laid_out  # none again
            await pilot.press("escape")
            await pilot.pause()


async def test_keys_recomposed_off_screen_are_not_kept_until_the_screen_is_shown(
    tmp_path: Path,
) -> None:
    """The terminal resized between building a kept screen and laying it out: its keys refit."""
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _warmed(pilot, app)
        screen = app.get_screen("kept-log")
        footer = screen.query_one(KeysFooter)
        wide = [weakref.ref(key) for key in footer.query(FooterKey)]
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert await screen.lay_out_off_screen()  # as the warm-up's step would, now at 40
        narrow = list(footer.query(FooterKey))
        assert narrow and len(narrow) < len(wide)  # refitted, off screen
        gc.collect()
        assert [ref() for ref in wide if ref() is not None] == []  # none waits to be redrawn
