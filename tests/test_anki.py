"""The Anki round trip: reading real-looking exports and writing files Anki imports."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.anki import ExportCard, parse_anki, write_anki
from companion.domain.card_import import plan_import
from companion.domain.cards import Card, CardState
from companion.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "anki"


def test_html_export_with_guid_notetype_deck_and_tags_columns() -> None:
    parsed = parse_anki((FIXTURES / "anki_html_export.txt").read_text(), "anki_html_export.txt")
    assert [r.term for r in parsed.rows] == ["MFA", "Phishing", "TL;DR"]
    mfa, phishing, tldr = parsed.rows
    assert mfa.definition == "Signing in with two kinds of proof.\nOften a code."
    assert mfa.tags == ("security", "login") and mfa.guid == "f8Xq!2Kd"
    assert mfa.deck == "Companion::Tech words" and mfa.notetype == "Basic"
    assert (
        phishing.definition
        == "A fake message that tries to get your password & details,\nusually by email."
    )
    assert phishing.line == 8
    assert tldr.definition == '"Too long; didn\'t read": a summary.'
    assert parsed.problems == [
        (13, "the term (first field) is empty"),
        (14, "needs at least two fields (the term and its definition)"),
    ]


def test_named_separator_columns_and_doubled_quotes() -> None:
    parsed = parse_anki((FIXTURES / "semicolon_plain.txt").read_text())
    assert parsed.separator == ";" and not parsed.html
    assert [(r.term, r.example, r.tags) for r in parsed.rows] == [
        ("run-rate", "Our run-rate is 2 million.", ("finance", "planning")),
        ("EBITDA", "", ("finance",)),
        ('Stakeholder "map"', "We drew the map before the meeting.", ()),
    ]


def test_plain_csv_is_read_by_its_extension() -> None:
    parsed = parse_anki((FIXTURES / "plain.csv").read_text(), "plain.csv")
    assert [r.term for r in parsed.rows] == ["Scope creep", "Pre-wire"]  # header row skipped
    assert parsed.rows[1].example == "She pre-wired the board, one by one."


def test_a_broken_tail_is_reported_and_the_rest_kept() -> None:
    parsed = parse_anki((FIXTURES / "pipe_broken_tail.txt").read_text())
    assert [r.term for r in parsed.rows] == ["lowkey", "ghosting"]
    assert len(parsed.problems) == 1 and parsed.problems[0][0] == 5


def test_unknown_separator_is_a_clear_problem() -> None:
    assert parse_anki("#separator:Hash\na#b\n").problems == [(1, "unknown separator 'Hash'")]


printable = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"),
            blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(lambda s: s and not s.startswith("#"))
)
tag = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            printable,
            printable,
            st.one_of(st.just(""), printable),
            st.lists(tag, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0].lower(),
    )
)
def test_export_then_import_gives_the_same_cards(
    rows: list[tuple[str, str, str, list[str]]],
) -> None:
    cards = [
        ExportCard(f"card-{i}", term, definition, example, tuple(tags))
        for i, (term, definition, example, tags) in enumerate(rows)
    ]
    parsed = parse_anki(write_anki(cards, "My deck"))
    assert parsed.problems == []
    back = [ExportCard(r.guid, r.term, r.definition, r.example, r.tags) for r in parsed.rows]
    assert back == cards
    assert {r.deck for r in parsed.rows} == {"My deck"}


def card(card_id: str, term: str) -> Card:
    return Card(id=card_id, term=term, definition="old", deck="business", audience="mentor")


def test_known_terms_update_in_place_new_terms_are_added() -> None:
    existing = {"ebitda": card("ebitda", "EBITDA")}
    parsed = parse_anki((FIXTURES / "semicolon_plain.txt").read_text())
    plan = plan_import(parsed.rows, existing, deck="Finance words")
    assert (plan.added, plan.updated) == (2, 1)
    updated = next(c for c in plan.cards if c.id == "ebitda")
    assert updated.definition.startswith("Earnings before") and updated.audience == "mentor"
    assert {c.deck for c in plan.cards if c.id != "ebitda"} == {"finance-words"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_import_cards_command_keeps_history_and_reports_skipped_lines(tmp_path: Path) -> None:
    data = tmp_path / "data"
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Store.open(data) as store:
        store.cards.put_card(
            Card(id="mfa", term="MFA", definition="old words", deck="mine", audience="mentee")
        )
        store.cards.put_state(
            CardState(card_id="mfa", role="mentee", due=now, reviews=3, stability=4.0)
        )
    result = run(
        "import-cards",
        str(FIXTURES / "anki_html_export.txt"),
        "--for",
        "mentee",
        "--data-dir",
        str(data),
    )
    assert result.returncode == 0, result.stderr
    # Our own MFA card is updated; a shipped term whose definition differs is kept as it is.
    summary = re.fullmatch(
        r"added (\d+), updated (\d+), skipped 2, kept (\d+) shipped cards? unchanged "
        r"\(--update-shipped replaces (its definition|their definitions)\)",
        result.stdout.strip(),
    )
    assert summary is not None, result.stdout
    assert int(summary[1]) + int(summary[2]) + int(summary[3]) == 3 and int(summary[2]) >= 1
    assert "shipped card “" in result.stderr and "(kept; --update-shipped replaces it)" in (
        result.stderr
    )
    assert (
        f"{FIXTURES / 'anki_html_export.txt'}:13: the term (first field) is empty (skipped)"
        in result.stderr
    )
    with Store.open(data, readonly=True) as store:
        mfa = next(c for c in store.cards.cards() if c.id == "mfa")
        assert mfa.definition.startswith("Signing in with two kinds")
        assert store.cards.state("mfa", "mentee").reviews == 3  # history kept


def test_export_anki_then_import_into_a_new_folder(tmp_path: Path) -> None:
    first, second, out = tmp_path / "a", tmp_path / "b", tmp_path / "deck.txt"
    assert (
        run(
            "import-cards",
            str(FIXTURES / "own_terms.txt"),
            "--deck",
            "Finance words",
            "--for",
            "mentor",
            "--data-dir",
            str(first),
        ).returncode
        == 0
    )
    exported = run(
        "export",
        "--format",
        "anki",
        "--deck",
        "Finance words",
        "-o",
        str(out),
        "--data-dir",
        str(first),
    )
    assert exported.returncode == 0, exported.stderr
    text = out.read_text()
    assert text.startswith(
        "#separator:tab\n#html:false\n#notetype:Basic\n#deck:Finance words\n"
        "#guid column:1\n#tags column:4\n"
    )
    again = run("export", "--format", "anki", "--deck", "Finance words", "--data-dir", str(first))
    assert again.stdout == text  # ids stable across exports
    assert (
        run("import-cards", str(out), "--for", "mentor", "--data-dir", str(second)).returncode == 0
    )
    with Store.open(first, readonly=True) as a, Store.open(second, readonly=True) as b:

        def key(c: Card) -> tuple[str, str, str, str, list[str]]:
            return (c.id, c.term, c.definition, c.example, c.tags)

        assert sorted(map(key, a.cards.cards())) == sorted(map(key, b.cards.cards()))
