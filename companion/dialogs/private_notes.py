"""One person's private notes: unlock (or set a passphrase), then edit, saved through the vault.

:func:`ensure_unlocked` and :func:`private_notes_flow` push dialogs and wait for
them, so they run in a worker (``run_worker``). Nothing here reads or writes a
note except through ``programme.privacy.vault``; the partner sees only
:meth:`~companion.programme.privacy.Privacy.meta_line`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from companion.dialogs.message import ChoiceDialog, MessageDialog
from companion.dialogs.passphrase import (
    WRONG,
    AskPassphraseDialog,
    ChangePassphraseDialog,
    SetPassphraseDialog,
    TypedConfirmDialog,
)
from companion.domain.base import PRIVATE_TEXT_MAX
from companion.privacy import PassphraseRuleError, PrivacyError, WrongPassphraseError
from companion.widgets.limits import LimitedTextArea
from companion.widgets.messages import safely
from companion.widgets.safe_text import literal, plain_line

if TYPE_CHECKING:
    from textual.app import App

    from companion.domain.base import Role
    from companion.programme.core import Programme
    from companion.programme.privacy import Privacy

AUTOSAVE_SECONDS = 2.0
"""Private typing is sealed and saved at least this often, like the shared notes."""

AFRESH_WORD = "afresh"
"""Typed to confirm deleting one person's private notes."""


def plain_text(text: str) -> str:
    """Return ``text`` with each line's control characters made visible (names are user text)."""
    return "\n".join(plain_line(line) for line in text.splitlines())


async def ensure_unlocked(app: App[Any], privacy: Privacy, role: Role) -> bool:
    """Make sure ``role``'s notes are open: ask their passphrase, or have them set one.

    Returns False when the person cancels. Shows the one-time notice after a
    first unlock that encrypted old plain-text notes. Call from a worker.
    """
    vault, name = privacy.vault, plain_line(privacy.name(role))
    if vault.is_unlocked(role):
        privacy.touch(role)
        return True
    if vault.has_passphrase(role):
        about = f"{privacy.meta_line(role)}\nOnly {name} can open them, with their passphrase."
        opened = await app.push_screen_wait(
            AskPassphraseDialog(name, about, lambda pw: vault.unlock(role, pw))
        )
        if opened is None:
            return False
    else:
        chosen = await app.push_screen_wait(SetPassphraseDialog(name))
        if chosen is None:
            return False
        try:
            done = safely(app, lambda: vault.set_passphrase(role, chosen), "The passphrase")
        except PrivacyError as exc:
            app.push_screen(MessageDialog("Passphrase not set", f"{str(exc).capitalize()}."))
            return False
        if done is None and not vault.is_unlocked(role):
            return False
    notice = privacy.pending_notice(role)
    if notice is not None:
        await app.push_screen_wait(
            MessageDialog("Your private notes are encrypted", plain_text(notice), error=False)
        )
    return True


async def choose_person(app: App[Any], privacy: Privacy, title: str) -> Role | None:
    """Ask whose private notes to open; each choice says only how many notes and when."""
    roles: tuple[Role, Role] = ("mentor", "mentee")
    chosen = await app.push_screen_wait(ChoiceDialog(title, [(privacy.name(r), r) for r in roles]))
    return cast("Role", chosen) if chosen in roles else None


async def private_notes_flow(app: App[Any], programme: Programme, session_id: str) -> bool:
    """Choose whose notes, unlock them, and edit their notes on ``session_id``.

    Returns True when a person's notes were opened (the caller then re-reads the
    session: a first unlock may have moved old plain text out of it).
    """
    privacy = programme.privacy
    role = await choose_person(app, privacy, "Whose private notes?")
    if role is None or not await ensure_unlocked(app, privacy, role):
        return False
    await app.push_screen_wait(PrivateNotesEditor(privacy, role, session_id))
    return True


