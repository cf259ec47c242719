"""The shipped curriculum: complete, consistent, and written once (no shared sentences)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from functools import cache

import pytest
import yaml

from companion.curriculum.catalogue import Curriculum
from companion.curriculum.loader import load_curriculum
from companion.curriculum.locations import shipped_content_dir

SECTIONS = ["Why it matters", "Key ideas", "Try it together", "Reflect", "Going further"]
MODULE_MINIMUMS = {"getting-started": 6, "tech": 10, "leadership": 9, "two-way": 5}
MODULE_LEADERS = {
    "getting-started": "both",
    "tech": "mentor",
    "leadership": "mentee",
    "two-way": "both",
}
PLAYBOOK = {
    "age-and-status-gap",
    "resistance-to-change",
    "sessions-slipping",
    "keeping-it-engaging",
    "goals-out-of-line",
    "fear-of-upward-feedback",
    "confidentiality-worries",
    "pair-not-clicking",
}


@cache
def loaded() -> tuple[Curriculum, tuple[str, ...]]:
    curriculum, problems = load_curriculum([(shipped_content_dir(), "shipped")])
    return curriculum, tuple(map(str, problems))


def shipped() -> Curriculum:
    return loaded()[0]


def test_shipped_content_has_no_problems() -> None:
    assert loaded()[1] == ()


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’&-]*", text))


def test_content_check_passes_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion.cli", "content", "check", str(shipped_content_dir())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("content ok: 4 modules, ")


def test_modules_and_lesson_counts() -> None:
    curriculum = shipped()
    assert [m.id for m in curriculum.ordered_modules()] == list(MODULE_MINIMUMS)
    assert len(curriculum.lessons) >= 30
    for module_id, minimum in MODULE_MINIMUMS.items():
        lessons = curriculum.lessons_of(module_id)
        assert len(lessons) >= minimum, module_id
        assert {lesson.led_by for lesson in lessons} == {MODULE_LEADERS[module_id]}, module_id
        assert [lesson.order for lesson in lessons] == list(range(1, len(lessons) + 1)), module_id
    assert len(curriculum.modules["getting-started"].ground_rules) >= 5


@pytest.mark.parametrize("lesson_id", sorted(shipped().lessons))
def test_every_lesson_is_complete(lesson_id: str) -> None:
    lesson = shipped().lessons[lesson_id]
    assert 2 <= len(lesson.objectives) <= 4
    assert 3 <= len(lesson.prompts) <= 6
    assert 3 <= len(lesson.terms) <= 8
    assert all(term in shipped().cards for term in lesson.terms)
    assert 30 <= lesson.minutes <= 60
    assert words(lesson.activity) >= 12, "the activity must be concrete"
    assert 400 <= words(lesson.body) <= 900, words(lesson.body)
    headings = re.findall(r"^## (.+?)\s*$", lesson.body, re.MULTILINE)
    assert headings == SECTIONS
    assert not re.search(r"^# ", lesson.body, re.MULTILINE), "no H1: the app shows the title"
    try_it = lesson.body.split("## Try it together", 1)[1].split("## Reflect", 1)[0]
    assert len(re.findall(r"^\d+\. ", try_it, re.MULTILINE)) >= 3, "numbered steps"


LIST_OR_TABLE = re.compile(r"^\s*([-*+]|\d+\.|\|)\s")


def unwrap(text: str) -> str:
    """Join wrapped lines back into their sentences; list items and table rows stay apart."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and line.strip() and lines[-1].strip() and not LIST_OR_TABLE.match(line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", unwrap(text))
    plain = re.sub(r"[*_`>#|]", " ", plain)
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", plain):
        tokens = re.findall(r"[a-z0-9'’]+", sentence.lower())
        if len(tokens) >= 8:
            out.append(" ".join(tokens))
    return out


def test_no_two_lessons_share_a_sentence_of_eight_words_or_more() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for lesson in shipped().lessons.values():
        text = "\n".join([lesson.body, lesson.activity, *lesson.objectives, *lesson.prompts])
        for sentence in set(sentences(text)):
            seen[sentence].add(lesson.id)
    shared = {s: ids for s, ids in seen.items() if len(ids) > 1}
    assert shared == {}


def test_the_check_for_shared_sentences_can_fail() -> None:
    text = "The pair agrees on a clear purpose for every single session together."
    wrapped = "The pair agrees on a clear purpose\nfor every single session together."
    assert sentences(text) == sentences(wrapped) == sentences("  " + text + "  ")
    assert sentences("Too short to count here.") == []
    items = (
        "- one item with enough words to count as one\n"
        "- another list item with plenty of words to count here"
    )
    assert len(sentences(items)) == 2


def test_glossary_decks_meet_their_counts_and_audiences() -> None:
    folder = shipped_content_dir() / "glossary"
    tech = yaml.safe_load((folder / "tech-and-culture.yaml").read_text(encoding="utf-8"))
    business = yaml.safe_load((folder / "business.yaml").read_text(encoding="utf-8"))
    assert len(tech["cards"]) >= 120 and {c["audience"] for c in tech["cards"]} == {"mentee"}
    assert len(business["cards"]) >= 80 and {c["audience"] for c in business["cards"]} == {"mentor"}
    for card in tech["cards"] + business["cards"]:
        assert set(card) >= {"id", "term", "definition", "example", "tags"}, card["id"]
        assert card["example"].strip() and card["definition"].strip(), card["id"]
        assert len(re.findall(r"[.!?](\s|$)", card["definition"].strip())) <= 2, card["id"]
    slang = [c for c in tech["cards"] if {"slang", "abbreviations"} & set(c["tags"])]
    assert len(slang) >= 20


def test_playbook_covers_every_challenge_with_moves_and_a_script() -> None:
    playbook = shipped().playbook
    assert set(playbook) >= PLAYBOOK
    for entry in playbook.values():
        assert entry.signals, entry.id
        headings = re.findall(r"^## (.+?)\s*$", entry.body, re.MULTILINE)
        assert headings[:2] == ["Symptoms", "Moves"], entry.id
        assert any(h.startswith("Script") for h in headings), entry.id
        moves = entry.body.split("## Moves", 1)[1].split("\n## ", 1)[0]
        assert 3 <= len(re.findall(r"^\d+\. ", moves, re.MULTILINE)) <= 5, entry.id
