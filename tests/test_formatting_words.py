"""Words in tables: counts agree with their number, dates fit, long text ends in an ellipsis."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from companion.formatting import elide, plural, table_date


def test_counts_agree_with_their_number() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(2, "card") == "2 cards"
    assert plural(0, "card") == "0 cards"
    assert plural(2, "person", "people") == "2 people"


def test_table_dates_are_short_and_name_the_year_only_when_it_differs() -> None:
    assert table_date(date(2026, 11, 23)) == "Mon 23 Nov"
    assert table_date(date(2026, 11, 23), today=date(2026, 1, 5)) == "Mon 23 Nov"
    assert table_date(date(2025, 11, 23), today=date(2026, 1, 5)) == "23 Nov 2025"
    assert len(table_date(date(2026, 3, 4))) == 10


def test_long_text_is_cut_to_its_width_with_an_ellipsis_at_the_end() -> None:
    assert elide("Objectives in both directions", 12) == "Objectives…"
    assert elide("Objectives in both directions", 15) == "Objectives in…"
    assert elide("Objectives in both directions", 40) == "Objectives in both directions"
    assert elide("two\nlines  here", 20) == "two lines here"
    assert elide("anything", 1) == "…"
    assert elide("anything", 0) == ""


def test_wide_characters_count_two_cells() -> None:
    text = elide("日本語のテキストです", 7)
    assert text == "日本語…" and cell_len(text) == 7
    odd = elide("日本語のテキスト", 6)  # a wide character never half-fits
    assert odd == "日本…" and cell_len(odd) <= 6
    emoji = elide("🎉 launch party for the new app", 10)
    assert emoji.endswith("…") and cell_len(emoji) <= 10
