"""Real-style Anki exports (tests/fixtures/anki/) give exactly the cards their .expected.json lists.

The files were written in the formats Anki's manual (importing/text-files.md) and
its importer and exporter (rslib/src/import_export/text/csv) document: the six
semicolon examples of the manual, notes exports with guid, note type, deck and
tags columns, card exports, BOM, CRLF, quoted newlines and spreadsheet leftovers.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from companion.domain.anki import SEPARATORS, parse_anki, write_anki
from companion.domain.card_import import export_cards, plan_import
from companion.domain.cards import Card

FIXTURES = Path(__file__).parent / "fixtures" / "anki"
FILES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json"))


def test_every_fixture_has_its_expected_cards() -> None:
    assert len(FILES) >= 15
    missing = [p.name for p in FILES if not p.with_name(p.name + ".expected.json").exists()]
    assert missing == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_reads_as_expected(path: Path) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text("utf-8"))
    parsed = parse_anki(path.read_bytes().decode("utf-8"), path.name)
    assert parsed.separator == SEPARATORS[expected["separator"]]
    assert parsed.html is expected["html"]
    rows = [
        {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(r).items()}
        for r in parsed.rows
    ]
    blank = {"example": "", "tags": [], "guid": "", "deck": "", "notetype": ""}
    assert rows == [{**blank, **card} for card in expected["cards"]]
    assert [tuple(p) for p in expected["problems"]] == parsed.problems


def test_the_manuals_six_semicolon_examples_all_import() -> None:
    counts = [
        len(parse_anki((FIXTURES / f"manual_{n}_{name}.txt").read_text()).rows)
        for n, name in enumerate(
            [
                "three_fields",
                "quoted_newlines",
                "escaped_quotes",
                "html_newlines",
                "tags_field",
                "comment",
            ],
            start=1,
        )
    ]
    assert counts == [2, 3, 1, 2, 1, 2]


@pytest.mark.parametrize(
    ("spelling", "sep"),
    [
        ("Tab", "\t"),
        ("tab", "\t"),
        ("\t", "\t"),
        ("Pipe", "|"),
        ("|", "|"),
        ("Semicolon", ";"),
        ("SEMICOLON;;;", ";"),
        (";", ";"),
        ("Comma", ","),
        (",,,,", ","),
        ("Space", " "),
        (" ", " "),
        ("Colon", ":"),
        (":", ":"),
        ("Pipe,,,,,,,", "|"),
        ("Tab\t\t", "\t"),
        ("\t|,:", "\t"),
    ],
)
def test_every_separator_spelling_anki_writes(spelling: str, sep: str) -> None:
    body = sep.join(["Pivot", "Turn"])
    parsed = parse_anki(f"#separator:{spelling}\n{body}\n")
    assert parsed.separator == sep
    assert [(r.term, r.definition) for r in parsed.rows] == [("Pivot", "Turn")]


@pytest.mark.parametrize(
    ("first", "sep"),
    [
        ("a\tb|c;d:e,f", "\t"),
        ("a|b;c:d,e", "|"),
        ("a;b:c,d", ";"),
        ("a:b,c", ":"),
        ("a,b", ","),
        ("a b", " "),
        ('"x;y",z', ","),
    ],
)
def test_separator_detected_in_ankis_order(first: str, sep: str) -> None:
    assert (
        parse_anki(f"#html:false\n#deck:X\n{first}\nlater\tline;with,all|of:them\n").separator
        == sep
    )


def test_a_csv_file_prefers_the_comma_to_a_colon() -> None:
    text = "API,An interface: how programs talk\n"
    assert parse_anki(text, "terms.csv").separator == ","
    assert parse_anki(text, "terms.txt").separator == ":"


def test_header_keys_in_any_order_and_case() -> None:
    text = "#Tags Column:3\n#COLUMNS:Back|Front|Tags\n#Separator:PIPE\n#tags:all\nB|F|t1 t2\n"
    (row,) = parse_anki(text).rows
    assert (row.term, row.definition, row.tags) == ("F", "B", ("t1", "t2", "all"))


def test_old_style_tags_line_only_counts_first() -> None:
    assert parse_anki("tags:a b\nx,y\n").rows[0].tags == ("a", "b")
    assert parse_anki("#c\ntags:a b\tc\nx\ty\n").rows[0].term == "tags:a b"


def test_guids_survive_import_and_export(tmp_path: Path) -> None:
    parsed = parse_anki((FIXTURES / "notes_all_columns_bom_crlf.txt").read_text("utf-8-sig"))
    plan = plan_import(parsed.rows, {})
    by_term = {c.term: c for c in plan.cards}
    assert by_term["Two-factor login"].guid == "Ol&v<J5"
    assert by_term["Two-factor login"].deck == "tech-and-culture"  # Companion:: is ours
    assert by_term["Managing up"].deck == "work-leadership"
    text = write_anki(export_cards(plan.cards))
    assert text.startswith(
        "#separator:tab\n#html:false\n#notetype:Basic\n#guid column:1\n#deck column:2\n"
        "#tags column:5\n"
    )
    assert "Ol&v<J5\tCompanion::Tech and culture\tTwo-factor login\t" in text
    again = parse_anki(text)
    assert [r.guid for r in again.rows] == ["Ol&v<J5", "b7@Qs`1Lm!", "e5Ty&uu8"]
    # Re-importing matches by guid even when the term changed in Anki.
    renamed = text.replace("Two-factor login", "2FA")
    replan = plan_import(parse_anki(renamed).rows, {c.id: c for c in plan.cards})
    assert (replan.added, replan.updated) == (0, 3)
    assert next(c for c in replan.cards if c.guid == "Ol&v<J5").term == "2FA"


def test_own_cards_export_their_id_as_guid_and_one_deck_each() -> None:
    cards = [
        Card(id="ebitda", term="EBITDA", definition="d", deck="business", audience="mentee"),
        Card(id="meme", term="Meme", definition="d", deck="tech-and-culture", audience="mentee"),
    ]
    rows = parse_anki(write_anki(export_cards(cards))).rows
    assert [(r.guid, r.deck, r.notetype) for r in rows] == [
        ("ebitda", "Companion::Business", "Basic"),
        ("meme", "Companion::Tech and culture", "Basic"),
    ]
    one = parse_anki(write_anki(export_cards(cards), "My deck")).rows
    assert {r.deck for r in one} == {"My deck"}
    # A guid that begins with '#' is quoted, so Anki does not read the line as a comment.
    odd = write_anki(export_cards([cards[0].model_copy(update={"guid": "#x1"})]))
    assert parse_anki(odd).rows[0].guid == "#x1"


def test_stored_cards_without_a_guid_still_load() -> None:
    old = {"id": "a", "term": "A", "definition": "B", "deck": "d", "audience": "mentor"}
    assert Card.model_validate(old).guid == ""
    assert Card.model_validate(old).anki_guid == "a"


def test_import_then_export_on_the_command_line_keeps_guids(tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "companion.cli", *args, "--data-dir", str(tmp_path / "d")],
            capture_output=True,
            text=True,
            timeout=120,
        )

    fixture = str(FIXTURES / "notes_all_columns_bom_crlf.txt")
    kept = run("import-cards", fixture)
    assert kept.returncode == 0, kept.stderr
    assert "shipped card “Managing up”" in kept.stderr and "kept 2 shipped cards" in kept.stdout
    unchanged = {r.term: r for r in parse_anki(run("export", "--format", "anki").stdout).rows}
    assert unchanged["Managing up"].guid == "managing-up"  # the shipped card, untouched
    imported = run("import-cards", fixture, "--update-shipped")
    assert imported.returncode == 0, imported.stderr
    assert "(replaced)" in imported.stderr and "kept" not in imported.stdout
    assert 'images are not supported; the alt text was "A red apple" (skipped)' in imported.stderr
    exported = run("export", "--format", "anki")
    assert exported.returncode == 0, exported.stderr
    rows = {r.term: r for r in parse_anki(exported.stdout).rows}
    assert rows["Two-factor login"].guid == "Ol&v<J5"
    assert rows["Two-factor login"].deck == "Companion::Tech and culture"
    assert rows["Managing up"].guid == "b7@Qs`1Lm!"
    # "Managing up" is a shipped term: --update-shipped updated that card, in its own deck.
    assert rows["Managing up"].deck == "Companion::Business"
    assert {r.notetype for r in rows.values()} == {"Basic"}
