"""Screens that come back to the front without restyling every widget when nothing changed.

Textual restyles every widget of a screen each time it comes back to the front
(``ScreenResume(refresh_styles=True)``), in case the theme or the stylesheet
changed while it was behind another screen. On the journal at ten years that
restyle was about two thirds of the time from ``j`` to the table on screen
(``benchmarks/keystrokes.py``). :class:`StylesKept` notes what the styles
depend on when the screen goes behind another (the parsed stylesheet, the
theme, the app's classes and pseudo-classes, the terminal's size) and skips
the restyle when all of it is the same on its return. A change of focus,
classes or pseudo-classes restyles the widgets concerned as it happens, as
everywhere else in Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App


def style_inputs(app: App[Any]) -> tuple[object, ...]:
    """What every widget's styles are computed from, app-wide, at this moment."""
    return (
        app.stylesheet.rules,  # a new list whenever the stylesheet is parsed again
        app.theme,
        app.ansi_color,
        frozenset(app.classes),
        app.pseudo_classes,
        app.size,
    )


def same_inputs(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    """Whether two :func:`style_inputs` are the same (the stylesheet by identity)."""
    return before[0] is now[0] and before[1:] == now[1:]


class StylesKept(Screen[Any]):
    """A screen that skips Textual's restyle on return when no style input changed."""

    _styled_with: tuple[object, ...] | None = None

    @property
    def closing(self) -> bool:
        """True once the app is quitting or this screen is being removed.

        ``_running`` turns False as the app's shutdown begins, before it closes the
        widgets of a screen that is still being built off screen.
        """
        app = self.app
        return app._exit or not app._running or self._closing or self._closed or self._pruning

    def _on_screen_suspend(self) -> None:
        """Note what the widgets were styled with as the screen goes behind another."""
        self._styled_with = style_inputs(self.app)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Come back; restyle every widget only if the styles' inputs changed meanwhile."""
        before, self._styled_with = self._styled_with, None
        if (
            event.refresh_styles
            and before is not None
            and same_inputs(before, style_inputs(self.app))
        ):
            event.prevent_default()  # Textual's own handler would restyle everything
            Screen._on_screen_resume(self, events.ScreenResume(refresh_styles=False))
