"""The app freezes what start-up built and sets the collector's thresholds, once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, sys
    from pathlib import Path
    sys.path.insert(0, str(Path.cwd()))
    from tests.apphelpers import app_on, demo_folder
    import companion.gc_tuning
    from companion.gc_tuning import tune_after_start

    companion.gc_tuning.THRESHOLDS = (5000, 20, 20)

    async def main() -> None:
        app = app_on(demo_folder(Path(sys.argv[1]) / "data"))
        async with app.run_test() as pilot:
            before = gc.get_threshold()
            # The warm-up starts 0.5 s after the store opens and freezes at its end,
            # a few seconds later (more on a loaded machine).
            for _ in range(1200):
                await pilot.pause(0.05)
                if gc.get_freeze_count() > 0:
                    break
            tuned = gc.get_threshold() == (5000, 20, 20)
            print(before != (5000, 20, 20), tuned, gc.get_freeze_count() > 0)
            frozen = gc.get_freeze_count()
            print(tune_after_start(), gc.get_freeze_count() == frozen)

    asyncio.run(main())
    """
)


def test_app_tunes_the_collector_once_after_start(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "False", "True"]


def test_free_memory_is_handed_back_only_with_glibc_and_when_on(monkeypatch) -> None:
    import platform

    import companion.gc_tuning as tuning

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert tuning.release_free_memory() is glibc
    monkeypatch.setattr(tuning, "TRIM", False)
    assert tuning.release_free_memory() is False


def test_the_collector_is_paused_for_the_body_and_put_back_as_it_was() -> None:
    import gc

    from companion.gc_tuning import paused

    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "a collector that was off is left off"
    finally:
        gc.enable()
    try:
        with paused():
            raise KeyError("a failed body")
    except KeyError:
        pass
    assert gc.isenabled(), "put back after a body that raised"


def test_no_collection_runs_while_the_curriculum_loads(tmp_path: Path, monkeypatch) -> None:
    import gc

    import companion.curriculum.loader as loader
    from companion.curriculum.sources import load_for

    inside: list[bool] = [False]
    passes: list[int] = []
    load_curriculum = loader.load_curriculum

    def watched(*args: object) -> object:
        inside[0] = True
        try:
            return load_curriculum(*args)  # type: ignore[arg-type]
        finally:
            inside[0] = False

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and inside[0]:
            passes.append(info["generation"])

    monkeypatch.setattr(loader, "load_curriculum", watched)
    content = tmp_path / "content"
    gc.callbacks.append(count)
    old = gc.get_threshold()
    gc.set_threshold(50, 1, 1)  # a pass every 50 allocations, were the collector on
    try:
        curriculum, _ = load_for(content)
    finally:
        gc.set_threshold(*old)
        gc.callbacks.remove(count)
    assert len(curriculum.lessons) > 10, "the shipped lessons loaded"
    assert passes == []
    assert gc.isenabled()
