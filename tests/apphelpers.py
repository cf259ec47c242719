"""Helpers for app tests: fixed clock, demo data, the app factory, the Pilot steps that
many tests share (typing, starting a session, opening a journal entry) and the app run
in a real terminal (tmux) to be signalled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from companion.cli import make_app
from companion.commands.demo import write_sample
from companion.domain.sessions import Session
from companion.programme.core import Programme
from companion.storage.store import Store
from tests.privacyhelpers import CHEAP

if TYPE_CHECKING:
    import pytest
    from textual.pilot import Pilot

    from companion.app import CompanionApp
    from companion.screens.session import SessionScreen
    from companion.screens.session_detail import SessionDetailScreen

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

# Characters a Pilot must press by their key name.
KEY_NAMES = {" ": "space", ".": "full_stop", ",": "comma", "'": "apostrophe"}


def demo_folder(folder: Path) -> Path:
    """Write the demo pair as it stands on TODAY into ``folder``."""
    write_sample(folder, today=TODAY, cost=CHEAP)
    return folder


def app_on(folder: Path):
    """Return the app on ``folder`` with the clock pinned to NOW."""
    return make_app(folder, now=NOW)


def over(data: Path, store: Store) -> Programme:
    """Return a Programme over ``store``, already open on ``data`` (for export tests)."""
    programme = Programme(data)
    programme._store = store
    return programme


@asynccontextmanager
async def running(
    folder: Path, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[CompanionApp, Pilot[None]]]:
    """Run the app on ``folder`` (clock at NOW) in a ``size`` terminal.

    Yields the app and its pilot after a first pause, so the folder is open and the
    first screen is up. Whatever the test does inside runs inside ``run_test``.
    """
    app = cast("CompanionApp", app_on(folder))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


@asynccontextmanager
async def running_demo(
    folder: Path, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[CompanionApp, Pilot[None]]]:
    """Write the demo pair into ``folder``, then run the app on it as :func:`running` does."""
    demo_folder(folder)
    async with running(folder, size) as (app, pilot):
        yield app, pilot


async def until(pilot: Pilot[Any], holds: Callable[[], bool], seconds: float = 20.0) -> None:
    """Pause until ``holds()`` (a loaded machine may take a while); fail after ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if holds():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let the app open its store and finish its start-up warm-up, then pause ``rounds`` times.

    The warm-up builds the kept screens off screen; waiting for it keeps what a
    test then measures (layouts, snapshots) independent of the machine's load.
    """
    await warmed(pilot)
    for _ in range(rounds):
        await pilot.pause()


async def warmed(pilot: Pilot[Any], timeout: float = 30.0) -> None:
    """Wait until the app's start-up warm-up is done (apps without one: at once)."""
    warm_up = getattr(pilot.app, "warm_up", None)
    waited = 0.0
    while warm_up is not None and not warm_up.done and waited < timeout:
        if not warm_up.started and waited > 2.0:
            break  # the folder did not open (a test of that): no warm-up comes
        await pilot.pause(0.05)
        waited += 0.05
    assert warm_up is None or not warm_up.errors, warm_up.errors  # every step did its work


async def lesson_built(pilot: Pilot[Any]) -> None:
    """Wait until the lesson view in front has built and measured what is near its viewport,
    and stopped moving (on a slow machine a frame can take longer than these polls)."""
    from companion.widgets.lesson_view import LessonView

    view = pilot.app.screen.query_one(LessonView)
    steady, seen = 0, None
    for _ in range(200):
        await pilot.pause(0.05)
        now = (view.settled, view.virtual_size, view.scroll_y, tuple(view.heights))
        steady, seen = (steady + 1 if now == seen and view.settled else 0), now
        if steady >= 4:
            return


async def lesson_read_through(pilot: Pilot[Any]) -> None:
    """Page through the lesson in front to its end, waiting at each page, then go Home.

    Sections never built keep an estimated height, and which ones End skips over
    depends on timing; paged through, every section has been built and measured
    once, so the scrollbar's thumb is the same on every machine.
    """
    from companion.widgets.lesson_view import LessonView

    view = pilot.app.screen.query_one(LessonView)
    await lesson_built(pilot)
    for _ in range(200):
        if view.scroll_y >= view.max_scroll_y:
            break
        await pilot.press("pagedown")
        await lesson_built(pilot)
    await pilot.press("home")
    await lesson_built(pilot)


