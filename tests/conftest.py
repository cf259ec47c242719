"""Shared fixtures: every test gets its own data folder; the real home is never touched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.domain.pair import Pair, Person


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COMPANION_HOME", str(home / "companion"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder that does not exist yet."""
    return tmp_path / "data"


def make_pair(**changes: object) -> Pair:
    """A valid pair for tests."""
    base = Pair(
        mentor=Person(name="Aisha Khan", role="mentor", title="Analyst"),
        mentee=Person(name="Richard Hale", role="mentee", title="CFO"),
        started_on=date(2026, 9, 1),
        cadence="fortnightly",
        agreement=["What we say stays between us."],
    )
    return base.model_copy(update=changes)


@pytest.fixture(autouse=True, scope="session")
def _python_gc_defaults() -> None:
    """Keep Python's collector as it is here: the suite runs hundreds of apps in one process.

    The app's tuning (companion/gc_tuning.py) is per process; tests/test_gc_tuning.py
    checks it in a process of its own.
    """
    import companion.gc_tuning

    companion.gc_tuning.ENABLED = False


@pytest.fixture(autouse=True)
def _pause_waits_for_the_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pilot.pause()`` (no delay) also waits for a data folder opening in the background.

    The app opens its folder in a thread worker after the first frame; Textual's
    idle wait gives up after a second, which a loaded machine can exceed, and on
    a loaded machine the first pause can come before the open has even begun. So
    it waits until the app has handled the open's outcome. A pause with an
    explicit delay does not wait (tests of keys pressed meanwhile).
    """
    import asyncio

    from textual.pilot import Pilot

    pause = Pilot.pause

    async def pause_after_open(self: Pilot, delay: float | None = None) -> None:  # type: ignore[type-arg]
        lifecycle = getattr(self.app, "lifecycle", None)
        if delay is None and lifecycle is not None:
            for tick in range(3000):  # at most a minute
                if lifecycle.answered:  # the open's outcome was handled (not just started)
                    break
                if not lifecycle.begun and tick > 150:
                    break  # no open within 3 s: the test keeps the folder closed
                await asyncio.sleep(0.02)
        await pause(self, delay)

    monkeypatch.setattr(Pilot, "pause", pause_after_open)
