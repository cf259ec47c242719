"""Leaving a long lesson is quick: focus changes restyle the view alone."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from companion.widgets.lesson_view import LessonView, focus_reaches_inside
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
        assert focus_reaches_inside(app.stylesheet.rules)
        paragraph = view.query("MarkdownParagraph").first()
        assert paragraph.styles.text_style.bold
        app.query_one(Input).focus()
        await pilot.pause()
        assert not paragraph.styles.text_style.bold


async def test_the_apps_own_blur_does_not_count_as_the_views_focus() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)):
        # Textual's own stylesheet has "App:blur HeaderTitle".
        assert not focus_reaches_inside(app.stylesheet.rules)
