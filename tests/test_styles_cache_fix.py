"""Widgets removed from the screen are freed with their drawn lines (Textual kept them)."""

from __future__ import annotations

import gc
import weakref

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from companion.widgets import styles_cache_fix


class Rebuilt(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="list")


async def _styles_caches_left_after_removal() -> int:
    """Mount and draw 40 labels, remove them, and count their StylesCaches still alive."""
    app = Rebuilt()
    async with app.run_test(size=(40, 50)) as pilot:
        board = app.query_one("#list", Vertical)
        labels = [Label(f"card {n}") for n in range(40)]
        await board.mount_all(labels)
        await pilot.pause()
        caches = [weakref.ref(label._styles_cache) for label in labels]
        assert all(len(label._styles_cache._cache) for label in labels), "each label was drawn"
        widgets = [weakref.ref(label) for label in labels]
        await board.remove_children()
        del labels
        await board.mount(Label("after"))  # laid out again: the old ones are let go
        await pilot.pause()
        gc.collect()
        assert not any(widget() for widget in widgets), "the labels themselves are freed"
        return sum(cache() is not None for cache in caches)


async def test_removed_widgets_styles_caches_are_freed_once_installed(monkeypatch) -> None:
    from textual._styles_cache import StylesCache

    # Textual's own method first: it holds them (when this fails, Textual fixed the
    # leak, and styles_cache_fix can go).
    textual_own = StylesCache.__dict__["get_inner_outer"]
    if styles_cache_fix.installed():
        monkeypatch.setattr(StylesCache, "get_inner_outer", styles_cache_fix._textual_own)
        textual_own = styles_cache_fix._textual_own
    textual_own.cache_clear()
    assert await _styles_caches_left_after_removal() == 40

    styles_cache_fix.install()
    assert styles_cache_fix.installed()
    assert await _styles_caches_left_after_removal() == 0


def test_the_replacement_computes_what_textual_does() -> None:
    from textual._styles_cache import StylesCache
    from textual.color import Color

    base, background = Color.parse("#102030"), Color.parse("rgba(200, 100, 50, 0.5)")
    own = styles_cache_fix._textual_own
    assert styles_cache_fix._get_inner_outer(None, base, background) == own(  # type: ignore[arg-type]
        StylesCache(), base, background
    )
