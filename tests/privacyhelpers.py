"""Helpers for the privacy tests: a cheap scrypt cost and a grep for plain text."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

CHEAP = 2**10
"""A cheap scrypt cost for tests; the program uses STRONG_COST."""


def files_holding(folder: Path, needles: Iterable[str]) -> list[str]:
    """Return every file (and backup zip member) under ``folder`` holding any of ``needles``.

    Text is searched as UTF-8 and as JSON would escape it, so an escaped copy is found too.
    """
    import json

    forms: list[bytes] = []
    for needle in needles:
        forms.append(needle.encode("utf-8"))
        forms.append(json.dumps(needle)[1:-1].encode("utf-8"))
        forms.append(json.dumps(needle, ensure_ascii=False)[1:-1].encode("utf-8"))
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        blobs = {str(path): path.read_bytes()}
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    blobs[f"{path}!{name}"] = archive.read(name)
        for where, blob in blobs.items():
            if any(form in blob for form in forms):
                found.append(where)
    return found
