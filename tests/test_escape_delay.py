"""A lone Escape is told from the start of a key's sequence sooner than Textual's default."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import sys
from pathlib import Path
import companion.cli as cli
from companion.storage.lock import LockHeldError
assert "textual" not in sys.modules, "the command line imported Textual before run_app"

def opened(data):
    import textual.constants  # what the running app's key parser reads
    print(textual.constants.ESCAPE_DELAY)
    raise LockHeldError(Path(data), "")

cli.make_app = opened
sys.exit(cli.run_app(Path("unused")))
"""


def _escape_delay(environment: dict[str, str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=environment
    )
    assert result.returncode == 3, result.stderr  # refused as a second instance: no app ran
    return float(result.stdout)


def test_the_app_waits_50_ms_for_the_rest_of_a_sequence_after_escape() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    assert _escape_delay(environment) == pytest.approx(0.05)


def test_the_users_own_escdelay_wins() -> None:
    assert _escape_delay({**os.environ, "ESCDELAY": "200"}) == pytest.approx(0.2)
