"""The lesson view builds a section a few blocks per frame, keeps the preview, warms up at idle."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from companion.curriculum.sections import normalise, split_sections
from companion.widgets.lesson_view import (
    CHUNK,
    LessonView,
    SectionMarkdown,
    chunks,
    warm_up,
)
from tests.test_lesson_view import LONG_BODY, ViewHost

BIG = "".join(f"Paragraph {n} of a long section.\n\n" for n in range(60))


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host")


async def test_a_big_section_is_mounted_a_few_blocks_per_frame() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        section = SectionMarkdown(split_sections(BIG)[0], normalise(BIG), 0)
        await app.screen.mount(section)
        first = len(section.children)
        assert 0 < first <= CHUNK and not section.finished
        for _ in range(100):
            await pilot.pause(0.02)
            if section.finished:
                break
        texts = [block._content.plain for block in section.query("MarkdownParagraph")]
        assert texts == [f"Paragraph {n} of a long section." for n in range(60)]


LIST = "## Try it together\n\n" + "".join(
    f"{n}. Step {n}, long enough to wrap onto a second line at forty.\n" for n in range(1, 6)
)


async def test_a_section_is_finished_only_once_everything_in_it_is_mounted(monkeypatch) -> None:
    # A section small enough to come whole with the widget was "finished" before its
    # list's items were mounted; measured then, it was held at one line, and cut.
    seen: list[tuple[int, int]] = []

    def note(self: SectionMarkdown, value: bool) -> None:
        if value:
            inside = list(self.walk_children())
            seen.append((len(inside), sum(widget.is_mounted for widget in inside)))
        self.__dict__["finished"] = value

    monkeypatch.setattr(
        SectionMarkdown,
        "finished",
        property(lambda self: self.__dict__["finished"], note),
        raising=False,
    )
    app = Host()
    async with app.run_test(size=(40, 24)) as pilot:
        section = SectionMarkdown(split_sections(LIST)[0], normalise(LIST), 0)
        section.display = False
        await app.screen.mount(section)
        for _ in range(50):
            await pilot.pause(0.02)
            if section.finished:
                break
        assert seen and all(total == mounted > 10 for total, mounted in seen)
        size = app.screen.size
        assert section.natural_height(size, size, 40) >= 2 + 5 * 2


def test_chunks_never_cut_a_block_and_keep_the_order() -> None:
    app = Host()
    section = SectionMarkdown(split_sections(BIG + "- a\n- b\n- c\n")[0], "", 0)
    blocks = list(section._parse_markdown(section.section.tokens))
    runs = chunks(blocks, size=5)
    assert [b for run in runs for b in run] == blocks and all(runs)
    assert app is not None


async def test_the_full_parse_keeps_the_sections_the_preview_built() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        view = LessonView()
        await app.screen.mount(view)
        view.show(LONG_BODY)
        opening = view.built[0]
        assert not view.parsed
        for _ in range(200):
            await pilot.pause(0.05)
            if view.complete:
                break
        assert view.parsed and len(view.sections) == 301
        assert view.built[0] is opening and opening.section is view.sections[0]


async def test_keys_are_handled_while_a_long_document_is_parsed() -> None:
    pressed: list[tuple[str, bool]] = []

    class Keys(ViewHost):
        def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
            pressed.append((event.key, self.query_one(LessonView).parsed))

    app = Keys()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LessonView)
        # Long enough that even a slow machine is still parsing when the key arrives;
        # the key is noted with whether the parse had finished when it was handled.
        view.show(LONG_BODY * 60)
        await pilot.press("x")
        assert pressed == [("x", False)]


async def test_warm_up_reads_the_markdown_styles_and_leaves_nothing_behind() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)):
        before = set(app.stylesheet.source)
        await warm_up(app.screen)
        added = {name for _, name in set(app.stylesheet.source) - before}
        assert {"MarkdownTable.DEFAULT_CSS", "MarkdownBulletList.DEFAULT_CSS"} <= added
        assert {"MarkdownFence.DEFAULT_CSS", "SectionMarkdown.DEFAULT_CSS"} <= added
        assert not app.screen.query(SectionMarkdown)


async def test_page_down_and_up_move_a_page_in_one_step() -> None:
    app = ViewHost()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LessonView)
        view.show(LONG_BODY)
        view.focus()
        for _ in range(200):  # up to 10 s on a loaded machine
            await pilot.pause(0.05)
            if view.complete:
                break
        page = view.scrollable_content_region.height
        assert page > 0 and view.max_scroll_y > 3 * page
        scrolled: list[float] = []
        view.watch(view, "scroll_y", lambda y: scrolled.append(y), init=False)
        await pilot.press("pagedown")
        # The first move is the whole page: no glide through the frames in between.
        # (Sections built afterwards may still nudge the view to keep its text in place.)
        assert scrolled[0] == page
        at = view.scroll_y
        scrolled.clear()
        await pilot.press("pageup")
        assert scrolled[0] == at - page
