"""The wheel carries the curriculum and finds it after a plain, non-editable install."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_checks_its_shipped_content_from_root(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("companion-*.whl")
    env_dir = tmp_path / "venv"
    # A bare venv that sees the *running* interpreter's packages (whatever venv the suite
    # was installed into) through a .pth file, not the base interpreter's site-packages.
    venv.EnvBuilder(system_site_packages=False, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    running = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "zz_running_interpreter.pth").write_text(
        "".join(f"{p}\n" for p in sorted(running))
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import companion, companion.curriculum.locations as l;"
            "print(companion.__file__); print(l.shipped_content_dir())",
        ],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.splitlines()
    assert where[0].startswith(str(env_dir)), "the wheel, not the source tree, must be imported"
    assert where[1].startswith(str(env_dir)) and where[1].endswith("companion/content")

    result = subprocess.run(
        [str(env_dir / "bin" / "companion"), "content", "check"],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("content ok: 4 modules, ")
