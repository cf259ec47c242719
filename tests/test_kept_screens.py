"""The journal, log and glossary are built once and shown again on their key."""

from __future__ import annotations

from pathlib import Path

from companion.screens.glossary import GlossaryScreen
from companion.screens.journal import JournalScreen
from companion.screens.log import LogScreen
from tests.apphelpers import app_on, demo_folder


async def test_a_screen_opened_again_is_the_same_one_until_its_choices_change(
    tmp_path: Path,
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen = {}
        for key, kind in (("j", JournalScreen), ("l", LogScreen), ("g", GlossaryScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            seen[key] = app.screen
            await pilot.press("escape")
            await pilot.pause()
        for key in ("j", "l", "g"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is seen[key]
            await pilot.press("escape")
            await pilot.pause()
        app.programme.cards.save(
            None, {"term": "Kept", "definition": "d", "deck": "own-deck", "audience": "mentee"}
        )
        await pilot.press("g")
        await pilot.pause()
        glossary = app.screen
        assert isinstance(glossary, GlossaryScreen) and glossary is not seen["g"]
        assert "own-deck" in glossary.view().decks
        assert not seen["g"].is_attached
