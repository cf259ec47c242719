"""Each benchmark runs in --quick mode so it cannot rot (no timing is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_storage_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "storage_writes.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "record a review" in result.stdout and "slowest median write" in result.stdout


def test_startup_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "dashboard frame" in result.stdout and "ratio dashboard with data" in result.stdout


def test_lesson_open_benchmark_runs_quickly() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "lesson_open.py"), "--quick", "--long"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "key press to lesson text" in result.stdout
    assert "lesson: first" in result.stdout and "lesson: End to last words" in result.stdout
