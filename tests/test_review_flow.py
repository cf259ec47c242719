"""A review sitting: a fixed counter, cards coming back, 1-4 in the footer once shown, a summary."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from companion.screens.review import ReviewScreen
from tests.apphelpers import app_on
from tests.test_review import setup


def shown_keys(screen: ReviewScreen) -> list[str]:
    """The descriptions the footer shows now."""
    return [
        active.binding.description
        for active in screen.active_bindings.values()
        if active.binding.show and active.node is screen
    ]


def text_of(screen: ReviewScreen, selector: str) -> str:
    """The plain text of a Static on the review screen."""
    return str(screen.query_one(selector, Static).content)


async def open_review(app, pilot) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    await pilot.click("#choice-mentee")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_counter_total_is_fixed_and_cards_coming_back_are_counted(data: Path) -> None:
    setup(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_review(app, pilot)
        total = len(screen.queue)
        assert total >= 3 and screen.total == total
        assert text_of(screen, "#progress").startswith(f"Card 1 of {total} · ")
        # Before the answer is shown the footer offers Space, not 1-4.
        assert "Show answer" in shown_keys(screen)
        assert not {"Again", "Hard", "Good", "Easy"} & set(shown_keys(screen))
        await pilot.press("1")  # ignored: the answer is not shown yet
        await pilot.pause()
        assert screen.reviewed == 0
        await pilot.press("space")
        await pilot.pause()
        keys = shown_keys(screen)
        assert keys[:4] == ["Again", "Hard", "Good", "Easy"]
        assert "Show answer" not in keys
        await pilot.press("1")  # Again: this card comes back in this sitting
        await pilot.pause()
        assert text_of(screen, "#progress").startswith(
            f"Card 2 of {total} · Again: 1 card coming back · "
        )
        seen = []
        for _ in range(total - 1):
            seen.append(text_of(screen, "#progress"))
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
        assert [s.split(" · ")[0] for s in seen] == [
            f"Card {n} of {total}" for n in range(2, total + 1)
        ]
        # The card answered Again comes back, counted as such: never "Card 6 of 5".
        assert text_of(screen, "#progress").startswith("Coming back: 1 card left")
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        summary = text_of(screen, "#face")
        assert f"{total + 1} cards reviewed" in summary
        assert f"Again 1 · Hard 0 · Good 0 · Easy {total}" in summary
        assert "Next card due: " in summary
        assert text_of(screen, "#progress") == "Done for now"
        assert not {"Again", "Show answer"} & set(shown_keys(screen))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_escape_mid_review_shows_the_summary_then_leaves(data: Path) -> None:
    setup(data)
    app = app_on(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(app, pilot)
        for answer in ("3", "2"):
            await pilot.press("space")
            await pilot.pause()
            await pilot.press(answer)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # the summary first, not gone at once
        summary = text_of(screen, "#face")
        assert "2 cards reviewed" in summary
        assert "Again 0 · Hard 1 · Good 1 · Easy 0" in summary
        assert f"{len(screen.queue) - 2} cards not reviewed yet" in summary
        await pilot.press("space", "1")  # nothing more is answered on the summary
        await pilot.pause()
        assert screen.reviewed == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_escape_before_any_answer_leaves_at_once(data: Path) -> None:
    setup(data)
    app = app_on(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
