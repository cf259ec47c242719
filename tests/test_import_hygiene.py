"""Layering: the domain and the curriculum loader never pull in textual or tinydb."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import companion

PACKAGE = Path(companion.__file__).parent


def modules_under(folder: str) -> list[str]:
    return sorted(
        "companion."
        + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in (PACKAGE / folder).rglob("*.py")
    )


def imported_after(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_domain_and_loader_import_neither_textual_nor_tinydb() -> None:
    modules = modules_under("domain") + modules_under("curriculum")
    assert "companion.domain.pair" in modules and "companion.curriculum.loader" in modules
    loaded = imported_after(modules)
    assert "companion" in loaded
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_privacy_imports_neither_textual_nor_tinydb() -> None:
    modules = modules_under("privacy")
    assert "companion.privacy.vault" in modules
    loaded = imported_after(modules)
    assert "cryptography" in loaded
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_the_check_itself_can_fail() -> None:
    assert "tinydb" in imported_after(["companion.storage.store"])


def test_only_storage_imports_tinydb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+tinydb", path.read_text(), re.MULTILINE)
        and path.parent.name != "storage"
    ]
    assert offenders == []


def test_the_use_case_layer_imports_no_textual() -> None:
    modules = modules_under("programme")
    assert "companion.programme.core" in modules and "companion.programme.cards" in modules
    loaded = imported_after(modules)
    assert "companion" in loaded
    assert "textual" not in loaded
