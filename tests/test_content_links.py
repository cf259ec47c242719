"""Links in ``content/`` and ``.cache/`` of the data folder are never followed (issue 17).

A symlinked ``content/`` is refused with a problem naming it (the shipped
curriculum still loads); a link inside it is skipped and named; a symlinked
``.cache/`` counts as no cache. Whether a target was read is told by its
access time (see tests/readwatch.py).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion.curriculum.deck_cards import deck_cards
from companion.curriculum.sources import load_for
from companion.programme.core import Programme
from companion.programme.start_summary import read_summary, write_summary
from companion.storage.store import Store
from tests.conftest import make_pair
from tests.readwatch import age, atimes, require_atime
from tests.test_loader import DECK, MODULE, lesson, write

OWN_DECK = DECK.split("  - id: half-term")[0]


def outside_tree(root: Path) -> list[Path]:
    """Write a valid module, lesson, deck and playbook under ``root``; age and return every path."""
    write(
        root,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-secret.md": lesson("secret-lesson"),
            "glossary/d.yaml": OWN_DECK,
            "playbook/p.md": "---\nid: p\ntitle: P\nsignals: []\n---\nBody\n",
            "curriculum.json": '{"key": "a cache planted elsewhere"}',
            "dashboard.json": "{}",
        },
    )
    paths = [root, *sorted(root.rglob("*"))]
    for path in paths:
        age(path)
    return paths


def own_data(data: Path) -> None:
    with Store.open(data, backup=False) as store:
        store.journal.save_pair(make_pair())


def test_a_symlinked_content_folder_is_named_and_the_shipped_curriculum_loads(
    tmp_path: Path,
) -> None:
    require_atime(tmp_path)
    data = tmp_path / "data"
    own_data(data)
    watched = outside_tree(tmp_path / "elsewhere")
    (data / "content").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    before = atimes(watched)

    loaded = [
        load_for(data / "content"),
        load_for(data / "content", cache=data / ".cache" / "curriculum.json"),
        load_for(data / "content", cache=data / ".cache" / "curriculum.json"),  # the cache hit
        Programme(data).data.check_content(None),
    ]
    assert deck_cards(data / "content") is None  # the import then loads all and names it
    with Store.open(data, backup=False) as store:
        warnings = store.warnings
    check = subprocess.run(
        [sys.executable, "-m", "companion.cli", "--data-dir", str(data), "content", "check"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )

    assert atimes(watched) == before, "the link's target was read"
    for curriculum, problems in loaded:
        assert curriculum.lessons and "secret-lesson" not in curriculum.lessons
        assert all(item.origin == "shipped" for item in curriculum.lessons.values())
        named = [p for p in problems if p.path == str(data / "content")]
        assert len(named) == 1 and "symbolic link" in named[0].message
    assert any(str(data / "content") in w and "symbolic link" in w for w in warnings)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"{data / 'content'}:1: it is a symbolic link" in check.stdout + check.stderr


def test_links_inside_content_are_skipped_named_and_never_read(tmp_path: Path) -> None:
    require_atime(tmp_path)
    data = tmp_path / "data"
    own_data(data)
    content = data / "content"
    write(content, {"05-sample/_module.md": MODULE, "05-sample/01-own.md": lesson("own")})
    elsewhere = tmp_path / "elsewhere"
    watched = outside_tree(elsewhere)
    links = {
        content / "06-sample": elsewhere / "01-sample",  # a module folder
        content / "05-sample" / "02-linked.md": elsewhere / "01-sample" / "01-secret.md",
        content / "glossary": elsewhere / "glossary",  # the deck folder itself
        content / "playbook": elsewhere / "playbook",
    }
    for link, target in links.items():
        link.symlink_to(target, target_is_directory=target.is_dir())
    before = atimes(watched)

    curriculum, problems = load_for(content)
    cached, cached_problems = load_for(content, cache=data / ".cache" / "curriculum.json")
    assert deck_cards(content) is None

    assert atimes(watched) == before, "a link's target was read"
    assert "own" in curriculum.lessons and "secret-lesson" not in curriculum.lessons
    assert "good-term" not in curriculum.cards and "p" not in curriculum.playbook
    for link in links:
        named = [p for p in problems if p.path == str(link)]
        assert len(named) == 1 and "symbolic link" in named[0].message, link
    assert cached.lessons.keys() == curriculum.lessons.keys() and cached_problems == problems


@pytest.mark.parametrize("where", [".cache", ".cache/curriculum.json", ".cache/dashboard.json"])
def test_a_symlinked_cache_is_neither_read_nor_written(tmp_path: Path, where: str) -> None:
    require_atime(tmp_path)
    data = tmp_path / "data"
    own_data(data)
    elsewhere = tmp_path / "elsewhere"
    watched = outside_tree(elsewhere)
    link = data / where
    link.parent.mkdir(mode=0o700, exist_ok=True)
    target = elsewhere if where == ".cache" else elsewhere / link.name
    link.symlink_to(target, target_is_directory=target.is_dir())
    contents = {str(p): p.read_bytes() for p in watched if p.is_file()}
    for path in watched:
        age(path)
    before = atimes(watched)

    cache = data / ".cache" / "curriculum.json"
    first, _ = load_for(data / "content", cache=cache)
    again, _ = load_for(data / "content", cache=cache)
    today = date(2026, 10, 1)
    write_summary(data, today, "a title", {})
    summary_usable = where == ".cache/curriculum.json"  # only then is .cache a real folder
    assert (read_summary(data, today) is not None) == summary_usable
    with Store.open(data, backup=False) as store:
        warnings = store.warnings

    assert atimes(watched) == before, "the link's target was read"
    assert {str(p): p.read_bytes() for p in watched if p.is_file()} == contents
    assert sorted(elsewhere.rglob("*")) == sorted(watched[1:]), "written through the link"
    assert link.is_symlink() and first.lessons.keys() == again.lessons.keys()
    if where == ".cache":
        assert any(str(link) in w and "symbolic link" in w for w in warnings)
