"""``companion demo --data-dir X`` on a used folder: open the demo, refuse anything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from companion.commands.demo import run_demo
from companion.domain.sample import is_sample_pair
from companion.programme.core import Programme
from tests.apphelpers import demo_folder
from tests.conftest import make_pair


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_existing_demo_folder_is_opened_as_it_is(data: Path) -> None:
    demo_folder(data)
    before = snapshot(data)
    opened: list[Path] = []

    def fake_app(folder: Path) -> int:
        opened.append(folder)
        return 0

    assert run_demo(str(data), fake_app) == 0
    assert opened == [data.resolve()] or opened == [data]
    assert snapshot(data)["journal.json"] == before["journal.json"]


def test_a_folder_holding_another_programme_is_refused_clearly_and_left_alone(
    data: Path,
) -> None:
    with Programme.opened(data, backup=False) as programme:
        programme.journal.save_pair(make_pair())
    before = snapshot(data)
    result = run("demo", "--data-dir", str(data))
    assert result.returncode == 1
    assert "holds a programme that is not the demo (Aisha Khan & Richard Hale)" in result.stderr
    assert "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data)["journal.json"] == before["journal.json"]


def test_the_demo_pair_is_recognised_whatever_its_dates_and_a_real_pair_is_not(
    data: Path,
) -> None:
    demo_folder(data)
    with Programme.opened(data, readonly=True) as programme:
        pair = programme.journal.pair()
    assert pair is not None and is_sample_pair(pair)
    moved = pair.model_copy(update={"next_session_on": None, "started_on": pair.started_on})
    assert is_sample_pair(moved)
    assert not is_sample_pair(make_pair())
