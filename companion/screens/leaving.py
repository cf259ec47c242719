"""Screens holding a lesson that go back at once and remove the lesson afterwards.

When a screen is popped, Textual removes it with all its widgets before the
event loop is free again; a long lesson's few hundred built blocks held the
loop for a tenth of a second or more after Escape, so the key after it
waited. :class:`LeavesQuickly` keeps the screen installed (so popping does
not remove it), goes back, stops the lesson's parsing and building, and then
removes its sections one at a time between frames, and finally the screen.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.screen import Screen
from textual.worker import Worker

from companion.widgets.lesson_view import LessonView


class LeavesQuickly(Screen[Any]):
    """A screen whose lesson views are removed after the screen behind it is back."""

    leaving: Worker[None] | None = None
    """The removal under way after :meth:`action_leave` (None before)."""

    def action_leave(self) -> None:
        """Go back to the screen behind; remove this one a little at a time afterwards."""
        app = self.app
        if app.screen is not self or len(app.screen_stack) < 2:
            return
        views = list(self.query(LessonView))
        for view in views:
            view.stop()
        app.install_screen(self, f"-leaving-{id(self)}")
        self.dismiss()
        self.leaving = app.run_worker(self._remove_later(views), group="leaving")

    async def _remove_later(self, views: list[LessonView]) -> None:
        """Once the screen behind is drawn, clear the lessons in steps; then remove the screen."""
        app = self.app
        drawn = asyncio.Event()
        app.screen.call_after_refresh(drawn.set)
        await drawn.wait()
        for view in views:
            await view.clear()
        app.uninstall_screen(self)
        if self.is_attached and self not in app.screen_stack:
            await self.remove()
