"""What the app prepares while the user reads the dashboard, one step at a time.

After the data folder is open, the app imports what the next screens need,
mounts a hidden sample of every Markdown block (Textual reads their styles on
the first one) and builds the journal's, log's and glossary's rows. Then, the
likeliest key first, it builds each kept screen off screen
(``Navigator.prebuild``), restyles and lays it out at the terminal's size with
its key bar, and draws it once, so its first showing costs what every later
one does. Screens built later bring their widgets' CSS, so each is restyled
once more at the end if that changed its styles; last, what start-up built is
frozen (``companion.gc_tuning``). Each step is its own turn of the worker, so a
key pressed meanwhile waits for one step at most, not for all of them (a kept
screen's step lasts until the screen is mounted); and no step begins within
``GUARD`` of a key press, so what the key opens is not slowed by a step
beginning in the middle of it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from companion.screens.restyle import StylesKept

if TYPE_CHECKING:
    from textual.app import App

    from companion.programme.core import Programme
    from companion.screens.navigator import Navigator

GAP = 0.1
"""Seconds between one step and the next: a key pressed during a step is handled in them."""

GUARD = 0.25
"""Seconds after a key press or mouse event before a step may begin (the key's work goes first).

Opening a lesson takes a few turns of the event loop over 0.1-0.2 s; a step
(20-130 ms) that began among them added its time to the key's. Enter to the
longest lesson's text in tmux: 177-240 ms with it, 243-286 ms without.
"""


def _name(step: Callable[..., object]) -> str:
    """A step's name for a message (``prebuild log``, ``_markdown``)."""
    if isinstance(step, partial):
        names = [getattr(arg, "__name__", str(arg)) for arg in step.args]
        return " ".join([step.func.__name__, *names])
    return getattr(step, "__name__", repr(step))


class WarmUp:
    """The start-up preparation, run a step at a time on the app's timers."""

    def __init__(
        self,
        app: App[Any],
        navigator: Navigator,
        programme: Programme,
        quiet_for: Callable[[], float] | None = None,
    ) -> None:
        """Prepare ``app``'s next screens for ``programme``.

        ``quiet_for`` gives the seconds since the last key press or mouse event:
        no step begins sooner than ``GUARD`` after one. Without it steps do not wait.
        """
        self.app = app
        self.quiet_for = quiet_for
        self.navigator = navigator
        self.programme = programme
        self.started = False
        self.done = False
        self._building: asyncio.Future[Any] | None = None
        self.errors: list[str] = []
        """Steps that failed (each only saves time later, so the others still run)."""

    def start(self, delay: float) -> None:
        """Begin after ``delay`` seconds (in a worker: each step gives the keys a turn)."""
        self.started = True
        self.app.run_worker(self._run(delay), group="warm-up", exit_on_error=False)

    async def _run(self, delay: float) -> None:
        from companion.screens.navigator import KEPT

        steps: list[Callable[[], Awaitable[Any] | bool | None]] = [
            self._imports,
            self._markdown,
            self._listings,
        ]
        for target in KEPT:  # the likeliest key first: each screen ready before the next
            steps += [
                partial(self.navigator.prebuild, target),
                partial(self._prepare, target, StylesKept.lay_out_off_screen),
                partial(self._prepare, target, StylesKept.draw_off_screen),
            ]
        # Each screen built after another brought its widgets' CSS: restyle what it changed.
        steps += [partial(self._prepare, t, StylesKept.restyle_off_screen) for t in KEPT]
        steps.append(self._freeze)
        await asyncio.sleep(delay)
        for step in steps:
            await self._after_keys()
            if not self.app.screen_stack or self.app._exit or not self.app._running:
                return  # the app is quitting
            try:
                result = step()
                if result is not None and not isinstance(result, bool):
                    self._building = asyncio.ensure_future(result)  # a screen being built
                    await self._building
            except Exception as error:  # a step only saves time later: the others go on
                self.errors.append(f"{_name(step)}: {error!r}")
                self.app.log.error("warm-up step failed", _name(step), error)
            finally:
                self._building = None
            await asyncio.sleep(GAP)
        self.done = True

    async def _after_keys(self) -> None:
        """Wait until ``GUARD`` seconds have passed since the last key press or mouse event."""
        if self.quiet_for is None:
            return
        while (quiet := self.quiet_for()) < GUARD:
            await asyncio.sleep(GUARD - quiet)

    async def finish_building(self, timeout: float = 2.0) -> None:
        """Wait (quitting) for a kept screen being built off screen to finish its mount.

        Textual's shutdown closes every widget it finds; closing those of a screen
        still being mounted makes that screen's own mount fail (its widgets are gone).
        """
        if (building := self._building) is not None:
            # Its failure, if any, is the warm-up's to note (``errors``), not the shutdown's.
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(building), timeout)

    def _prepare(
        self, target: str, how: Callable[[StylesKept], Awaitable[Any] | None]
    ) -> Awaitable[Any] | None:
        """Prepare a kept screen off screen with ``how`` (nothing if it was not built)."""
        screen = self.navigator.kept_screen(target)
        return how(screen) if isinstance(screen, StylesKept) else None

    def _imports(self) -> None:
        """Import markdown-it, Pygments and the screens, not on a key press."""
        import markdown_it  # noqa: F401
        import textual.widgets._markdown  # noqa: F401
        from rich.syntax import Syntax

        Syntax("warm = 1", "python").highlight("warm = 1")  # lessons' code blocks

        import companion.screens.curriculum
        import companion.screens.glossary  # its card dialogs: ~0.1 s on the first `g`
        import companion.screens.journal
        import companion.screens.log
        import companion.screens.reader  # noqa: F401

    def _markdown(self) -> None:
        """Mount a hidden sample of every Markdown block, in a worker."""
        from companion.widgets.lesson_view import warm_up

        # Given as a function, not a coroutine: none is left never awaited if the app
        # quits before the worker starts.
        work = partial(warm_up, self.app.screen)
        self.app.run_worker(work, group="warm-up", exit_on_error=False)

    def _listings(self) -> None:
        """Build the journal's, log's and glossary's rows."""
        from companion.programme.preload import preload

        preload(self.programme)

    def _freeze(self) -> None:
        """Freeze what start-up built (no later collection walks it)."""
        from companion.gc_tuning import tune_after_start

        tune_after_start()
