"""A workaround for a Textual memory leak: every widget's drawn lines kept after it is gone.

Textual (8.2.x) caches ``StylesCache.get_inner_outer`` with ``functools.lru_cache``
on the instance method, so the cache's keys hold the ``StylesCache`` itself:
up to 1,024 of them, one per widget drawn, each with every line that widget
last drew (``Strip`` objects and their own caches), stay alive after their
widgets are removed. Visiting every screen twice at ten years left about
5,000 such lines (Textualize/textual#6665, open).

:func:`install` replaces the method with one whose cache is keyed by the two
colours only (what the result depends on), so no ``StylesCache`` is held.
``benchmarks/styles_cache_leak.py`` reproduces the leak with Textual's method;
when a Textual release no longer holds them, this module can go.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

__all__ = ["install", "installed"]

_textual_own = StylesCache.__dict__["get_inner_outer"]
"""Textual's method, as it was before :func:`install` (for tests and the benchmark)."""


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The inner and outer background styles for two colours (as Textual computes them)."""
    return (
        Style(background=base_background + background),
        Style(background=base_background),
    )


def _get_inner_outer(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    """``StylesCache.get_inner_outer``, cached by the colours only (not by ``self``)."""
    return _inner_outer(base_background, background)


def installed() -> bool:
    """Whether :func:`install` has replaced Textual's method."""
    return StylesCache.get_inner_outer is _get_inner_outer  # type: ignore[comparison-overlap]


def install() -> None:
    """Replace Textual's method (once; later calls do nothing) and drop what it held."""
    if installed():
        return
    StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]
    clear = getattr(_textual_own, "cache_clear", None)
    if clear is not None:
        clear()
