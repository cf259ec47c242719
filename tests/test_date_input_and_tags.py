import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.date_input import DateInputError, parse_date_input
from companion.domain.tags import normalise_tags

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("2026-2-3", date(2026, 2, 3)),
        ("30/11/2026", date(2026, 11, 30)),
        ("1.12.2026", date(2026, 12, 1)),
        ("today", TODAY),
        (" Tomorrow ", date(2026, 12, 1)),
        ("yesterday", date(2026, 11, 29)),
        ("+7d", date(2026, 12, 7)),
        ("+2w", date(2026, 12, 14)),
        ("-3d", date(2026, 11, 27)),
        ("+1", date(2026, 12, 1)),
    ],
)
def test_accepted_spellings(text: str, expected: date) -> None:
    understood = parse_date_input(text, TODAY)
    assert understood.value == expected
    assert str(expected.day) in understood.said


def test_says_what_it_understood() -> None:
    assert parse_date_input("tomorrow", TODAY).said == "Tomorrow: Tuesday 1 December 2026"
    assert parse_date_input("30/11/2026", TODAY).said == "Monday 30 November 2026"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-02-30", "not a real date"),
        ("31/04/2026", "not a real date"),
        ("9999-12-31", "between 1970 and 2100"),
        ("1969-12-31", "between 1970 and 2100"),
        ("-9999w", "between 1970 and 2100"),
        ("next week", "not a date Companion understands"),
        ("", "Type a date"),
    ],
)
def test_refusals_are_sentences(text: str, words: str) -> None:
    with pytest.raises(DateInputError, match=words):
        parse_date_input(text, TODAY)


@given(st.text(max_size=30))
def test_never_raises_anything_else(text: str) -> None:
    with contextlib.suppress(DateInputError):
        parse_date_input(text, TODAY)


def test_tags_one_rule() -> None:
    assert normalise_tags(" AI,  social   media , ai, Social Media,,x ") == [
        "AI",
        "social media",
        "x",
    ]
    assert normalise_tags(["a, b", "B", " c "]) == ["a", "b", "c"]
    assert normalise_tags("") == []
