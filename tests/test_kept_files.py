"""A start after an edit reads only the files that changed, and loads what a full read loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.curriculum import files, kept_files, sources
from companion.curriculum.kept_files import KeptFiles, kept_path
from companion.curriculum.loader import load_curriculum
from companion.curriculum.records import FileRecord
from tests.test_loader import DECK, MODULE, PLAYBOOK, lesson, write


def tree(root: Path) -> None:
    """A user folder with good files and one of each kind of problem."""
    write(
        root,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-good.md": lesson("good", body="See [next](lesson:next)."),
            "01-sample/02-next.md": lesson("next", terms="[good-term, nowhere-term]"),
            "01-sample/03-twin.md": lesson("good"),  # a duplicate id
            "01-sample/04-bad.md": "---\nid: [unclosed\n---\nBody.\n",
            "01-sample/05-lost.md": lesson("lost", body="Off to [x](lesson:missing)."),
            "glossary/d.yaml": DECK,
            "playbook/drifting.md": PLAYBOOK,
        },
    )


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the content files read from disk, in order."""
    seen: list[str] = []
    real = files.read_text

    def counted(path: Path) -> str:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(files, "read_text", counted)
    return seen


def load(root: Path, cache: Path):
    return sources.load_for(root, cache=cache)


def full(root: Path):
    roots = sources.content_roots(root)
    curriculum, problems = load_curriculum(roots)
    return curriculum, sorted(problems)


def user_reads(reads: list[str], root: Path) -> list[str]:
    names = {path.name for path in root.rglob("*") if path.is_file()}
    return [name for name in reads if name in names]


def test_after_an_edit_only_the_changed_file_is_read(tmp_path: Path, reads) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    first = load(root, cache)
    assert "02-next.md" in reads and first == full(root)

    reads.clear()
    path = root / "01-sample" / "02-next.md"
    path.write_text(lesson("next", body="A new body."), encoding="utf-8")
    again = load(root, cache)
    assert reads == ["02-next.md"]
    assert again[0].lessons["next"].body == "A new body."
    assert again == full(root)


def test_kept_records_give_every_problem_a_full_read_gives(tmp_path: Path, reads) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    # A new lesson makes the cache stale; every other file's record is kept.
    write(root, {"01-sample/06-new.md": lesson("new")})
    reads.clear()
    curriculum, problems = load(root, cache)
    assert user_reads(reads, root) == ["06-new.md"]
    messages = [problem.message for problem in problems]
    assert any("duplicate lesson id 'good'" in m for m in messages)
    assert any("nowhere-term" in m for m in messages)
    assert any("invalid YAML" in m for m in messages)
    assert any("link to unknown lesson 'missing'" in m for m in messages)
    assert any("definition" in m for m in messages)  # the half card in the deck
    assert any("moon-phase" in m for m in messages)  # the playbook's unknown signal
    assert (curriculum, problems) == full(root)


def test_a_fixed_file_clears_its_problem_and_a_removed_file_its_items(tmp_path: Path) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    (root / "01-sample" / "04-bad.md").write_text(lesson("fixed"), encoding="utf-8")
    (root / "01-sample" / "05-lost.md").unlink()
    curriculum, problems = load(root, cache)
    assert "fixed" in curriculum.lessons and "lost" not in curriculum.lessons
    assert not any("invalid YAML" in problem.message for problem in problems)
    assert (curriculum, problems) == full(root)


def test_a_file_rewritten_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    path = root / "01-sample" / "02-next.md"
    before = path.stat()
    replaced = path.with_name("02-next.tmp")
    text = lesson("next", terms="[good-term, nowhere-term]", body="Text  two.")
    assert len(text) == len(path.read_text(encoding="utf-8"))
    replaced.write_text(text, encoding="utf-8")
    os.utime(replaced, ns=(before.st_atime_ns, before.st_mtime_ns))
    replaced.replace(path)  # what an editor or a restore does: a new inode
    (root / "01-sample" / "07-stale.md").write_text(lesson("stale"), encoding="utf-8")
    curriculum, _ = load(root, cache)
    assert curriculum.lessons["next"].body == "Text  two."


def test_records_that_do_not_validate_are_not_used(tmp_path: Path, reads) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    records = kept_path(cache)
    assert records.is_file() and records.stat().st_mode & 0o777 == 0o600
    tampered = records.read_bytes().replace(b'"minutes":45', b'"minutes":"a while"', 1)
    assert tampered != records.read_bytes()
    records.write_bytes(tampered)
    write(root, {"01-sample/06-new.md": lesson("new")})
    reads.clear()
    result = load(root, cache)
    assert "02-next.md" in reads and result == full(root)


def test_records_of_another_version_are_not_used(tmp_path: Path, reads) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    records = kept_path(cache)
    records.write_bytes(records.read_bytes().replace(kept_files.VERSION.encode(), b"2:0.0.9", 1))
    write(root, {"01-sample/06-new.md": lesson("new")})
    reads.clear()
    load(root, cache)
    assert "02-next.md" in reads


def test_records_behind_a_link_are_never_read(tmp_path: Path) -> None:
    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    records, elsewhere = kept_path(cache), tmp_path / "elsewhere.json"
    records.replace(elsewhere)
    records.symlink_to(elsewhere)
    lesson_path = root / "01-sample" / "02-next.md"
    for where, reads_again in ((records, [1]), (elsewhere, [])):
        called: list[int] = []
        KeptFiles.load(where).record_for(
            lesson_path, "user", lambda called=called: called.append(1) or FileRecord()
        )
        assert called == reads_again  # the same records from a real file are used


def test_a_start_from_the_cache_parses_nothing(tmp_path: Path) -> None:
    """With the cache valid, neither markdown-it nor yaml is even imported."""
    import subprocess
    import sys

    root, cache = tmp_path / "content", tmp_path / ".cache" / "curriculum.json"
    tree(root)
    load(root, cache)
    child = (
        "import sys\nfrom pathlib import Path\n"
        "from companion.curriculum.sources import load_for\n"
        f"curriculum, _ = load_for(Path({str(root)!r}), Path({str(cache)!r}))\n"
        "print(sorted(curriculum.lessons), 'markdown_it' in sys.modules, 'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [*str(sorted(full(root)[0].lessons)).split(), "False", "False"]


VARIANTS = [
    lesson("good"),
    lesson("good", body="Another body, see [next](lesson:next)."),
    lesson("next"),
    lesson("next", terms="[nowhere]"),
    lesson("third", body="To [x](lesson:gone)."),
    "---\nid: [unclosed\n---\nBody.\n",
    "---\nid: broken\n---\nNo title or module.\n",
    "no front matter at all\n",
    DECK,
    PLAYBOOK,
]
NAMES = ["01-sample/01-a.md", "01-sample/02-b.md", "01-sample/03-c.md", "glossary/d.yaml"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(NAMES), st.sampled_from([*range(len(VARIANTS)), None])),
        min_size=1,
        max_size=6,
    )
)
def test_any_run_of_edits_loads_what_a_full_read_loads(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int | None]]
) -> None:
    """Edit, add and delete files between starts: each start equals a load from scratch."""
    base = tmp_path_factory.mktemp("edits")
    root, cache = base / "content", base / ".cache" / "curriculum.json"
    write(root, {"01-sample/_module.md": MODULE, "glossary/d.yaml": DECK})
    load(root, cache)
    for name, variant in edits:
        path = root / name
        if variant is None:
            path.unlink(missing_ok=True)
        else:
            write(root, {name: VARIANTS[variant]})
        assert load(root, cache) == full(root)
