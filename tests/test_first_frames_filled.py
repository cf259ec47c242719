"""Screens that draw their rows as they mount have every row in their first frame.

The check-ins and skills screens mounted their rows after the screen's first
frame, which showed only the title and the key bar (or the people's names),
then the rows a frame later; the goals, actions and wins tables showed their
natural column widths first and fitted them to the screen a frame later; the
closing and settings screens laid their text out at full width, then narrower
once their scrollbar came.
(``tests/frames.py``) and the first one compared with the settled screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.screens.checkins import CheckInsScreen
from tests.apphelpers import app_on, demo_folder, settle
from tests.frames import Frames

SHOWN = {
    "actions": "ActionsScreen",
    "checkins": "CheckInsScreen",
    "goals": "GoalsScreen",
    "skills": "SkillsScreen",
    "wins": "WinsScreen",
}


async def _first_and_settled(data: Path, target: str, name: str) -> tuple[str, str]:
    """Open ``target`` on the demo pair; return its first frame and the settled screen."""
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        app.navigator.open_target(target)
        await settle(pilot, rounds=6)
        assert type(app.screen).__name__ == name
        return frames.first_text(name), frames.texts[-1][1]


@pytest.mark.parametrize("target", sorted(SHOWN))
async def test_the_first_frame_has_every_row(data: Path, target: str) -> None:
    first, settled = await _first_and_settled(data, target, SHOWN[target])
    assert first == settled, f"first frame:\n{first}\nsettled:\n{settled}"


SCROLLING = {"closing": "ClosingScreen", "settings": "SettingsScreen"}


def _without_scrollbar(text: str) -> str:
    """``text`` without its last four columns, where a scrollbar's thumb is drawn."""
    return "\n".join(line[:-4] for line in text.splitlines())


@pytest.mark.parametrize("target", sorted(SCROLLING))
async def test_the_first_frame_is_laid_out_at_the_width_it_keeps(data: Path, target: str) -> None:
    """Text is wrapped once: the column the scrollbar takes is kept from the first frame.

    Only the thumb itself comes a frame later (Textual shows it once the
    content's height is known); nothing else moves.
    """
    first, settled = await _first_and_settled(data, target, SCROLLING[target])
    first, settled = _without_scrollbar(first), _without_scrollbar(settled)
    assert first == settled, f"first frame:\n{first}\nsettled:\n{settled}"


async def test_check_ins_are_drawn_again_only_when_they_changed(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    refill = CheckInsScreen.refill

    def counted(self: CheckInsScreen) -> object:
        drawn.append(1)
        return refill(self)

    monkeypatch.setattr(CheckInsScreen, "refill", counted)
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.navigator.open_target("checkins")
        await settle(pilot)
        assert len(drawn) == 1  # once as it mounts (not again as it is first shown)
        await pilot.press("f1")  # help over it, then back: nothing changed
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckInsScreen)
        assert len(drawn) == 1
        checkin = app.programme.journal.checkins()[-1]
        app.programme.journal.take_checkin({**checkin.model_dump(), "id": "one-more"})
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(drawn) == 2  # a check-in came: drawn again


async def test_check_in_statements_end_in_an_ellipsis_before_the_scores_at_80_columns(
    data: Path,
) -> None:
    """At 80 columns a long statement is cut with "…" and a space, not run into the names."""
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        app.navigator.open_target("checkins")
        await settle(pilot, rounds=6)
        lines = frames.texts[-1][1].split("\n")
        legend = next(line for line in lines if "Richard" in line and "agree" in line)
        assert "… Aisha" in legend, legend
        statement = next(line for line in lines if line.startswith(" I can say"))
        assert "… ▁" in statement, statement
