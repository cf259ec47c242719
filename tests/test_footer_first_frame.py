"""The key bar is drawn with its screen: the first frame of a new screen already shows its keys.

The app's frames are replayed onto a grid of characters (``tests/frames.py``),
so the test sees the key bar (and the title) exactly as the terminal showed
them at the first frame of each screen, not as they stand once the app has
settled. Screens built once and shown again (the journal, log, glossary and
curriculum) drew a first frame that kept the dashboard's title on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets._footer import FooterKey

from companion.screens.registry import SCREENS
from companion.widgets.footer import KeysFooter
from tests.apphelpers import app_on, demo_folder, settle
from tests.frames import Frames

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.pilot import Pilot


def opener(target: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """How ``target`` is opened: a named screen, a lesson, a review or a session."""

    async def named(pilot: Pilot[Any]) -> None:
        pilot.app.navigator.open_target(target)  # type: ignore[attr-defined]

    async def lesson(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        app.navigator.open_lesson(app.programme.curriculum.ordered_lessons()[0].id)

    async def review(pilot: Pilot[Any]) -> None:
        await pilot.press("r")  # who is reviewing: the senior's button has the focus
        await pilot.pause()
        await pilot.press("enter")

    async def session(pilot: Pilot[Any]) -> None:
        await pilot.press("n")  # which lessons: the suggested one is ticked
        await pilot.pause()
        await pilot.press("enter")

    return {"lesson": lesson, "review": review, "session": session}.get(target, named)


SHOWN: dict[str, str] = {
    **{target: name for target, (_, _, name) in SCREENS.items()},
    "lesson": "ReaderScreen",
    "review": "ReviewScreen",
    "session": "SessionScreen",
}
"""Every screen the navigator opens, and the class of the screen it shows."""


async def test_every_screen_shows_its_title_and_keys_in_its_first_frame(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        late: list[str] = []
        for target, kind in SHOWN.items():
            frames.painted.clear()
            await opener(target)(pilot)
            await settle(pilot, rounds=6)
            assert type(app.screen).__name__ == kind, target
            keys = app.screen.query_one(KeysFooter).query(FooterKey)
            bar = [f"{key.key_display} {key.description}".strip() for key in keys]
            settled, first = frames.edges, frames.first(kind)
            assert len(bar) >= 2 and all(key in settled[1] for key in bar), (target, bar, settled)
            if first != settled:
                late.append(f"{target}: first frame {first!r}, then {settled!r}")
            while len(app.screen_stack) > 1:  # back to the first dashboard (a guard would ask)
                await app.pop_screen()
            await settle(pilot, rounds=1)
        assert not late, "\n".join(late)
