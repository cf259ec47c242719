"""Leaving a long lesson is quick: back at once, its blocks removed afterwards, a few at a time."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from companion.screens.leaving import LeavesQuickly
from companion.screens.reader import ReaderScreen
from companion.widgets.focus_styles import focus_reaches_inside
from companion.widgets.lesson_view import LessonView
from tests.apphelpers import app_on, demo_folder
from tests.test_lesson_view import LONG_BODY


class Host(App[None]):
    CSS = ""

    def compose(self) -> ComposeResult:
        yield LessonView()
        yield Input()


async def _built(app: Host, pilot: object) -> LessonView:
    view = app.query_one(LessonView)
    view.show(LONG_BODY)
    view.focus()
    for _ in range(200):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if view.complete:
            break
    assert view.complete and len(list(view.query("*"))) > 20
    return view


async def test_focus_leaving_the_view_restyles_the_view_not_every_block() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _built(app, pilot)
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes: object, animate: bool = False) -> None:
            nodes = list(nodes)  # type: ignore[call-overload]
            restyled.extend(nodes)
            update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counting  # type: ignore[method-assign]
        app.query_one(Input).focus()
        await pilot.pause()
        assert not view.has_focus
        assert view in restyled
        blocks = set(view.query("*"))
        assert not blocks & set(restyled)


class FocusStyled(Host):
    CSS = "LessonView:focus MarkdownParagraph { text-style: bold; }"


async def test_a_rule_on_the_views_focus_still_restyles_its_blocks() -> None:
    app = FocusStyled()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _built(app, pilot)
        assert focus_reaches_inside(app.stylesheet.rules, LessonView._css_type_names)
        paragraph = view.query("MarkdownParagraph").first()
        assert paragraph.styles.text_style.bold
        app.query_one(Input).focus()
        await pilot.pause()
        assert not paragraph.styles.text_style.bold


async def test_the_apps_own_blur_does_not_count_as_the_views_focus() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)):
        # Textual's own stylesheet has "App:blur HeaderTitle".
        assert not focus_reaches_inside(app.stylesheet.rules, LessonView._css_type_names)


class Document(LeavesQuickly, Screen[None]):
    BINDINGS = [Binding("escape", "leave", "Back")]

    def compose(self) -> ComposeResult:
        yield LessonView()

    def on_mount(self) -> None:
        view = self.query_one(LessonView)
        view.show(LONG_BODY)
        view.focus()


class Opener(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("home")


async def _open(app: Opener, pilot: object) -> Document:
    document = Document()
    await app.push_screen(document)
    view = document.query_one(LessonView)
    for _ in range(200):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if view.complete:
            break
    assert view.complete and len(view.built) > 1
    return document


async def test_escape_goes_back_at_once_and_removes_the_document_in_steps_afterwards() -> None:
    app = Opener()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        label = app.query_one(Static)
        document = await _open(app, pilot)
        built = list(document.query_one(LessonView).built.values())
        blocks = [node for widget in built for node in widget.walk_children(with_self=True)]
        largest = max(len(list(widget.walk_children(with_self=True))) for widget in built)
        attached: list[int] = []
        going: list[int] = []
        display = app._display

        def noting(screen: Screen[object], renderable: object) -> None:
            if screen is home and renderable is not None and not app._batch_count:
                attached.append(sum(block.is_attached for block in blocks))
                going.append(sum(block._pruning and block.is_attached for block in blocks))
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = noting  # type: ignore[method-assign]
        document.action_leave()
        assert app.screen is home
        app.call_later(label.update, "next")  # the next thing the user does, at once
        assert document.leaving is not None
        await document.leaving.wait()
        # The screen behind showed that while the whole document was still there, and
        # it went a section at a time (Textual's pop removes every block at once).
        assert attached and attached[0] == len(blocks)
        assert max(going) <= largest < len(blocks)
        assert not any(block.is_attached for block in blocks)
        assert not document.is_attached
        assert document not in app._installed_screens.values()


async def test_leaving_a_document_again_and_again_leaves_nothing_behind() -> None:
    app = Opener()
    async with app.run_test(size=(80, 24)) as pilot:
        before = len(app._registry)
        for _ in range(3):
            document = await _open(app, pilot)
            await pilot.press("escape")
            assert document.leaving is not None
            await document.leaving.wait()
            await pilot.pause()
            assert len(app._registry) == before
            assert not app._installed_screens
            assert not [w for w in app.workers if w.is_running and w.group != "leaving"]


async def test_leaving_while_the_document_is_still_being_parsed_stops_the_parse() -> None:
    app = Opener()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        document = Document()
        await app.push_screen(document)
        view = document.query_one(LessonView)
        assert not view.parsed
        await pilot.press("escape")
        assert app.screen is home
        assert document.leaving is not None
        await document.leaving.wait()
        assert not view.parsed and not view.built and not document.is_attached


async def test_escape_from_the_reader_goes_back_and_removes_the_reader_afterwards(
    data: Path,
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        behind = app.screen
        for _ in range(2):
            app.navigator.open_lesson("decisions-at-the-top")
            for _ in range(6):
                await pilot.pause()
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            assert reader.query_one(LessonView).built
            await pilot.press("escape")
            assert app.screen is behind
            assert reader.leaving is not None
            await reader.leaving.wait()
            assert not reader.is_attached and reader not in app._installed_screens.values()
        await pilot.press("c")  # the app goes on as usual
        await pilot.pause()
        assert app.screen is not behind
