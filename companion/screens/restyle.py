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

from companion.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Size


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
    _fitted_at: Size | None = None

    @property
    def closing(self) -> bool:
        """True once the app is quitting or this screen is being removed.

        ``_running`` turns False as the app's shutdown begins, before it closes the
        widgets of a screen that is still being built off screen.
        """
        app = self.app
        return app._exit or not app._running or self._closing or self._closed or self._pruning

    async def lay_out_off_screen(self) -> bool:
        """Restyle and lay the screen out now, off screen, as its first showing would.

        For a screen built before it is first shown (``Navigator.prebuild``): its
        widgets were styled as they were mounted, and the stylesheet has grown
        since (each new kind of widget brings its CSS); Textual would restyle
        and lay out every widget on the key that first shows it. Done here at
        idle time, that key costs what every later one does; the key bar's keys
        are composed too, at the width they then have. Nothing reaches the
        terminal: Textual only ever displays the screen in front. Returns
        whether there was anything to do (not once the screen has been shown).
        """
        if not self._off_screen:
            return False
        self.update_node_styles(animate=False)
        self._refresh_layout(self.app.size)
        for footer in self.query(KeysFooter):
            await footer.show_keys_now()
            if not self._off_screen:
                return False
        if self._dirty_widgets or self._layout_required:
            self._refresh_layout(self.app.size)  # the keys just composed
        self._styled_with = style_inputs(self.app)
        return True

    def _compositor_refresh(self) -> None:
        """Draw as Textual does, after :meth:`fit_to_size` when laid out at a new size.

        Textual lays a screen out and draws it in one go (``_refresh_layout``); a
        table fitted on its Resize event was drawn first at its natural column
        widths, and its columns moved a frame later. Fitted here, between the
        layout and the drawing, the first frame has them where they stay.
        """
        if self.size and self.size != self._fitted_at and not self.closing:
            self._fitted_at = self.size
            self.fit_to_size()
        super()._compositor_refresh()

    def fit_to_size(self) -> None:
        """Size what follows the screen's width (a table's columns); nothing by default."""

    @property
    def _off_screen(self) -> bool:
        """Built, never shown so far, and not being removed."""
        return not (self.is_current or self.stack_updates or not self.is_attached or self.closing)

    def restyle_off_screen(self) -> None:
        """Restyle, off screen, a screen laid out before the stylesheet last changed.

        Screens built later bring their widgets' CSS, which Textual would apply
        to this one on its first showing. Widgets whose styles come out the same
        keep what they drew (``RowTable``).
        """
        before = self._styled_with
        if not self._off_screen or before is None:
            return
        now = style_inputs(self.app)
        if same_inputs(before, now):
            return
        self.update_node_styles(animate=False)
        if self._layout_required or self._dirty_widgets:
            self._refresh_layout(self.app.size)
        self._styled_with = now

    def draw_off_screen(self) -> None:
        """Draw every visible widget once, off screen (their drawn lines are kept).

        After :meth:`lay_out_off_screen`: the first frame that shows the screen
        then reuses what each widget drew (the tables' cells laid out, above all).
        """
        if self._off_screen:
            self._compositor.render_full_update()

    def _on_screen_suspend(self) -> None:
        """Note what the widgets were styled with as the screen goes behind another."""
        self._styled_with = style_inputs(self.app)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Come back; restyle every widget only if the styles' inputs changed meanwhile.

        The whole screen is drawn in the first frame that shows it. Textual lays
        out a screen whose layout changed while it was behind before it repaints
        it whole, and that layout's frame drew only the widgets that moved: the
        rest of the terminal, key bar and title included, still showed the
        screen before it.
        """
        self._dirty_widgets.add(self)  # the layout's frame repaints all of it (see refresh())
        before, self._styled_with = self._styled_with, None
        if (
            event.refresh_styles
            and before is not None
            and same_inputs(before, style_inputs(self.app))
        ):
            event.prevent_default()  # Textual's own handler would restyle everything
            Screen._on_screen_resume(self, events.ScreenResume(refresh_styles=False))
