"""Pilot tests for issue 10's forms: typed dates, the start-date question, duplicate terms,
one minutes rule in the wrap-up, and action items kept outside a session."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input

from companion.dialogs.card import CardDialog
from companion.dialogs.goal import GoalDialog
from companion.dialogs.log_entry import LogEntryDialog
from companion.dialogs.message import ChoiceDialog, ConfirmDialog, MessageDialog
from companion.dialogs.pause import PauseDialog
from companion.domain.sessions import ActionItem
from companion.screens.actions import ActionsScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.glossary import GlossaryScreen
from companion.screens.onboarding import OnboardingScreen
from companion.screens.settings import SettingsScreen
from companion.storage.store import Store
from companion.widgets.form import FormField
from tests.apphelpers import (
    TODAY,
    app_on,
    press_and_wait,
    running_demo,
    start_session,
    stored,
    type_into,
)


def hint(field: FormField) -> str:
    return str(field.query_one(".field-hint").render()) if field.has_class("-hinted") else ""


def error(field: FormField) -> str:
    return str(field.query_one(".field-error").render()) if field.has_class("-invalid") else ""


# -- typed dates -------------------------------------------------------------------------


async def test_the_log_entry_date_says_what_it_understood_and_errors_clear(data: Path) -> None:
    results: list = []
    async with running_demo(data) as (app, pilot):
        app.push_screen(LogEntryDialog(None, TODAY), results.append)
        await pilot.pause()
        dialog = app.screen
        field = dialog.query_one("#field-date", FormField)
        dialog.query_one("#input-date", Input).value = "30/11/2026"
        await pilot.pause()
        assert hint(field) == "Understood: Mon 30 Nov 2026"
        dialog.query_one("#input-date", Input).value = "31/02/2026"
        await pilot.pause()
        assert hint(field) == ""
        dialog.query_one("#input-topic", Input).value = "Reels"
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is dialog
        assert error(field).startswith("31/02/2026 is not a real date")
        dialog.query_one("#input-date", Input).value = "yesterday"
        await pilot.pause()
        assert error(field) == ""  # cleared the moment the date is valid
        assert hint(field) == "Understood: Sun 22 Nov 2026"
        await press_and_wait(pilot, "ctrl+s")
    assert results and results[0]["date"] == "2026-11-22"


async def test_goal_target_and_pause_dates_take_relative_input(data: Path) -> None:
    goals: list = []
    pauses: list = []
    async with running_demo(data) as (app, pilot):
        app.push_screen(GoalDialog(None, TODAY), goals.append)
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#input-title", Input).value = "Post weekly"
        dialog.query_one("#input-target_date", Input).value = "+7d"
        await pilot.pause()
        assert hint(dialog.query_one("#field-target_date", FormField)) == (
            "Understood: Mon 30 Nov 2026"
        )
        await press_and_wait(pilot, "ctrl+s")
        app.push_screen(PauseDialog(TODAY), pauses.append)
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#input-starts_on", Input).value = "tomorrow"
        dialog.query_one("#input-ends_on", Input).value = "2026-12-24"
        await pilot.pause()
        assert hint(dialog.query_one("#field-starts_on", FormField)) == (
            "Understood: Tue 24 Nov 2026"
        )
        await press_and_wait(pilot, "ctrl+s")
    assert goals[0]["target_date"] == "2026-11-30"
    assert pauses[0]["starts_on"] == date(2026, 11, 24)


# -- the pair's start date ---------------------------------------------------------------


async def test_onboarding_asks_about_a_start_more_than_a_year_back(data: Path) -> None:
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        wizard = app.screen
        while not wizard.query("#input-mentor-name"):  # the steps are composed after mount
            await pilot.pause(0.05)
        wizard.query_one("#input-mentor-name", Input).value = "Aisha"
        wizard.query_one("#input-mentee-name", Input).value = "Richard"
        await press_and_wait(pilot, "ctrl+n")
        wizard.query_one("#input-started_on", Input).value = "23/11/2024"
        await pilot.pause()
        assert hint(wizard.query_one("#field-started_on", FormField)) == (
            "Understood: Sat 23 Nov 2024"
        )
        await press_and_wait(pilot, "ctrl+n")
        assert isinstance(app.screen, ConfirmDialog)
        assert "more than a year ago" in str(app.screen._question)
        await press_and_wait(pilot, "escape")  # change it
        assert app.screen is wizard
        assert wizard.query_one("#step-count").render().plain == "Step 2 of 4"
        wizard.query_one("#input-started_on", Input).value = "+14d"  # within a year: no question
        await press_and_wait(pilot, "ctrl+n")
        assert app.screen is wizard
        assert wizard.query_one("#step-count").render().plain == "Step 3 of 4"
        await press_and_wait(pilot, "escape")  # back to the rhythm, then a start far ahead, kept
        wizard.query_one("#input-started_on", Input).value = "2028-01-10"
        await press_and_wait(pilot, "ctrl+n")
        assert isinstance(app.screen, ConfirmDialog)
        assert "more than a year from now" in str(app.screen._question)
        await press_and_wait(pilot, "y")
        assert wizard.query_one("#step-count").render().plain == "Step 3 of 4"


async def test_settings_ask_about_a_start_moved_more_than_a_year_ahead(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        app.push_screen(SettingsScreen(app.programme))
        await pilot.pause()
        settings = app.screen
        before = app.programme.journal.pair().started_on
        settings.query_one("#input-started_on", Input).value = "2028-03-01"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await press_and_wait(pilot, "escape")
        assert app.programme.journal.pair().started_on == before  # not saved
        await press_and_wait(pilot, "ctrl+s")
        await press_and_wait(pilot, "y")
        assert app.screen is settings
        assert app.programme.journal.pair().started_on == date(2028, 3, 1)
        settings.query_one("#input-mentor-name", Input).value = "Ada Lovelace"
        await press_and_wait(pilot, "ctrl+s")  # the start is unchanged now: saved without asking
        assert app.screen is settings
        assert app.programme.journal.pair().mentor.name == "Ada Lovelace"


# -- duplicate terms ---------------------------------------------------------------------


async def test_adding_a_card_whose_term_exists_offers_to_open_it(data: Path) -> None:
    async with running_demo(data, (120, 40)) as (app, pilot):
        shipped = next(c for c in app.programme.cards.all().values() if c.source.kind == "shipped")
        count = len(app.programme.cards.all())
        glossary = GlossaryScreen(app.programme)
        app.push_screen(glossary)
        await pilot.pause()
        glossary.action_add_card()
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#input-term", Input).value = f"  {shipped.term.upper()} "
        await pilot.pause()
        assert "Already a card" in hint(dialog.query_one("#field-term", FormField))
        dialog.query_one("#input-definition", Input).value = "A second wording"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert "is already a card, in the shipped deck" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.click("#choice-open")
        await pilot.pause()
        assert isinstance(app.screen, CardDialog) and app.screen.card.id == shipped.id
        assert len(app.programme.cards.all()) == count  # no duplicate was added


async def test_capturing_an_existing_term_in_a_session_says_so(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        shipped = next(c for c in app.programme.cards.all().values() if c.source.kind == "shipped")
        count = len(app.programme.cards.all())
        await press_and_wait(pilot, "ctrl+g")
        dialog = app.screen
        dialog.query_one("#input-term", Input).value = shipped.term
        dialog.query_one("#input-definition", Input).value = "Ours"
        await pilot.pause()
        assert "Already a card" in hint(dialog.query_one("#field-term", FormField))
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-keep")  # keep editing: the form and its text stay
        await pilot.pause()
        assert app.screen is dialog
        await press_and_wait(pilot, "ctrl+s")
        await pilot.click("#choice-open")
        await pilot.pause()
        assert isinstance(app.screen, CardDialog) and app.screen.card.id == shipped.id
        await press_and_wait(pilot, "escape")
        assert app.screen is session
        assert len(app.programme.cards.all()) == count


# -- one minutes rule --------------------------------------------------------------------


async def test_wrap_up_refuses_over_240_and_finishes_a_short_session_at_5(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = await start_session(pilot)
        session_id = session.session.id
        await press_and_wait(pilot, "ctrl+f")
        dialog = app.screen
        dialog.query_one("#rating-mentor").value = 5
        dialog.query_one("#rating-mentee").value = 4
        minutes = dialog.query_one("#input-minutes", Input)
        minutes.value = "241"
        await press_and_wait(pilot, "ctrl+s")
        assert error(dialog.query_one("#field-minutes", FormField)) == (
            "Minutes must be between 5 and 240."
        )
        minutes.value = "3"
        await pilot.pause()
        assert error(dialog.query_one("#field-minutes", FormField)) == ""
        next_field = dialog.query_one("#field-next", FormField)
        dialog.query_one("#input-next", Input).value = "+14d"
        await pilot.pause()
        assert hint(next_field) == "Understood: Mon 7 Dec 2026"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen._title == "Finish, or discard this session?"
        assert "ran 3 minutes" in str(app.screen.query_one("#question").render())
        await pilot.click("#choice-finish")
        await pilot.pause()
        while isinstance(app.screen, ConfirmDialog | MessageDialog):  # the check-in offer
            await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
    done = stored(data, session_id)
    assert done.status == "finished" and done.minutes == 5  # never under five


# -- action items outside a session ------------------------------------------------------


async def test_actions_are_added_edited_and_deleted_outside_a_session(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        before = len(app.programme.journal.actions())
        screen = ActionsScreen(app.programme)
        app.push_screen(screen)
        await pilot.pause()
        await press_and_wait(pilot, "a")
        dialog = app.screen
        await type_into(pilot, "Read the annual report")
        dialog.query_one("#input-due", Input).value = "+7d"
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is screen
        added = [a for a in app.programme.journal.actions() if a.text == "Read the annual report"]
        assert len(added) == 1 and added[0].session_id is None
        assert added[0].due == TODAY + timedelta(days=7)
        assert screen.selected_key() == added[0].id
        await press_and_wait(pilot, "e")
        dialog = app.screen
        assert dialog.query_one("#input-text", Input).value == "Read the annual report"
        dialog.query_one("#input-text", Input).value = "Read the annual report, part 1"
        await press_and_wait(pilot, "ctrl+s")
        assert app.programme.journal.action(added[0].id).text == "Read the annual report, part 1"
        assert len(app.programme.journal.actions()) == before + 1
        await press_and_wait(pilot, "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await press_and_wait(pilot, "y")
        assert app.programme.journal.action(added[0].id) is None
        assert len(app.programme.journal.actions()) == before


async def test_editing_a_session_action_refuses_a_due_before_that_session(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        session = app.programme.sessions.all()[-1]
        item = app.programme.journal.save_action(
            ActionItem(owner="mentee", text="Try the app", session_id=session.id)
        )
        screen = ActionsScreen(app.programme)
        app.push_screen(screen)
        await pilot.pause()
        screen._move_to(item.id)
        await press_and_wait(pilot, "e")
        dialog = app.screen
        due = dialog.query_one("#field-due", FormField)
        day_before = session.date - timedelta(days=1)
        dialog.query_one("#input-due", Input).value = day_before.isoformat()
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is dialog
        assert error(due).startswith("An action cannot be due before the session that made it")
        dialog.query_one("#input-due", Input).value = session.date.isoformat()
        await pilot.pause()
        assert error(due) == ""
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is screen
    with Store.open(data, readonly=True) as store:
        kept = [a for a in store.journal.actions() if a.id == item.id]
        assert kept[0].due == session.date


# -- words -------------------------------------------------------------------------------


def test_counts_and_theme_names_read_as_words() -> None:
    from companion.formatting import theme_label
    from companion.storage.manifest import Counts

    assert theme_label("textual-dark") == "Textual Dark"
    assert theme_label("textual-ansi") == "Terminal colours"
    assert Counts(sessions=1, cards=1, reviews=2).describe() == "1 session, 1 card, 2 reviews"


async def test_last_onboarding_step_offers_finish_not_next(data: Path) -> None:
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        wizard = app.screen
        while not wizard.query("#input-mentor-name"):
            await pilot.pause(0.05)

        def keys() -> list[str]:
            return [b.description for (_, b, on, _) in wizard.active_bindings.values() if on]

        assert "Next" in keys() and "Finish" not in keys()
        wizard.query_one("#input-mentor-name", Input).value = "Aisha"
        wizard.query_one("#input-mentee-name", Input).value = "Richard"
        for _ in range(3):
            await press_and_wait(pilot, "ctrl+n")
        assert wizard.query_one("#step-count").render().plain == "Step 4 of 4"
        assert "Finish" in keys() and "Next" not in keys()
        await press_and_wait(pilot, "ctrl+n")
        assert isinstance(app.screen, DashboardScreen)


async def test_journal_and_session_editor_use_the_pair_s_names(data: Path) -> None:
    from companion.screens.journal import JournalScreen
    from companion.screens.session_detail import SessionDetailScreen

    async with running_demo(data, (120, 30)) as (app, pilot):
        names = app.programme.journal.first_names()
        journal = JournalScreen(app.programme)
        app.push_screen(journal)
        await pilot.pause()
        labels = [str(c.label) for c in journal.query_one("#sessions").columns.values()]
        assert f"{names['mentor']} ★" in labels and f"{names['mentee']} ★" in labels
        assert not any(label.startswith(("Junior", "Senior")) for label in labels)
        app.push_screen(SessionDetailScreen(app.programme, app.programme.sessions.all()[-1]))
        await pilot.pause()
        sections = [str(label.render()) for label in app.screen.query(".section")]
        assert names["mentor"] in sections and "Junior mentor" not in sections
