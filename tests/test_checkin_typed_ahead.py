"""Digits typed in one burst answer one statement each, in order."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from companion.dialogs.checkin import AnswersDialog, ScoreRow


class Host(App[None]):
    """An app with the check-in answers dialog in front."""

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.push_screen(AnswersDialog("Aisha"))


async def test_a_burst_of_digits_answers_each_statement_in_turn() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = list(app.screen.query(ScoreRow))
        digits = "43521432"[: len(rows)]
        for digit in digits:  # all queued before the first is handled, as a terminal sends them
            app.post_message(events.Key(digit, digit))
        for _ in range(20):
            await pilot.pause(0.05)
        assert [row.value for row in rows] == [int(d) for d in digits]
        assert app.screen.focused is not None
        assert not isinstance(app.screen.focused, ScoreRow)  # past the last statement
