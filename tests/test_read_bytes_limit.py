"""``read_bytes`` with a limit: the whole file, and a refusal past the limit, even when it grows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.storage import atomic
from companion.storage.atomic import FileTooLargeError, read_bytes


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 100_000])
def test_a_file_within_the_limit_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(os.urandom(size))
    assert read_bytes(path, 100_000, "a file") == path.read_bytes()


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLargeError):
        read_bytes(path, 10, "a file")


@pytest.mark.parametrize(("grown", "refused"), [(10, False), (11, True), (5000, True)])
def test_a_file_that_grows_after_its_size_is_taken_is_read_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown: int, refused: bool
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * grown)
    real = os.fstat

    def smaller(fd: int) -> os.stat_result:
        info = list(real(fd))
        info[6] = 3  # st_size as it was before the file grew
        return os.stat_result(info)

    monkeypatch.setattr(atomic.os, "fstat", smaller)
    if refused:
        with pytest.raises(FileTooLargeError):
            read_bytes(path, 10, "a file")
    else:
        assert read_bytes(path, 10, "a file") == b"x" * grown
