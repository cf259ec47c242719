"""The running app lets its terminal threads take the interpreter lock quickly."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import cli
from companion.latency import SWITCH_INTERVAL, quicken_thread_switching


@pytest.fixture
def kept_interval() -> Iterator[float]:
    """Python's default switch interval for the test, put back afterwards."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        yield 0.005
    finally:
        sys.setswitchinterval(before)


def test_the_app_runs_with_the_short_switch_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept_interval: float
) -> None:
    seen: list[float] = []

    class App:
        """Stands in for the app: notes the interval it runs under."""

        _exception = None

        def run(self) -> None:
            seen.append(sys.getswitchinterval())

    monkeypatch.setattr(cli, "make_app", lambda data: App())
    assert cli.run_app(tmp_path) == cli.EXIT_OK
    assert seen == [pytest.approx(SWITCH_INTERVAL)]
    assert kept_interval > SWITCH_INTERVAL


def test_quickening_says_what_it_replaced(kept_interval: float) -> None:
    assert quicken_thread_switching() == pytest.approx(kept_interval)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
