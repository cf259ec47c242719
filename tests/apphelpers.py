"""Helpers for app tests: fixed clock, demo data, the app factory and the Pilot steps
that many tests share (typing, starting a session, opening a journal entry)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Pause ``rounds`` times: let the app open its store, lay out and handle messages."""
    for _ in range(rounds):
        await pilot.pause()


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
