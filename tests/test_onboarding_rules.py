"""Onboarding's agreement step shows every ground rule in full, wrapped, at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from companion.screens.onboarding import OnboardingScreen
from companion.widgets.ticks import TICKED, WrapTickList
from tests.apphelpers import app_on


def screen_text(app) -> str:
    """The terminal's text as drawn, line by line."""
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


async def test_the_longest_rule_is_on_screen_in_full_and_keys_still_tick(data: Path) -> None:
    app = app_on(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        screen.query_one("#input-mentor-name", Input).value = "Aisha Khan"
        screen.query_one("#input-mentee-name", Input).value = "Richard Hale"
        screen.query_one("#input-started_on", Input).value = "2026-11-24"
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")
        await pilot.pause()
        rules = screen.query_one("#rules", WrapTickList)
        assert rules.has_focus
        longest = max(rules.selected, key=len)
        assert len(longest) > 70  # too long for one line of the 80-column wizard
        text = screen_text(app)
        assert "…" not in text
        box = rules.content_region  # the list's lines as drawn on screen, scrollbar left out
        drawn = [line[box.x : box.right - 2] for line in text.split("\n")[box.y : box.bottom]]
        flat = " ".join(" ".join(drawn).split())  # the wrapped lines, rejoined
        assert longest in flat
        # The first line carries a ticked box; the rest of the rule lines up beside it.
        first_line = next(line for line in text.split("\n") if longest.split()[0] in line)
        assert f"▐{TICKED}▌" in first_line
        # Space unticks the highlighted rule; arrows move; its box shows empty.
        first = rules.get_option_at_index(0).value
        await pilot.press("space")
        assert first not in rules.selected
        assert f"▐{TICKED}▌" not in "".join(s.text for s in rules.render_line(0))
        await pilot.press("down", "space")
        assert rules.get_option_at_index(1).value not in rules.selected
        await pilot.press("up", "space")
        assert first in rules.selected
        await pilot.press("tab")
        assert not rules.has_focus
