"""Private notes and separate check-in answers, driven by keys through the app."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import events
from textual.widgets import Input, Static, TextArea

from companion.cli import make_app
from companion.dialogs.checkin import AnswersDialog, CheckInResultDialog, HandOverDialog, ScoreRow
from companion.dialogs.passphrase import (
    NO_RECOVERY,
    WRONG,
    AskPassphraseDialog,
    SetPassphraseDialog,
)
from companion.dialogs.private_notes import PrivateNotesEditor
from companion.domain.base import PRIVATE_TEXT_MAX
from companion.privacy import Vault
from companion.screens.dashboard import DashboardScreen
from companion.screens.session import SessionScreen
from companion.storage.store import Store
from tests.apphelpers import NOW, demo_folder, press_and_wait, start_session, type_into
from tests.privacyhelpers import CHEAP, files_holding


class MovableClock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.at = NOW

    def __call__(self):
        return self.at


def app_with(data: Path, clock: MovableClock | None = None):
    """The app on ``data`` with a movable clock and a cheap scrypt cost."""
    app = make_app(data, clock=clock or MovableClock())
    app.programme.privacy_cost = CHEAP
    return app


def on_screen(app) -> str:
    """Every text shown by every screen in the stack (statics, inputs, text areas)."""
    parts = []
    for screen in app.screen_stack:
        for widget in screen.walk_children():
            if isinstance(widget, TextArea):
                parts.append(widget.text)
            elif isinstance(widget, Input):
                parts.append(widget.value)
            elif isinstance(widget, Static | ScoreRow):
                parts.append(str(widget.render()))
            border = getattr(widget, "border_title", None)
            if border:
                parts.append(str(border))
    return "\n".join(parts)


async def private_notes_of(pilot, role: str) -> None:
    await press_and_wait(pilot, "ctrl+r")
    await pilot.click(f"#choice-{role}")
    await pilot.pause()


def forget_mentor_passphrase(data: Path) -> None:
    with Store.open(data) as store:
        Vault(store.journal, cost=CHEAP).start_afresh("mentor")


async def test_set_passphrase_write_lock_wrong_then_right(data: Path) -> None:
    demo_folder(data)
    forget_mentor_passphrase(data)
    secret = "My quiet worry about deadlines"
    app = app_with(data)
    async with app.run_test(size=(100, 34)) as pilot:
        await start_session(pilot)
        session_id = app.screen.session.id
        await private_notes_of(pilot, "mentor")
        assert isinstance(app.screen, SetPassphraseDialog)
        assert NO_RECOVERY in on_screen(app)
        await type_into(pilot, "short")
        await pilot.press("tab", "tab")
        await type_into(pilot, "short")
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, SetPassphraseDialog)
        assert "at least 8 characters" in on_screen(app)
        app.screen.query_one("#new", Input).value = "river stone lamp"
        app.screen.query_one("#again", Input).value = "river stone lamp"
        await pilot.pause()
        assert "Strength:" in str(app.screen.query_one("#hint", Static).render())
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, PrivateNotesEditor)
        await type_into(pilot, secret)
        await press_and_wait(pilot, "escape")  # saves and closes
        assert isinstance(app.screen, SessionScreen)
        assert files_holding(data, [secret]) == []  # sealed, never plain on disk

        app.lifecycle.lock_private_notes()
        assert not app.programme.privacy.vault.is_unlocked("mentor")
        await private_notes_of(pilot, "mentor")
        assert isinstance(app.screen, AskPassphraseDialog)
        assert secret not in on_screen(app)
        await type_into(pilot, "river stone lamb")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, AskPassphraseDialog)
        assert WRONG in on_screen(app)
        await type_into(pilot, "river stone lamp")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, PrivateNotesEditor)
        assert app.screen.query_one(TextArea).text == secret
    with Store.open(data, readonly=True) as store:
        vault = Vault(store.journal)
        assert vault.unlock("mentor", "river stone lamp")
        assert vault.read("mentor", session_id) == secret


async def test_the_partner_sees_that_notes_exist_never_their_text(data: Path) -> None:
    demo_folder(data)
    with Store.open(data, readonly=True) as store:
        vault = Vault(store.journal, migrate=False)
        assert vault.unlock("mentee", "demo")
        texts = list(vault.read_all("mentee").values())
    assert texts
    app = app_with(data)
    async with app.run_test(size=(100, 34)) as pilot:
        await start_session(pilot)
        await private_notes_of(pilot, "mentor")
        await type_into(pilot, "demo")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, PrivateNotesEditor)
        await press_and_wait(pilot, "escape")
        await private_notes_of(pilot, "mentee")  # the mentor, still unlocked, tries Richard's
        assert isinstance(app.screen, AskPassphraseDialog)
        shown = on_screen(app)
        assert "Richard has" in shown and "private notes" in shown and "last written" in shown
        for text in texts:
            for line in filter(None, (t.strip() for t in text.splitlines())):
                assert line not in shown
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, SessionScreen)
        assert not app.programme.privacy.vault.is_unlocked("mentee")


async def test_notes_lock_after_ten_idle_minutes_on_the_app_clock(data: Path) -> None:
    demo_folder(data)
    clock = MovableClock()
    app = app_with(data, clock)
    async with app.run_test(size=(100, 34)) as pilot:
        await start_session(pilot)
        await private_notes_of(pilot, "mentor")
        await type_into(pilot, "demo")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, PrivateNotesEditor)
        vault = app.programme.privacy.vault
        clock.at += timedelta(minutes=9)
        await type_into(pilot, "still here")  # working: the idle time starts again
        clock.at += timedelta(minutes=9)
        app.lifecycle.lock_idle_notes()
        assert vault.is_unlocked("mentor")
        clock.at += timedelta(minutes=1, seconds=1)
        app.lifecycle.lock_idle_notes()
        assert not vault.is_unlocked("mentor")
        await pilot.pause(2.5)  # the editor's next save sees the lock and closes
        assert isinstance(app.screen, SessionScreen)


async def test_check_in_hand_over_hides_the_first_answers_and_seals_private_comments(
    data: Path,
) -> None:
    demo_folder(data)
    private, shared = "Aisha private doubt", "Richard shares this"
    app = app_with(data)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await press_and_wait(pilot, "k")
        assert isinstance(app.screen, AnswersDialog)
        rows = list(app.screen.query(ScoreRow))
        assert app.focused is rows[0]
        await pilot.press("4", "2")
        assert [r.value for r in rows[:2]] == [4, 2]
        assert app.focused is rows[2]
        await pilot.press("tab", "5")
        assert rows[2].value is None and rows[3].value == 5
        app.screen.query_one("#comment", Input).value = private
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, AskPassphraseDialog)  # a private comment needs the vault
        await type_into(pilot, "demo")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, HandOverDialog)
        shown = on_screen(app)
        assert "Hand the laptop to Richard" in shown
        assert private not in shown
        assert not any(isinstance(s, AnswersDialog) for s in app.screen_stack)
        assert not app.programme.privacy.vault.is_unlocked("mentor")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, AnswersDialog)
        assert private not in on_screen(app)
        await pilot.press("3", "3", "3")
        app.screen.query_one("#comment", Input).value = shared
        app.screen.query_one("#share").value = True
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, CheckInResultDialog)
        result = on_screen(app)
        assert shared in result and private not in result
        await press_and_wait(pilot, "escape")
    assert files_holding(data, [private]) == []
    with Store.open(data, readonly=True) as store:
        (checkin,) = [c for c in store.journal.checkins() if c.mentee.comment == shared]
        assert checkin.mentee.shared
        assert checkin.mentor.scores == {
            "worth-the-time": 4,
            "speak-freely": 2,
            "goals-progress": 5,
        }
        assert checkin.mentor.comment == ""
        vault = Vault(store.journal, migrate=False)
        assert vault.unlock("mentor", "demo")
        assert vault.read_comment("mentor", checkin.id) == private


async def test_first_unlock_migrates_old_notes_and_names_the_plain_text_backups(
    data: Path,
) -> None:
    from companion.dialogs.message import MessageDialog
    from companion.domain.sessions import PrivateNotes

    demo_folder(data)
    forget_mentor_passphrase(data)
    old = "An old plain-text note from before encryption"
    with Store.open(data) as store:
        first = store.journal.sessions()[0]
        store.journal.update_session(
            first.model_copy(update={"private_notes": PrivateNotes(mentor=old)})
        )
    app = app_with(data)
    async with app.run_test(size=(100, 34)) as pilot:
        await start_session(pilot)
        await private_notes_of(pilot, "mentor")
        app.screen.query_one("#new", Input).value = "river stone lamp"
        app.screen.query_one("#again", Input).value = "river stone lamp"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, MessageDialog)
        notice = on_screen(app)
        assert "companion backup --prune-plaintext" in notice and ".zip" in notice
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, PrivateNotesEditor)
        await pilot.press("escape")
        await pilot.pause(2.5)  # the session screen autosaves its older copy meanwhile
        assert not app.programme.privacy.vault.notice_due("mentor")
    holding = files_holding(data, [old])
    assert holding and all("backups" in path for path in holding), holding


async def test_a_paste_beyond_the_private_notes_limit_keeps_what_fits(data: Path) -> None:
    demo_folder(data)
    forget_mentor_passphrase(data)
    app = app_with(data)
    async with app.run_test(size=(100, 34)) as pilot:
        await start_session(pilot)
        session_id = app.screen.session.id
        await private_notes_of(pilot, "mentor")
        app.screen.query_one("#new", Input).value = "river stone lamp"
        app.screen.query_one("#again", Input).value = "river stone lamp"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, PrivateNotesEditor)
        app.post_message(events.Paste("p" * (PRIVATE_TEXT_MAX + 1_234)))
        await pilot.pause()
        notes = app.screen.query_one("#private", TextArea)
        assert notes.text == "p" * PRIVATE_TEXT_MAX
        assert [n.message for n in app._notifications] == [
            "Pasted 50,000 characters; 1,234 more did not fit (this field holds up to 50,000)."
        ]
        assert notes.border_subtitle == "50,000 / 50,000"
        await press_and_wait(pilot, "escape")  # saves and closes
        assert isinstance(app.screen, SessionScreen)
    with Store.open(data, readonly=True) as store:
        vault = Vault(store.journal)
        assert vault.unlock("mentor", "river stone lamp")
        assert vault.read("mentor", session_id) == "p" * PRIVATE_TEXT_MAX
