"""Fields show their limits, and a paste beyond one keeps what fits and says how much was cut.

Pastes are sent as the terminal sends them: to the app, which forwards them to the focus.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, Label

from companion.widgets.form import FormField
from companion.widgets.limits import LimitedTextArea, counter, fit


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield FormField("Term", "term", max_length=60)
        yield LimitedTextArea("", max_length=50, id="notes")


def _notices(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


def test_fit_and_counter() -> None:
    assert fit("abcdef", 4) == ("abcd", 2)
    assert fit("abc", 0) == ("", 3)
    assert fit("abc", 10) == ("abc", 0)
    assert counter(160, 200) == "160 / 200"
    assert counter(159, 200) == ""
    assert counter(100, 200) == "", "hidden until the text nears the limit"
    assert counter(1_850, 2_000) == "1,850 / 2,000"
    assert counter(10, 10) == "", "a full date field is not near a limit"


@pytest.mark.asyncio
async def test_an_input_paste_beyond_the_limit_keeps_what_fits_and_says_so() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field_input = app.query_one(Input)
        field_input.value = "abcde" * 9
        field_input.focus()
        await pilot.pause()
        field_input.cursor_position = 45  # no selection: the paste goes at the end
        app.post_message(events.Paste("x" * 40))
        await pilot.pause()
        assert field_input.value == "abcde" * 9 + "x" * 15, "Textual alone drops the whole paste"
        assert _notices(app) == [
            "Pasted 15 characters; 25 more did not fit (this field holds up to 60)."
        ]
        count = app.query_one("#field-term .field-count", Label)
        assert app.query_one(FormField).has_class("-near-limit") and count.display
        assert str(count.render()) == "60 / 60"
        assert field_input.tooltip == "Up to 60 characters"


@pytest.mark.asyncio
async def test_a_paste_that_fits_is_left_alone() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field_input = app.query_one(Input)
        field_input.focus()
        app.post_message(events.Paste("short"))
        await pilot.pause()
        assert field_input.value == "short"
        assert _notices(app) == []
        assert not app.query_one(FormField).has_class("-near-limit")


@pytest.mark.asyncio
async def test_a_text_area_holds_its_limit_for_pastes_and_keys() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        notes = app.query_one(LimitedTextArea)
        notes.focus()
        app.post_message(events.Paste("y" * 70))
        await pilot.pause()
        assert notes.text == "y" * 50
        assert _notices(app) == [
            "Pasted 50 characters; 20 more did not fit (this field holds up to 50)."
        ]
        assert notes.border_subtitle == "50 / 50"
        await pilot.press("z")  # at the limit a key does nothing
        assert notes.text == "y" * 50
        await pilot.press("backspace", "z")
        assert notes.text == "y" * 49 + "z"
