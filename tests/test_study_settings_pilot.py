"""Settings: new cards per day, desired retention and each person's skills, saved and used."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.domain.study_settings import read_retention, read_skills
from companion.screens.settings import SettingsScreen
from companion.storage.store import Store
from tests.apphelpers import app_on, demo_folder, settle


def test_retention_and_skills_are_read_as_people_type_them() -> None:
    assert read_retention("85%") == 0.85
    assert read_retention("0.9") == 0.9
    assert read_retention("92") == 0.92
    for bad in ("0.5", "99%", "lots"):
        with pytest.raises(ValueError, match=r"between 0\.70 and 0\.97"):
            read_retention(bad)
    assert read_skills(" Excel,  excel , AI   assistants,ai assistants,, Slack ") == [
        "Excel",
        "AI assistants",
        "Slack",
    ]
    with pytest.raises(ValueError, match="at least one skill"):
        read_skills(" , ,")


@pytest.mark.asyncio
async def test_settings_save_cards_retention_and_skills_and_the_queue_uses_them(
    data: Path,
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = len(app.programme.cards.queue("mentee"))
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        # The person's name labels their skills, as text.
        label = str(screen.query_one("#field-skills_mentee .field-label").render())
        assert label.startswith("Skills Richard Hale (senior mentee) rates")
        screen.query_one("#input-new_cards_per_day").value = "1"
        screen.query_one("#input-desired_retention").value = "99%"
        screen.query_one("#input-skills_mentee").value = "Excel,  excel , [b]AI[/b], Slack"
        screen.query_one("#save-study").press()
        await settle(pilot)
        error = str(screen.query_one("#field-desired_retention .field-error").render())
        assert error.startswith("Desired retention must be between 0.70 and 0.97")
        assert app.programme.journal.settings().desired_retention == 0.9  # nothing saved
        screen.query_one("#input-desired_retention").value = "80%"
        screen.query_one("#save-study").press()
        await settle(pilot)
        assert screen.query_one("#input-skills_mentee").value == "Excel, [b]AI[/b], Slack"
        assert not screen.is_dirty()
        # Used: the scheduler aims for 80%, the queue holds at most one new card.
        assert app.programme.cards.scheduler().desired_retention == 0.8
        after = app.programme.cards.queue("mentee")
        states = {s.card_id for s in app.programme.cards.states("mentee")}
        assert sum(1 for card in after if card not in states) <= 1
        assert len(after) < before
        assert app.programme.evaluation.skills("mentee") == ["Excel", "[b]AI[/b]", "Slack"]

    with Store.open(data, readonly=True) as store:
        settings = store.journal.settings()
        assert settings.new_cards_per_day == 1
        assert settings.desired_retention == 0.8
        assert settings.mentee_skills == ["Excel", "[b]AI[/b]", "Slack"]
        assert settings.mentor_skills == []  # the defaults, left as defaults
