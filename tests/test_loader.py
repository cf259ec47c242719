"""The curriculum loader: every problem reported as path:line: message; valid items still load."""

from __future__ import annotations

from pathlib import Path

from companion.curriculum.loader import load_curriculum

MODULE = """---
id: sample
title: Sample module
order: 1
led_by: both
summary: A module for tests.
---
Introduction.
"""


def lesson(
    lesson_id: str, *, terms: str = "[good-term]", extra: str = "", body: str = "Body text."
) -> str:
    return f"""---
id: {lesson_id}
title: Lesson {lesson_id}
module: sample
order: 1
led_by: mentor
minutes: 45
objectives:
  - Learn a thing.
prompts:
  - What do you think?
activity: Do it together.
terms: {terms}
{extra}---
{body}
"""


DECK = """deck: test-deck
title: Test deck
cards:
  - id: good-term
    term: Good term
    definition: A term that is fine.
    example: This is a good term.
    audience: mentee
    tags: []
  - id: half-term
    term: Half a card
    example: It has no definition.
    audience: mentee
"""

PLAYBOOK = """---
id: drifting
title: Drifting apart
signals:
  - journal:sessions-overdue
  - checkin:speak-freely <= 2
  - journal:moon-phase
---
## Symptoms
"""


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def broken_tree(root: Path) -> None:
    write(
        root,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-good.md": lesson("good", body="See [next](lesson:good).\n\nMore."),
            "01-sample/02-bad-yaml.md": "---\nid: bad-yaml\ntitle: [unclosed\n---\nbody\n",
            "01-sample/03-missing.md": lesson("missing").replace("activity: Do it together.\n", ""),
            "01-sample/04-duplicate.md": lesson("good"),
            "01-sample/05-unknown-term.md": lesson(
                "unknown-term", terms="\n  - good-term\n  - no-such-term"
            ),
            "01-sample/06-empty.md": "",
            "01-sample/07-latin1.md": lesson("latin1")
            .encode("utf-8")
            .replace(b"Body text.", b"Caf\xe9"),
            "01-sample/08-bad-link.md": lesson(
                "bad-link", body="Intro.\n\nRead [this](lesson:nowhere)."
            ),
            "01-sample/09-no-front-matter.md": "Just text, no front matter.\n",
            "01-sample/10-wrong-module.md": lesson("wrong-module").replace(
                "module: sample", "module: other"
            ),
            "glossary/deck.yaml": DECK,
            "glossary/broken.yaml": "deck: broken\ncards:\n  - id: x\n    term: [oops\n",
            "playbook/drifting.md": PLAYBOOK,
            "misnamed/readme.md": "not a module",
        },
    )


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    broken_tree(tmp_path)
    curriculum, problems = load_curriculum([(tmp_path, "user")])
    found = [(Path(p.path).relative_to(tmp_path).as_posix(), p.line, p.message) for p in problems]
    expected = {
        ("01-sample/02-bad-yaml.md", 3, "invalid YAML"),
        ("01-sample/03-missing.md", 2, "activity: is required"),
        ("01-sample/04-duplicate.md", 2, "duplicate lesson id 'good'"),
        (
            "01-sample/05-unknown-term.md",
            15,
            "terms[2]: no glossary deck defines the term 'no-such-term'",
        ),
        ("01-sample/06-empty.md", 1, "the file is empty"),
        ("01-sample/07-latin1.md", 15, "not UTF-8 text"),
        ("01-sample/08-bad-link.md", 17, "link to unknown lesson 'nowhere'"),
        ("01-sample/09-no-front-matter.md", 1, "no front matter"),
        (
            "01-sample/10-wrong-module.md",
            4,
            "module is 'other' but the file is in the folder of module 'sample'",
        ),
        ("glossary/broken.yaml", 4, "invalid YAML"),
        ("glossary/deck.yaml", 10, "cards[2].definition: is required"),
        ("playbook/drifting.md", 7, "signals[3]: unknown journal pattern 'moon-phase'"),
        ("misnamed", 1, "not a module folder"),
    }
    assert len(found) == len(expected), "\n".join(map(str, problems))
    for path, line, start in expected:
        assert any(p == path and ln == line and m.startswith(start) for p, ln, m in found), (
            f"missing {path}:{line}: {start}\n" + "\n".join(map(str, problems))
        )
    assert all(str(p).startswith(f"{p.path}:{p.line}: ") for p in problems)
    # The valid items still load.
    assert set(curriculum.lessons) == {"good", "missing", "unknown-term", "bad-link"} - {"missing"}
    assert set(curriculum.cards) == {"good-term"}
    assert set(curriculum.modules) == {"sample"}
    assert curriculum.playbook == {}


def test_user_content_replaces_shipped_items_by_id(tmp_path: Path) -> None:
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    deck = DECK.split("  - id: half-term")[0]
    write(
        shipped,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-good.md": lesson("good"),
            "glossary/d.yaml": deck,
        },
    )
    write(user, {"01-sample/05-good.md": lesson("good", body="Our own version.")})
    curriculum, problems = load_curriculum([(shipped, "shipped"), (user, "user")])
    assert problems == []
    assert curriculum.lessons["good"].body == "Our own version."
    assert curriculum.lessons["good"].origin == "user"


def test_body_starts_after_front_matter(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-good.md": lesson("good"),
            "glossary/d.yaml": DECK.split("  - id: half-term")[0],
        },
    )
    curriculum, problems = load_curriculum([(tmp_path, "user")])
    good = curriculum.lessons["good"]
    assert problems == []
    assert good.body == "Body text."
    assert good.body_line == 15
    assert curriculum.modules["sample"].body == "Introduction."


def test_cache_is_used_until_a_content_file_changes(tmp_path: Path, monkeypatch) -> None:
    from companion.curriculum import loader, sources

    root = tmp_path / "user"
    write(
        root,
        {
            "01-sample/_module.md": MODULE,
            "01-sample/01-good.md": lesson("good"),
            "glossary/d.yaml": DECK.split("  - id: half-term")[0],
        },
    )
    cache = tmp_path / "cache" / "curriculum.json"
    first, _ = sources.load_for(root, cache=cache)
    assert cache.is_file() and "good" in first.lessons

    calls = []
    real = loader.load_curriculum
    monkeypatch.setattr(loader, "load_curriculum", lambda *args: calls.append(1) or real(*args))
    again, _ = sources.load_for(root, cache=cache)
    assert calls == [] and again.lessons["good"] == first.lessons["good"]

    path = root / "01-sample" / "01-good.md"
    path.write_text(path.read_text().replace("Body text.", "Changed body."))
    changed, _ = sources.load_for(root, cache=cache)
    assert calls == [1] and changed.lessons["good"].body == "Changed body."

    cache.write_text('{"key": "tampered"')
    assert sources.load_for(root, cache=cache)[0].lessons["good"].body == "Changed body."
