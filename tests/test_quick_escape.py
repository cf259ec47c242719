"""A lone Escape is handed on once the escape delay is over, not at Textual's next 0.1 s poll."""

from __future__ import annotations

import hashlib
import inspect
import os
import selectors
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver

from companion.cli import make_app
from companion.quick_escape import (
    ESCAPE_DELAY_MS,
    POLL,
    QuickEscapeDriver,
    input_wait,
    quick_escape,
)

TEXTUAL_INPUT_THREAD = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"
"""sha256 of Textual 8.2.8's ``LinuxDriver.run_input_thread`` (``QuickEscapeDriver`` copies it)."""


def test_the_copied_input_thread_is_still_textuals() -> None:
    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_INPUT_THREAD, (
        "Textual's LinuxDriver.run_input_thread changed: copy it into "
        "companion/quick_escape.py again (keeping the shorter wait) and update this hash"
    )


def test_the_wait_ends_when_a_pending_escape_is_due() -> None:
    parser = XTermParser()
    assert input_wait(parser, 0.0) == POLL  # nothing pending: Textual's poll
    list(parser.feed("\x1b"))
    pending = parser._timeout_time
    assert pending is not None
    assert input_wait(parser, pending - 0.02) == pytest.approx(0.02)
    assert input_wait(parser, pending + 1.0) == 0.0
    assert input_wait(parser, pending - 5.0) == POLL


def test_only_the_linux_driver_is_replaced() -> None:
    assert quick_escape(LinuxDriver) is QuickEscapeDriver
    assert quick_escape(WebDriver) is WebDriver  # companion serve
    assert quick_escape(HeadlessDriver) is HeadlessDriver


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux/macOS driver")
def test_the_app_runs_on_the_quick_escape_driver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(constants, "DRIVER", None)
    app = make_app(tmp_path / "data")
    try:
        assert app.driver_class is QuickEscapeDriver
    finally:
        app.programme.close()  # type: ignore[attr-defined]


class Recording(selectors.SelectSelector):
    """A selector noting each timeout the input thread waits with."""

    timeouts: list[float | None] = []

    def select(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        Recording.timeouts.append(timeout)
        return super().select(timeout)


def _run_input_thread(
    data: bytes, monkeypatch: pytest.MonkeyPatch, environ_delay: str | None
) -> tuple[list[events.Event], list[float | None]]:
    """Feed ``data`` to ``QuickEscapeDriver``'s input thread through a pipe; its events, waits."""
    monkeypatch.setattr(selectors, "SelectSelector", Recording)
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.1)  # Textual's own default
    if environ_delay is None:
        monkeypatch.delenv("ESCDELAY", raising=False)
    else:
        monkeypatch.setenv("ESCDELAY", environ_delay)
    Recording.timeouts = []
    got: list[events.Event] = []
    arrived = threading.Event()

    def process_message(message: events.Event) -> None:
        got.append(message)
        arrived.set()

    read, write = os.pipe()
    driver = SimpleNamespace(
        fileno=read, _debug=False, exit_event=threading.Event(), process_message=process_message
    )
    thread = threading.Thread(target=QuickEscapeDriver.run_input_thread, args=(driver,))
    thread.start()
    try:
        os.write(write, data)
        assert arrived.wait(10), "no event came"
    finally:
        driver.exit_event.set()
        thread.join(10)
        os.close(write)
        os.close(read)
    return got, Recording.timeouts


def test_a_lone_escape_is_handed_on_after_the_shorter_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    got, timeouts = _run_input_thread(b"\x1b", monkeypatch, environ_delay=None)
    assert [getattr(event, "key", None) for event in got] == ["escape"]
    delay = constants.ESCAPE_DELAY
    assert delay == pytest.approx(ESCAPE_DELAY_MS / 1000)
    # After the Escape came, the thread waited only for what was left of the delay.
    waits = [t for t in timeouts if t is not None and t < POLL]
    assert waits and max(waits) <= ESCAPE_DELAY_MS / 1000


def test_escdelay_from_the_environment_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    got, _timeouts = _run_input_thread(b"\x1b", monkeypatch, environ_delay="100")
    assert [getattr(event, "key", None) for event in got] == ["escape"]
    delay = constants.ESCAPE_DELAY
    assert delay == pytest.approx(0.1)  # as Textual read it


def test_a_whole_sequence_is_still_one_key(monkeypatch: pytest.MonkeyPatch) -> None:
    got, _timeouts = _run_input_thread(b"\x1b[A", monkeypatch, environ_delay=None)
    assert [getattr(event, "key", None) for event in got] == ["up"]
