"""Desired retention: one range (0.70-0.97, as FSRS documents) in model, form and on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from companion.domain.errors import describe
from companion.domain.settings import Settings
from companion.domain.study_settings import RETENTION_MAX, RETENTION_MIN, read_retention
from companion.storage.quarantine import QUARANTINE_NAME
from companion.storage.store import Store
from tests.conftest import make_pair


def test_the_model_and_the_form_share_one_range() -> None:
    assert (RETENTION_MIN, RETENTION_MAX) == (0.70, 0.97)
    for value in (RETENTION_MIN, 0.9, RETENTION_MAX):
        assert Settings(desired_retention=value).desired_retention == value
        assert read_retention(f"{value:.2f}") == value
    for value in (0.69, 0.98, 0.99):
        with pytest.raises(ValidationError):
            Settings(desired_retention=value)
        with pytest.raises(ValueError, match=r"between 0\.70 and 0\.97"):
            read_retention(f"{value:.2f}")


@pytest.mark.parametrize("value", [0.99, 0.5])
def test_an_out_of_range_retention_names_the_field_and_both_ends(value: float) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(desired_retention=value)
    assert describe(caught.value) == ["desired_retention: must be between 0.7 and 0.97"]


def test_a_stored_099_still_opens_and_the_record_is_set_aside(data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair())
        store.journal.save_settings(Settings(new_cards_per_day=5))
    journal = data / "journal.json"
    content = json.loads(journal.read_text())
    content["settings"]["1"]["desired_retention"] = 0.99  # once allowed by the model
    journal.write_text(json.dumps(content))

    with Store.open(data) as store:
        assert store.needs_restore == []
        assert store.journal.pair() == make_pair()
        assert store.journal.settings() == Settings()  # the defaults until saved again
        (notice,) = store.notices()
        assert notice.startswith("1 settings record could not be read and was set aside")
        assert "desired_retention: must be between 0.7 and 0.97" in notice
        store.journal.save_settings(Settings(desired_retention=0.97))
    kept = json.loads((data / QUARANTINE_NAME).read_text())["records"]
    assert [r["raw"]["desired_retention"] for r in kept] == [0.99]
    assert kept[0]["raw"]["new_cards_per_day"] == 5  # nothing lost: mendable by hand
    with Store.open(data) as store:
        assert store.notices() == []
        assert store.journal.settings().desired_retention == 0.97
