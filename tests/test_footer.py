"""Companion's footer follows focus like Textual's, and leaves no old keys behind."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from textual.widgets._footer import FooterKey

from companion.widgets.footer import KeysFooter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from footer_leak import make_app


def descriptions(app: object) -> list[str]:
    footer = app.screen.query_one(KeysFooter)  # type: ignore[attr-defined]
    return [key.description for key in footer.query(FooterKey)]


async def test_footer_shows_the_focused_widgets_keys_and_keeps_no_old_ones() -> None:
    app = make_app(KeysFooter)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)
        assert "Copy this field" not in descriptions(app)  # the plain input has focus
        await pilot.press("tab")
        await pilot.pause(0.1)
        assert "Copy this field" in descriptions(app)
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
        await pilot.pause(0.1)
        assert "Copy this field" not in descriptions(app)  # back on the plain input
        for _ in range(40):
            await pilot.press("tab")
            await pilot.pause()
        await pilot.pause(0.1)
        gc.collect()
        live = [o for o in gc.get_objects() if isinstance(o, FooterKey)]
        assert len(live) == len(app.screen.query(FooterKey)) <= 4
