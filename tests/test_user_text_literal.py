"""User text is data, never markup, and never reaches the terminal as control codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.cards import Card
from companion.domain.goals import Goal
from companion.formatting import visible
from companion.screens.reader import ReaderScreen
from companion.storage.store import Store
from companion.widgets.safe_text import literal, plain_line
from tests.apphelpers import app_on, demo_folder

MARKUP = ["[b]", "[/]", "[/tmp]", "[Unreleased]", "[@click=app.quit]", "$name", "[red on blue]x"]
ESCAPES = ["\x1b[31m", "\x1b]0;title\x07", "\x1b]52;c;aGk=\x07", "\x07", "\x9b2J", "\r", "\x00"]
NASTY = st.lists(st.one_of(st.sampled_from(MARKUP + ESCAPES), st.text(max_size=8)), max_size=8).map(
    "".join
)


@given(NASTY)
def test_literal_shows_markup_as_typed_and_escapes_as_symbols(text: str) -> None:
    content = literal(text)
    shown = "".join(segment.text for segment in content.render_segments())
    assert shown == visible(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in shown)
    assert not any(0x7F <= ord(c) < 0xA0 for c in shown)
    one_line = plain_line(text)
    assert "\n" not in one_line and "\t" not in one_line


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_text_without_controls_is_shown_exactly(text: str) -> None:
    assert literal(text).plain == text


def test_escape_sequences_become_visible_symbols() -> None:
    assert visible("a\x1b]0;x\x07b") == "a␛]0;x␇b"
    assert visible("\x9b") == "\ufffd"
    assert plain_line("one\ntwo\tthree") == "one␊two␉three"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def seed_user_text(data: Path) -> None:
    demo_folder(data)
    with Store.open(data) as store:
        store.cards.put_card(
            Card(
                id="slice-syntax",
                term="a[start:stop:step]",
                definition="Take part of a list [b]not bold[/b] \x1b]0;owned\x07 done.",
                deck="tech",
                audience="mentee",
            )
        )
        store.journal.add_goal(Goal(owner="mentee", title="Learn [bold]Python[/] \x1b[31m"))


@pytest.mark.asyncio
async def test_glossary_shows_a_term_with_brackets_literally(data: Path) -> None:
    seed_user_text(data)
    app = app_on(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "a[start:stop:step]" in text
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=table.get_row_index("slice-syntax"))
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "[b]not bold[/b]" in text
        assert "␛]0;owned␇" in text
        assert "\x1b" not in text


@pytest.mark.asyncio
async def test_goals_screen_shows_markup_in_a_title_literally(data: Path) -> None:
    seed_user_text(data)
    app = app_on(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from companion.screens.goals import GoalsScreen

        await app.push_screen(GoalsScreen(app.programme))
        await pilot.pause()
        text = screen_text(app)
        assert "Learn [bold]Python[/] ␛[31m" in text


HEADINGS = """Opening words.

## Folders such as `[/tmp]`

Keep your files out of [/tmp].

## [Unreleased]

### Added
- Something [b]new[/b] \x1b[2J

## Bell\x07 in a heading
"""


@pytest.mark.asyncio
async def test_reader_shows_bracketed_headings_in_contents_and_text(data: Path) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        lesson_id = next(iter(app.programme.curriculum.lessons))
        lesson = app.programme.curriculum.lessons[lesson_id]
        app.programme.curriculum.lessons[lesson_id] = lesson.model_copy(update={"body": HEADINGS})
        await app.push_screen(ReaderScreen(app.programme, lesson_id))
        toc = app.screen.query_one("#toc")
        for _ in range(100):  # a loaded machine may take a while to build the sections
            await pilot.pause(0.05)
            if toc.option_count == 4 and "Something" in screen_text(app):
                break
        text = screen_text(app)
        labels = [str(toc.get_option_at_index(i).prompt) for i in range(toc.option_count)]
        assert labels == [
            "Introduction",
            "Folders such as [/tmp]",
            "[Unreleased]",
            "Bell␇ in a heading",
        ]
        assert "Folders such as [/tmp]" in text
        assert "[Unreleased]" in text
        assert "Something [b]new[/b] ␛[2J" in text
        assert "\x1b" not in text and "\x07" not in text


@pytest.mark.asyncio
async def test_option_labels_from_user_text_are_shown_as_typed(data: Path) -> None:
    """A name such as ``[/]…`` would end the app as markup; in choices it stays literal."""
    from textual.widgets import Button, Select

    from companion.dialogs.goal import GoalDialog
    from companion.dialogs.message import ChoiceDialog

    demo_folder(data)
    with Store.open(data) as store:
        pair = store.journal.pair()
        assert pair is not None
        odd = pair.mentee.model_copy(update={"name": "Richard [/]Hale [b]x"})
        store.journal.save_pair(pair.model_copy(update={"mentee": odd}))
    app = app_on(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        owners = app.programme.journal.owner_choices()
        dialog = GoalDialog(None, owners=owners)
        app.push_screen(dialog)
        await pilot.pause()
        labels = [str(label) for label, _ in dialog.query_one("#owner", Select)._options]
        assert "Richard [/]Hale [b]x" in labels
        app.pop_screen()
        choice = ChoiceDialog("Who?", [("[b]Ann[/b]", "ann")])
        app.push_screen(choice)
        await pilot.pause()
        assert str(choice.query_one("#choice-ann", Button).label) == "[b]Ann[/b]"
