"""Hostile lessons and glossary decks in the content folder (hypothesis).

Each damage (truncated, random bytes, invalid UTF-8, NUL bytes, deep nesting,
values of the wrong type, 10 MB fields, a 50 MB file) gives problems that name
the file and a line, never a traceback; the file is never written; the other
files of the folder still load.
"""

from __future__ import annotations

import shutil
import tempfile
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.curriculum.deck_cards import deck_cards
from companion.curriculum.files import MAX_CONTENT_FILE
from companion.curriculum.loader import load_curriculum
from tests.test_loader import DECK, MODULE, lesson

GOOD_DECK = DECK.split("  - id: half-term")[0]
FILES = {
    "01-sample/_module.md": MODULE,
    "01-sample/01-good.md": lesson("good"),
    "01-sample/02-target.md": lesson("target"),
    "glossary/deck.yaml": GOOD_DECK,
    "glossary/target.yaml": GOOD_DECK.replace("test-deck", "other-deck").replace(
        "good-term", "other-term"
    ),
}
TARGETS = ["01-sample/02-target.md", "glossary/target.yaml"]

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@st.composite
def damage(draw: st.DrawFn, original: str, is_deck: bool) -> bytes:
    """One kind of damage to a lesson or deck file."""
    raw = original.encode()
    how = draw(
        st.sampled_from(
            ["truncate", "random", "bad-utf8", "nul", "deep", "wrong-type", "huge-field"]
        )
    )
    if how == "truncate":
        return raw[: draw(st.integers(0, len(raw) - 1))]
    if how == "random":
        return draw(st.binary(max_size=300))
    if how in {"bad-utf8", "nul"}:
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + (b"\xff\xfe\xc3" if how == "bad-utf8" else b"\x00") + raw[at:]
    field = draw(st.sampled_from(["term", "definition"] if is_deck else ["title", "minutes"]))
    indent = "    " if is_deck else ""
    start = original.index(f"{indent}{field}:")
    end = original.index("\n", start)
    if how == "deep":
        depth = draw(st.sampled_from([50, 1000, 5000]))
        value = "[" * depth + "]" * depth if draw(st.booleans()) else "{a: " * depth + "}" * depth
    elif how == "wrong-type":
        value = yaml.safe_dump(draw(values), default_flow_style=True).strip().replace("\n", " ")
        value = value.removesuffix("...").strip()
    else:
        value = "x" * 10_000_000
    return (original[:start] + f"{indent}{field}: {value}" + original[end:]).encode()


def _tree(root: Path) -> None:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_hostile_content_file_is_named_and_the_rest_loads(data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(TARGETS))
    payload = data.draw(damage(FILES[target], target.endswith(".yaml")))
    root = Path(tempfile.mkdtemp()) / "content"
    try:
        _tree(root)
        (root / target).write_bytes(payload)
        curriculum, problems = load_curriculum([(root, "user")])
        for problem in problems:
            assert problem.line >= 1
            # Damage is reported against the damaged file (or a lesson's term it removed).
            assert problem.path == str(root / target) or "no glossary deck" in problem.message
        assert (root / target).read_bytes() == payload, "content files are never written"
        # The other files still load.
        assert "good" in curriculum.lessons and "good-term" in curriculum.cards
        assert "sample" in curriculum.modules
        # The import's deck reader never fails differently: it loads the same cards, or defers.
        fast = deck_cards(root)
        if fast is not None:
            own = {k: v for k, v in fast.items() if v.source.kind == "user"}
            assert own == curriculum.cards
    finally:
        shutil.rmtree(root.parent)


@pytest.mark.parametrize("name", ["01-sample/02-target.md", "glossary/target.yaml"])
def test_a_50_mb_content_file_is_refused_unread(tmp_path: Path, name: str) -> None:
    root = tmp_path / "content"
    _tree(root)
    with (root / name).open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: 50 MB by its size
    tracemalloc.start()
    try:
        curriculum, problems = load_curriculum([(root, "user")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in problems] == [
        f"{root / name}:1: cannot be read: it is 50 MB, "
        f"over the {MAX_CONTENT_FILE // 2**20} MB limit for a content file"
    ]
    assert peak < 5 * 2**20, f"{peak} bytes allocated: the file was read"
    assert "good" in curriculum.lessons and "good-term" in curriculum.cards
