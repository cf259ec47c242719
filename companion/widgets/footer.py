"""A footer that redraws its keys only when they change, and leaves nothing behind.

Textual's ``Footer`` (8.2.x) recomposes on every focus change. Each ``FooterKey``
it composes is data-bound to the footer's ``compact`` reactive, which adds a
watcher to the footer's private ``__watchers`` list; Textual prunes that list
only when ``compact`` changes, so every old key stays alive (about 0.45 MB a
Tab at ten years). ``benchmarks/footer_leak.py`` reproduces it; when a Textual
release keeps that benchmark flat with the plain ``Footer``, this can go.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeysFooter(Footer):
    """Textual's footer, recomposed only when the keys it shows change, without the leak."""

    _shown: Hashable | None = None

    def keys_signature(self) -> Hashable:
        """Return what the footer would draw from the screen's bindings now."""
        return (
            self.show_command_palette,
            tuple(
                (
                    binding.key,
                    binding.key_display,
                    binding.action,
                    binding.description,
                    binding.show,
                    binding.tooltip,
                    binding.group,
                    enabled,
                    tooltip,
                )
                for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            ),
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw the keys after the next refresh, if the screen's bindings changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        if not self.is_attached:
            return
        signature = self.keys_signature()
        if signature == self._shown:
            return
        self._shown = signature
        await self.recompose()
        self.drop_closed_watchers()

    def drop_closed_watchers(self) -> None:
        """Forget the data bindings of keys that were removed (Textual keeps them)."""
        watchers = getattr(self, "__watchers", None)
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
