"""A lone Escape reaches the app after the escape delay, not after Textual's 0.1 s poll.

A terminal sends the Escape key as the same byte that starts the sequences of
the arrow, function and Alt keys, so a terminal program waits a moment after
it to see whether more follows: Textual's ``ESCDELAY``, 100 ms by default.
Textual's input thread on Linux and macOS, though, looks at that wait only
when its ``select`` returns, and it waits up to 0.1 s for input: a lone Escape
reached the app about 0.1 s after it was pressed whatever ``ESCDELAY`` said
(``benchmarks/keys_tmux.py``: "back to the dashboard" 116-121 ms with
``ESCDELAY=20`` as without it). Escape is how every Companion screen goes back.

``QuickEscapeDriver`` is Textual's Linux driver with two changes: the input
thread waits no longer than the escape delay still has to run, and unless the
person has set ``ESCDELAY`` that delay is ``ESCAPE_DELAY_MS`` (50 ms, Neovim's
default for the same wait) instead of 100 ms. Terminals speaking the kitty
keyboard protocol, which Textual asks for, send Escape unambiguously and never
wait at all.

``run_input_thread`` is a copy of Textual 8.2.8's (the version pinned in
``pyproject.toml``); ``tests/test_quick_escape.py`` holds the copy to the
original's source, so a Textual upgrade that changes it is noticed.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual import constants
from textual._loop import loop_last
from textual._parser import ParseError, Parser
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

ESCAPE_DELAY_MS = 50
"""Milliseconds to wait after an Escape for the rest of a key's sequence (unless ESCDELAY)."""

POLL = 0.1
"""Seconds the input thread waits for input at most (Textual's own), so it notices exit."""


def input_wait(parser: Parser[object], now: float) -> float:
    """Seconds the input thread may wait for input at ``now``: until a pending wait runs out."""
    pending = parser._timeout_time
    if pending is None:
        return POLL
    return min(POLL, max(0.0, pending - now))


def quick_escape(driver: type[Driver]) -> type[Driver]:
    """``QuickEscapeDriver`` in place of Textual's Linux driver; any other driver as it is."""
    return QuickEscapeDriver if driver is LinuxDriver else driver


class QuickEscapeDriver(LinuxDriver):
    """Textual's Linux driver, whose input thread hands on a lone Escape when its wait is over."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's, waiting no longer than a pending key)."""
        if "ESCDELAY" not in os.environ:
            # Textual read it into this constant, which its parser reads at every Escape.
            constants.ESCAPE_DELAY = ESCAPE_DELAY_MS / 1000  # type: ignore[misc]
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        decode = getincrementaldecoder("utf-8")().decode
        read = os.read

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        # This can occur if the stdin is piped
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(input_wait(parser, get_time())))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(POLL), final=True)

        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
