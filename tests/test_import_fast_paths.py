"""The card import's shortcuts give exactly what the long way gives.

The command line matches rows against the decks alone (not the whole
curriculum), trusts cards it has just validated, and appends batches without
TinyDB's whole-table conversion; each shortcut is checked against the long way.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from companion.curriculum.deck_cards import deck_cards
from companion.curriculum.sources import load_for
from companion.domain.anki import parse_anki
from companion.domain.cards import Card
from companion.programme.core import Programme
from companion.storage.store import Store

ROWS = "#separator:tab\n#html:false\n" + "".join(
    f"Term {n}\tWhat term {n} means.\n" for n in range(1200)
)


def test_the_deck_reader_gives_the_curriculum_s_cards(tmp_path: Path) -> None:
    shipped = next(iter(load_for(None)[0].cards.values()))
    content = tmp_path / "content" / "glossary"
    content.mkdir(parents=True)
    (content / "mine.yaml").write_text(
        "deck: mine\ntitle: Mine\ncards:\n  - id: own-term\n    term: Own term\n"
        "    definition: Ours.\n    example: We use it.\n    audience: mentor\n"
        f"  - id: {shipped.id}\n    term: {json.dumps(shipped.term)}\n"
        "    definition: Our own words.\n"
        "    example: We say it so.\n    audience: mentee\n",
        encoding="utf-8",
    )
    full, problems = load_for(tmp_path / "content")
    assert problems == []
    assert deck_cards(tmp_path / "content") == full.cards
    assert full.cards[shipped.id].definition == "Our own words."  # the user's replaces it
    assert deck_cards(None) == load_for(None)[0].cards


def test_a_deck_problem_falls_back_to_the_full_loader(tmp_path: Path) -> None:
    glossary = tmp_path / "data" / "content" / "glossary"
    glossary.mkdir(parents=True, mode=0o700)
    (glossary / "bad.yaml").write_text("deck: bad\ncards: [oops\n", encoding="utf-8")
    assert deck_cards(tmp_path / "data" / "content") is None
    with Programme.opened(tmp_path / "data") as programme:
        result = programme.cards.import_parsed(parse_anki(ROWS, "rows.txt"))
        assert result.added == 1200
        assert "curriculum" in vars(programme), "the full loader names the problem"
        assert any("bad.yaml" in str(p) for p in programme.content_problems)


def test_an_import_from_the_command_line_reads_no_lesson(tmp_path: Path) -> None:
    with Programme.opened(tmp_path / "data") as programme:
        result = programme.cards.import_parsed(parse_anki(ROWS, "rows.txt"))
        assert (result.added, result.problems) == (1200, [])
        assert "curriculum" not in vars(programme)
        # A term a shipped deck already has is matched, as with the full curriculum.
        shipped = next(iter(load_for(None)[0].cards.values()))
        again = programme.cards.import_parsed(
            parse_anki(f"{shipped.term}\t{shipped.definition}\n", "one.txt")
        )
        assert (again.added, again.updated) == (0, 1)


@pytest.mark.parametrize("validated", [True, False])
def test_trusted_and_checked_batches_store_the_same(tmp_path: Path, validated: bool) -> None:
    cards = [
        Card(id=f"c{n}", term=f"T{n}", definition="d", deck="mine", audience="mentee")
        for n in range(120)
    ]
    folder = tmp_path / "data"
    with Store.open(folder, backup=False) as store:
        store.cards.put_cards(cards[:60], validated=validated)
        store.cards.put_cards(cards[60:], validated=validated)
        store.cards.put_cards([cards[0].model_copy(update={"term": "T0 again"})])
        assert store.cards.cards()[0].term == "T0 again"
    stored = orjson.loads((folder / "cards.json").read_bytes())["cards"]
    assert list(stored) == [str(n) for n in range(1, 121)]
    assert stored["61"] == cards[60].model_dump(mode="json")
    with Store.open(folder, backup=False) as store:
        assert store.cards.cards() == [
            cards[0].model_copy(update={"term": "T0 again"}),
            *cards[1:],
        ]