def count_restyles(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Return a list that every widget Textual restyles from now on is appended to."""
    from textual.css.stylesheet import Stylesheet

    restyled: list[object] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes: Iterable[Any], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(nodes)
        update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    return restyled


async def press_and_wait(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` one after the other, then pause once for the app to catch up."""
    await pilot.press(*keys)
    await pilot.pause()


async def type_into(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into the focused widget, key by key, as a person would."""
    await pilot.press(*[KEY_NAMES.get(c, c) for c in text])


async def start_session(pilot: Pilot[Any]) -> SessionScreen:
    """From the dashboard, start the suggested session (``n``, Enter) and return its screen."""
    from companion.screens.session import SessionScreen

    await pilot.pause()
    await press_and_wait(pilot, "n")
    await press_and_wait(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def open_latest_session(pilot: Pilot[Any]) -> SessionDetailScreen:
    """From the dashboard, open the journal (``j``) and its first session (Enter)."""
    from companion.screens.session_detail import SessionDetailScreen

    await pilot.pause()
    await press_and_wait(pilot, "j")
    await press_and_wait(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, SessionDetailScreen)
    return screen


def stored(data: Path, session_id: str) -> Session | None:
    """Return the session ``session_id`` as it stands on disk in ``data`` (None if absent)."""
    with Store.open(data, readonly=True) as store:
        return store.journal.session(session_id)


def in_progress_notes(data: Path) -> list[str]:
    """Return the shared notes of every session still in progress in ``data``, as on disk."""
    with Store.open(data, readonly=True) as store:
        return [s.shared_notes for s in store.journal.sessions() if s.status == "in-progress"]


class Terminal:
    """The app on ``data`` run as ``python -m companion.cli`` in a private tmux server.

    Use it through :func:`in_terminal`, which starts the server and always kills it.
    """

    def __init__(self, data: Path, name: str, command: str | None = None) -> None:
        self.data = data
        self.name = name
        self.socket = ["tmux", "-L", name, "-f", "/dev/null"]
        self.command = command or f"{sys.executable} -m companion.cli --data-dir {data}"

    def screen(self, joined: bool = False) -> str:
        """Return the text the terminal shows now (``joined``: wrapped lines joined up)."""
        capture = [*self.socket, "capture-pane", "-p", *(["-J"] if joined else []), "-t", self.name]
        return subprocess.run(capture, capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> None:
        """Wait until ``text`` is on screen; fail, showing the screen, after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{self.screen()}"
            time.sleep(0.05)

    def send(self, *keys: str) -> None:
        """Send tmux key names (``n``, ``Enter``) to the app."""
        subprocess.run([*self.socket, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        """Type ``text`` literally, as a person would."""
        self.send("-l", text)

    def start_session(self) -> None:
        """From the dashboard, start the suggested session and wait for its notes."""
        self.wait_for("Next session:")
        self.send("n")
        self.wait_for("Start a session")
        self.send("Enter")
        self.wait_for("Shared notes")

    def running(self) -> list[str]:
        """Return the process ids of the app on this data folder."""
        return subprocess.run(
            ["pgrep", "-f", f"companion.cli --data-dir {self.data}"],
            capture_output=True,
            text=True,
        ).stdout.split()

    def signal(self, signum: int, within: float) -> None:
        """Send ``signum`` to the running app; fail unless it is gone ``within`` seconds.

        Gone means exited, files closed (so its lock is free): a dying process stops
        matching ``pgrep`` when its memory is released, a moment before its files are
        closed, so each process is watched until it has no more than a zombie's state.
        """
        pids = [int(pid) for pid in self.running()]
        assert pids, "the app should be running"
        for pid in pids:
            os.kill(pid, signum)
        deadline = time.monotonic() + within
        while self.running() or any(_alive(pid) for pid in pids):
            assert time.monotonic() < deadline, "the app did not go away"
            time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and has not yet exited (a zombie has: its files are shut)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return fields[0] not in ("Z", "X")


@contextmanager
def in_terminal(
    data: Path, name: str, size: tuple[int, int] = (100, 30), command: str | None = None
) -> Iterator[Terminal]:
    """Run the app on ``data`` in a ``size`` tmux terminal named ``name`` (unique per test).

    ``command`` runs instead of ``python -m companion.cli --data-dir DATA`` (a shell line).
    """
    terminal = Terminal(data, name, command)
    width, height = size
    window = ["-x", str(width), "-y", str(height)]
    subprocess.run(
        [*terminal.socket, "new-session", "-d", "-s", name, *window, terminal.command], check=True
    )
    try:
        yield terminal
    finally:
        subprocess.run([*terminal.socket, "kill-server"], capture_output=True)
