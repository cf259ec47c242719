"""Telling whether a file or folder was read, by its access time (for the symlink tests).

A read of a file, or a listing of a folder, sets its access time when that
time is more than a day old (Linux's default ``relatime``, and ``strictatime``).
So targets are given an access time in 2001; a test that finds it changed knows
that something read them. :func:`require_atime` skips a test on a file system
that does not keep access times (``noatime``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

OLD_NS = 978_307_200 * 10**9
"""2001-01-01, as nanoseconds: far more than a day ago."""


def age(path: Path) -> None:
    """Set the access time of ``path`` (never through a link) to 2001; keep its change time."""
    info = path.lstat()
    os.utime(path, ns=(OLD_NS, info.st_mtime_ns), follow_symlinks=False)


def atimes(paths: list[Path]) -> dict[str, int]:
    """The access time of each of ``paths`` (lstat: nothing is read or listed)."""
    return {str(p): p.lstat().st_atime_ns for p in paths}


def require_atime(scratch: Path) -> None:
    """Skip the test unless reading a file and listing a folder here update their access times."""
    folder = scratch / "atime-probe"
    folder.mkdir()
    probe = folder / "probe"
    probe.write_bytes(b"probe")
    age(probe)
    age(folder)
    probe.read_bytes()
    os.listdir(folder)
    if probe.lstat().st_atime_ns == OLD_NS or folder.lstat().st_atime_ns == OLD_NS:
        pytest.skip("this file system does not record access times (noatime)")
