"""No silent duplicates: the same term is found, and shipped definitions change only when asked."""

from __future__ import annotations

from companion.domain.anki import AnkiRow
from companion.domain.card_import import plan_import, stream_import
from companion.domain.card_terms import find_same_term, same_term_message, term_key
from companion.domain.cards import Card, CardSource

SHIPPED = Card(
    id="managing-up",
    term="Managing up",
    definition="Helping your manager succeed.",
    deck="business",
    audience="mentor",
    source=CardSource(kind="shipped"),
)
OWN = Card(id="mfa", term="MFA", definition="Two kinds of proof.", deck="mine", audience="mentee")
OTHER_DECK = OWN.model_copy(update={"id": "mfa-2", "deck": "security"})


def test_terms_match_whatever_their_case_and_spacing() -> None:
    assert term_key("  Managing   UP ") == term_key("managing up")
    cards = [SHIPPED, OWN]
    assert find_same_term("managing  up", cards) == SHIPPED
    assert find_same_term(" mfa", cards) == OWN
    assert find_same_term("Managing", cards) is None
    assert find_same_term("   ", cards) is None


def test_the_card_being_edited_never_matches_itself_and_its_deck_comes_first() -> None:
    assert find_same_term("MFA", [OWN], exclude_id="mfa") is None
    assert find_same_term("MFA", [OWN, OTHER_DECK], deck="security") == OTHER_DECK
    assert find_same_term("MFA", [OWN, OTHER_DECK], deck="elsewhere") == OWN


def test_the_offer_names_the_card_and_its_deck() -> None:
    assert same_term_message(SHIPPED) == (
        "“Managing up” is already a card, in the shipped deck “business”. Open it instead?"
    )
    assert same_term_message(OWN) == "“MFA” is already a card, in the deck “mine”. Open it instead?"


def rows(*pairs: tuple[str, str]) -> list[AnkiRow]:
    return [AnkiRow(line=n, term=t, definition=d) for n, (t, d) in enumerate(pairs, start=1)]


def test_a_changed_shipped_definition_is_listed_and_kept_by_default() -> None:
    existing = {c.id: c for c in (SHIPPED, OWN)}
    incoming = rows(
        ("managing UP", "Making your boss look good."),
        ("MFA", "Multi-factor authentication."),
        ("Burn rate", "Cash spent per month."),
    )
    plan = plan_import(incoming, existing)
    assert [c.id for c in plan.cards] == ["mfa", "burn-rate"]
    assert (plan.added, plan.updated, plan.kept_shipped) == (1, 1, 1)
    [change] = plan.shipped_changes
    assert (change.line, change.card_id, change.old, change.new) == (
        1,
        "managing-up",
        "Helping your manager succeed.",
        "Making your boss look good.",
    )
    assert change.describe() == (
        "“Managing up”: “Helping your manager succeed.” → “Making your boss look good.”"
    )


def test_update_shipped_applies_the_change_and_the_card_is_no_longer_shipped() -> None:
    plan = plan_import(
        rows(("Managing up", "Making your boss look good.")),
        {SHIPPED.id: SHIPPED},
        update_shipped=True,
    )
    [card] = plan.cards
    assert card.id == "managing-up" and card.definition == "Making your boss look good."
    assert card.source.kind == "import"
    assert (plan.updated, plan.kept_shipped, len(plan.shipped_changes)) == (1, 0, 1)


def test_the_same_shipped_definition_is_no_change_and_stays_shipped() -> None:
    plan = plan_import(rows(("Managing up", " Helping your  manager succeed. ")), {"x": SHIPPED})
    assert plan.shipped_changes == []
    assert [c.source.kind for c in plan.cards] == ["shipped"]


def test_the_streaming_import_reports_shipped_changes_and_counts_them() -> None:
    written: list[Card] = []
    incoming = rows(
        ("Managing up", "Making your boss look good."), ("Burn rate", "Cash per month.")
    )
    report = stream_import(incoming, {SHIPPED.id: SHIPPED}, written.extend)
    assert [c.id for c in written] == ["burn-rate"]
    assert report.kept_shipped == 1 and report.done == 2
    assert report.summary() == (
        "added 1, updated 0, skipped 0, kept 1 shipped card unchanged "
        "(--update-shipped replaces its definition)"
    )
    written.clear()
    report = stream_import(incoming, {SHIPPED.id: SHIPPED}, written.extend, update_shipped=True)
    assert sorted(c.id for c in written) == ["burn-rate", "managing-up"]
    assert report.summary() == "added 1, updated 1, skipped 0"
    assert [c.term for c in report.shipped_changes] == ["Managing up"]