class PrivateNotesEditor(ModalScreen[None]):
    """``role``'s private notes on one session, sealed as they type; only open while unlocked."""

    DEFAULT_CSS = """
    PrivateNotesEditor { align: center middle; }
    PrivateNotesEditor > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    PrivateNotesEditor TextArea { height: 12; }
    PrivateNotesEditor .hint { color: $text-muted; height: auto; }
    PrivateNotesEditor Horizontal { height: auto; align-horizontal: right; }
    PrivateNotesEditor Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "close", "Save and close"),
        Binding("ctrl+l", "lock", "Lock now", priority=True),
    ]

    def __init__(self, privacy: Privacy, role: Role, session_id: str) -> None:
        """Edit ``role``'s private notes on ``session_id`` (their notes must be unlocked)."""
        super().__init__()
        self.privacy = privacy
        self.role = role
        self.session_id = session_id
        self.name_ = plain_line(privacy.name(role))
        self.text = privacy.vault.read(role, session_id)
        self.dirty = False

    def compose(self) -> ComposeResult:
        """The notes, a line on who can read them, and the buttons."""
        with Vertical() as box:
            box.border_title = literal(f"{self.name_}'s private notes", keep_lines=False)
            yield Static(
                literal(
                    f"Only {self.name_} can read these (encrypted with their passphrase). "
                    "Saved as you type; they lock after 10 idle minutes."
                ),
                classes="hint",
            )
            yield LimitedTextArea(self.text, max_length=PRIVATE_TEXT_MAX, id="private")
            yield Static("", id="private-status", classes="hint", markup=False)
            with Horizontal():
                yield Button("Start afresh", variant="error", id="afresh")
                yield Button("Change passphrase", id="change")
                yield Button("Lock now", id="lock")
                yield Button("Close", variant="primary", id="close")

    def on_mount(self) -> None:
        """Start typing; save now and then; close if the notes lock meanwhile."""
        self.query_one(TextArea).focus()
        self.set_interval(AUTOSAVE_SECONDS, self.save)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Mark the notes for the next save; typing counts as working."""
        self.text = event.text_area.text
        self.dirty = True
        self.privacy.touch(self.role)

    def save(self) -> bool:
        """Seal and save the notes if they changed; close if they were locked meanwhile."""
        vault = self.privacy.vault
        if not vault.is_unlocked(self.role):
            if self.is_current or self in self.app.screen_stack:
                self.notify(f"{self.name_}'s private notes were locked.", timeout=4, markup=False)
                self.dismiss(None)
            return False
        area = next(self.query(TextArea).results(), None) if self.is_attached else None
        if area is not None and area.text != self.text:  # a Changed may still be queued
            self.text = area.text
            self.dirty = True
        if not self.dirty:
            return True
        text = self.text
        if safely(self, lambda: vault.write(self.role, self.session_id, text) or True, "The notes"):
            self.dirty = False
            self.query_one("#private-status", Static).update("Saved")
            return True
        return False

    def save_on_exit(self) -> None:
        """Seal what is typed before the app quits (Ctrl+Q, the terminal closing)."""
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close, lock, change the passphrase or start afresh."""
        match event.button.id:
            case "close":
                self.action_close()
            case "lock":
                self.action_lock()
            case "change":
                self.action_change()
            case "afresh":
                self.action_afresh()

    def action_close(self) -> None:
        """Save and close (the notes stay unlocked while this person works)."""
        if self.save():
            self.dismiss(None)

    def action_lock(self) -> None:
        """Save, lock these notes and close."""
        self.save()
        self.privacy.vault.lock(self.role)
        self.dismiss(None)
        self.notify(f"{self.name_}'s private notes are locked.", timeout=3, markup=False)

    def action_change(self) -> None:
        """Change the passphrase: the old one, then the new one twice."""
        self.save()
        vault, role = self.privacy.vault, self.role

        def change(old: str, new: str) -> str | None:
            try:
                vault.change_passphrase(role, old, new)
            except WrongPassphraseError:
                return WRONG
            except PassphraseRuleError as exc:
                return f"{str(exc).capitalize()}."
            except (OSError, PrivacyError) as exc:
                return f"Not changed: {exc}. Your old passphrase still works."
            return None

        def done(new: str | None) -> None:
            if new is not None:
                self.notify("Passphrase changed.", timeout=3)

        self.app.push_screen(ChangePassphraseDialog(self.name_, change), done)

    def action_afresh(self) -> None:
        """Delete this person's private notes and passphrase, after a typed confirmation."""
        self.save()
        explanation = (
            f"This deletes every private note and private check-in comment of {self.name_}, "
            "and their passphrase. Shared notes and the partner's notes stay as they are. "
            "It cannot be undone."
        )

        def done(word: str | None) -> None:
            if word != AFRESH_WORD:
                return
            count = safely(self, lambda: self.privacy.vault.start_afresh(self.role), "Start afresh")
            if count is not None:
                self.dismiss(None)
                self.app.notify(
                    f"{self.name_}'s {count} private notes were deleted. "
                    "A new passphrase is asked for the next note.",
                    markup=False,
                )

        self.app.push_screen(
            TypedConfirmDialog(f"Start afresh for {self.name_}?", explanation, AFRESH_WORD), done
        )
