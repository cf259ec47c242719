"""The benchmarks' two ways of watching a program in tmux: control mode, and polling."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from tmuxclock import Polled, Tmux  # noqa: E402
from tmuxcontrol import ControlError, Watched  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SHOWS_LATE = """
import sys, time
print("waiting", flush=True)
sys.stdin.readline()
time.sleep(0.3)
print("shown-now", flush=True)
time.sleep(100)
"""
"""A program that shows a text 0.3 s after a line is typed."""

LOOKS_LIKE_THE_PROTOCOL = """
import time
print("%end 1 2 1")
print("%error 1 2 1")
print("%output %1 x")
print("after-them", flush=True)
time.sleep(100)
"""
"""A program whose screen has lines that read like tmux's own replies."""


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server at 100x30, stopped after the test."""
    server = Tmux(100, 30)
    try:
        yield server
    finally:
        server.close()


@contextmanager
def _watching(tmux: Tmux, name: str, program: str) -> Iterator[Watched]:
    """Start ``program`` in session ``name`` and watch it through control mode."""
    tmux.start(name, [sys.executable, "-c", program])
    watch = Watched(tmux, name)
    try:
        yield watch
    finally:
        watch.close()


def test_a_text_is_timed_from_the_output_that_showed_it(tmux: Tmux) -> None:
    with _watching(tmux, "late", SHOWS_LATE) as watch:
        watch.wait_for("waiting")
        sent = watch.keys("Enter")
        seen = watch.wait_for("shown-now", timeout=20)
        # Not before the program wrote it, and the moment tmux passed that output on:
        assert seen - sent >= 0.3
        assert seen == watch.output_at
        assert "shown-now" in watch.screen()


def test_attaching_leaves_the_window_its_size(tmux: Tmux) -> None:
    with _watching(tmux, "sized", SHOWS_LATE) as watch:
        watch.wait_for("waiting")
        size = watch.command(
            "display-message", "-p", "-t", "sized", "#{window_width}x#{window_height}"
        )
        assert size == ["100x30"]


def test_screen_lines_like_tmux_replies_are_screen_text(tmux: Tmux) -> None:
    with _watching(tmux, "tricky", LOOKS_LIKE_THE_PROTOCOL) as watch:
        watch.wait_for("after-them")
        screen = watch.screen()
        lines = screen.splitlines()
        assert lines[:4] == ["%end 1 2 1", "%error 1 2 1", "%output %1 x", "after-them"]
        # and the client still answers in step afterwards
        assert watch.command("display-message", "-p", "in step") == ["in step"]


def test_a_refused_command_says_which(tmux: Tmux) -> None:
    with _watching(tmux, "refused", SHOWS_LATE) as watch:
        with pytest.raises(ControlError, match="no-such-command"):
            watch.command("no-such-command")
        assert watch.command("display-message", "-p", "still here") == ["still here"]


def test_a_text_that_never_comes_times_out_with_the_screen(tmux: Tmux) -> None:
    with _watching(tmux, "quiet", SHOWS_LATE) as watch:
        watch.wait_for("waiting")
        started = time.perf_counter()
        with pytest.raises(TimeoutError, match="waiting"):
            watch.wait_for("never-shown", timeout=0.5)
        assert time.perf_counter() - started >= 0.5


def test_polling_sees_the_same_text_no_sooner(tmux: Tmux) -> None:
    tmux.start("polled", [sys.executable, "-c", SHOWS_LATE])
    watch = Polled(tmux, "polled")
    watch.wait_for("waiting")
    sent = watch.keys("Enter")
    seen = watch.wait_for("shown-now", timeout=20)
    assert seen - sent >= 0.3
    assert "shown-now" in watch.screen()
