"""A footer that redraws its keys only when they change, and leaves nothing behind.

Textual's ``Footer`` (8.2.x) recomposes on every focus change. Each ``FooterKey``
it composes is data-bound to the footer's ``compact`` reactive, which adds a
watcher to the footer's private ``__watchers`` list; Textual prunes that list
only when ``compact`` changes, so every old key stays alive (about 0.45 MB a
Tab at ten years). ``benchmarks/footer_leak.py`` reproduces it; when a Textual
release keeps that benchmark flat with the plain ``Footer``, this can go.

On a narrow terminal it also shows only the keys that fit whole (Textual's cuts
the last one mid-word), keeping the help key and the command palette's.

Its keys are composed with it, as its screen is built: Textual's footer waits
for the screen's bindings to be announced, which comes as the screen is shown,
and composes its keys after the next refresh, so a new screen's first frame
had an empty key bar (``tests/test_footer_first_frame.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Hashable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen
    from textual.widget import Widget

COMPACT_BELOW = 60
"""Below this width the keys are drawn compact (one space less around each)."""

KEYS_WAIT = 2.0
"""Seconds :meth:`KeysFooter.show_keys_now` waits for the keys at most."""

HELP_ACTIONS = frozenset({"help", "app.help"})
"""The actions of the help key, kept on the bar whatever else has to go."""


def key_width(key: FooterKey, *, compact: bool) -> int:
    """Return the columns ``key`` takes on the bar, margins included (Footer's own CSS)."""
    text = cell_len(key.key_display)
    if key.description:
        text += 1 + cell_len(key.description)
    if key.has_class("-command-palette"):
        return text + 2  # its left border, and its padding (or margin when compact)
    return text + (1 if compact else 2)  # padding either side, or a margin when compact


def fitting(keys: list[FooterKey], room: int, *, compact: bool) -> list[FooterKey]:
    """Return the ``keys`` that fit whole in ``room`` columns, in order.

    The command palette's key and the help key are kept first; the others
    follow in their order while there is room.
    """
    widths = [key_width(key, compact=compact) for key in keys]
    kept = {
        i
        for i, key in enumerate(keys)
        if key.has_class("-command-palette") or key.action in HELP_ACTIONS
    }
    room -= sum(widths[i] for i in kept)
    for i, width in enumerate(widths):
        if i not in kept and width <= room:
            kept.add(i)
            room -= width
        elif i not in kept:
            room = -1  # no later key jumps ahead of one left out
    return [key for i, key in enumerate(keys) if i in kept]


class KeysFooter(Footer):
    """Textual's footer, recomposed only when the keys it shows change, without the leak."""

    _shown: Hashable | None = None

    def compose(self) -> ComposeResult:
        """Textual's keys, only as many as fit whole in the bar's width.

        Composed from the screen's bindings as they stand, also before they are
        first announced (the screen being built), so the keys come with the bar.
        """
        self.set_reactive(Footer._bindings_ready, True)
        room = self.room()
        if room:
            self.compact = room < COMPACT_BELOW
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        self._shown = self.keys_signature()
        if len(keys) != len(widgets) or not room:
            yield from widgets  # grouped keys (none here), or no width known: as Textual does
            return
        # The last key's trailing space may go under the palette's border: one column more.
        yield from fitting(keys, room + 1, compact=self.compact)

    def room(self) -> int:
        """The bar's width: its own once laid out; before that, its screen's (0: unknown).

        A footer is docked along the bottom of its screen, across its width.
        """
        if self.size.width or self.parent is not self.screen:
            return self.size.width
        return self.screen.size.width

    def on_resize(self, event: events.Resize) -> None:
        """Go compact on a narrow terminal, and fit the keys to the new width."""
        self.compact = event.size.width < COMPACT_BELOW
        if self._bindings_ready and self.is_attached and self.screen.is_current:
            self.call_after_refresh(self._refresh_keys)

    def keys_signature(self) -> Hashable:
        """Return what the footer would draw from the screen's bindings now (and its width).

        Only the bindings it shows count: a focus change that brings hidden
        bindings only leaves the keys as they are.
        """
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self.room(),
            self.compact,
            self.show_command_palette,
            tuple(
                (
                    binding.key,
                    binding.key_display,
                    binding.action,
                    binding.description,
                    binding.tooltip,
                    binding.group,
                    enabled,
                    tooltip,
                )
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == palette
            ),
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw the keys after the next refresh, if the screen's bindings changed.

        Not for a screen behind others or not yet shown: its keys came with the
        bar (:meth:`compose`), and are fitted again as it is laid out off screen
        (:meth:`show_keys_now`) or when it comes to the front, where its bindings
        are announced again.
        """
        self._bindings_ready = True
        if not screen.app.app_focus or not screen.is_current:
            return  # a screen built off screen: its keys came with it
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._refresh_keys)

    async def show_keys_now(self) -> None:
        """Fit the keys now, for a screen prepared before it is shown.

        Its focus is set and its size may have changed since the keys were
        composed with the bar; they are recomposed only if what they show changed.
        """
        self._bindings_ready = True
        composed = asyncio.Event()

        async def compose_keys() -> None:
            try:
                await self._refresh_keys()
            finally:
                composed.set()

        # In the footer's own message loop: its keys are data-bound to it as composed.
        if self.call_later(compose_keys):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(composed.wait(), KEYS_WAIT)

    async def _refresh_keys(self) -> None:
        if not self.is_attached:
            return
        signature = self.keys_signature()
        if signature == self._shown:
            return
        self._shown = signature
        removed = set(self.children)
        await self.recompose()
        self.drop_closed_watchers()
        if self.is_attached:
            self.forget_removed(removed)

    def forget_removed(self, removed: set[Widget]) -> None:
        """Take keys just removed off the list of widgets the screen has to redraw.

        A screen prepared off screen keeps that list until it is shown, and with
        it every key removed meanwhile (when the terminal was resized between
        building the screen and laying it out, say).
        """
        self.screen._dirty_widgets.difference_update(removed)

    def drop_closed_watchers(self) -> None:
        """Forget the data bindings of keys that were removed (Textual keeps them)."""
        watchers = getattr(self, "__watchers", None)
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
