"""The lesson reader: the lesson, a table of contents, and its objectives, prompts and terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.formatting import plural, role_label, visible
from companion.screens.leaving import LeavesQuickly
from companion.screens.reader_nav import LessonHistory, Link, lesson_links
from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.lesson_view import LessonView
from companion.widgets.messages import Request, safely
from companion.widgets.safe_text import literal, plain_line

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from companion.curriculum.sections import Section
    from companion.domain.content import Lesson
    from companion.programme.core import Programme

NARROW = 90
"""Below this width both side panels start hidden."""

WIDE = 120
"""Below this width the table of contents starts hidden (T shows it)."""

SHORT = 20
"""Below this height the lesson's links fold into one line (L lists them)."""


def brief(lesson: Lesson) -> Text:
    """Return the lesson's objectives, prompts and activity as text for the side panel."""
    text = Text()
    leader = "both" if lesson.led_by == "both" else f"the {role_label(lesson.led_by)}"
    text.append(f"Led by {leader} · {lesson.minutes} min\n\n", style="dim")
    text.append("Objectives\n", style="bold")
    for item in lesson.objectives:
        text.append(f"• {visible(item)}\n")
    text.append("\nPrompts\n", style="bold")
    for item in lesson.prompts:
        text.append(f"• {visible(item)}\n")
    text.append("\nTry it together\n", style="bold")
    text.append(visible(lesson.activity.strip()) + "\n")
    return text


def toc_label(section: Section) -> str:
    """Return a section's entry in the contents (plain text: show it with ``literal``)."""
    if section.title:
        return section.title
    return "Introduction" if section.opening else "(untitled section)"


class ReaderScreen(StylesKept, LeavesQuickly, Screen[None]):
    """Reads one lesson; follows links to other lessons with back/forward history."""

    DEFAULT_CSS = """
    ReaderScreen #toc { width: 28; border-right: vkey $foreground 20%; }
    ReaderScreen #side { width: 38; border-left: vkey $foreground 20%; padding: 0 1; }
    ReaderScreen #side OptionList { height: auto; max-height: 10; border: none; padding: 0; }
    ReaderScreen #side .heading { text-style: bold; margin-top: 1; }
    ReaderScreen #main { width: 1fr; min-width: 8; }
    ReaderScreen #links {
        display: none; height: auto; max-height: 30%; border: none;
        border-top: hkey $foreground 20%; padding: 0; scrollbar-size-vertical: 1;
    }
    ReaderScreen #links.-some { display: block; }
    ReaderScreen #links-note { display: none; height: 1; color: $text-muted; padding: 0 1; }
    ReaderScreen.-short #links.-some { display: none; }
    ReaderScreen.-short.-links-open #links.-some { display: block; }
    ReaderScreen.-short #links-note.-some { display: block; }
    ReaderScreen.-short.-links-open #links-note { display: none; }
    ReaderScreen.-no-toc #toc { display: none; }
    ReaderScreen.-no-side #side { display: none; }
    """
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("t", "toggle_toc", "Contents"),
        Binding("p", "toggle_side", "Panel"),
        Binding("d", "toggle_done", "Mark done"),
        Binding("n", "start_session", "Start session"),
        Binding("l", "toggle_links", "Links", show=False),  # the folded line says so
        Binding("left_square_bracket,alt+left", "history(-1)", "Previous lesson"),
        Binding("right_square_bracket,alt+right", "history(1)", "Next lesson", show=False),
    ]

    def __init__(
        self, programme: Programme, lesson_id: str, history: LessonHistory | None = None
    ) -> None:
        """Open on ``lesson_id`` of ``programme``'s curriculum.

        ``history`` is the app's list of lessons opened (shared by every reader,
        so "Previous lesson" goes back to whatever was read before).
        """
        super().__init__()
        self.programme = programme
        self.history = history if history is not None else LessonHistory()
        self.history.open(lesson_id)
        self.lesson_id = lesson_id
        self.links: list[Link] = []

    @property
    def lesson(self) -> Lesson:
        """The lesson on screen."""
        return self.programme.curriculum.lessons[self.lesson_id]

    def compose(self) -> ComposeResult:
        """Lay out contents, lesson and side panel."""
        yield Header()
        with Horizontal():
            yield OptionList(id="toc")
            with Vertical(id="main"):
                yield LessonView(id="lesson")
                links = OptionList(id="links")
                links.border_title = "Links: Enter opens"
                yield links
                yield Static(id="links-note")
            with VerticalScroll(id="side"):
                yield Static(id="brief")
                yield Static("Glossary terms", classes="heading")
                yield OptionList(id="terms")
        yield KeysFooter()

    async def on_mount(self) -> None:
        """Show the lesson; start with the panels hidden on a narrow terminal.

        The lesson's opening is mounted before the screen's first frame, which
        then has its words (otherwise that frame showed an empty view, and the
        text came two frames, 0.1 s, later).
        """
        width = self.app.size.width
        if width < WIDE:
            self.add_class("-no-toc")
        if width < NARROW:
            self.add_class("-no-side")
        self.set_class(self.app.size.height < SHORT, "-short")
        if (opening := self.show_lesson()) is not None:
            await opening

    def on_resize(self, event: events.Resize) -> None:
        """Hide the panels when the terminal gets narrow."""
        if event.size.width < NARROW:
            self.add_class("-no-toc", "-no-side")
        self.set_class(event.size.height < SHORT, "-short")

    def show_lesson(self) -> AwaitMount | None:
        """Render the current lesson in every part of the screen.

        Returns the mounting of the lesson's opening (see ``LessonView.show``).
        """
        lesson = self.lesson
        curriculum = self.programme.curriculum
        module = curriculum.modules.get(lesson.module)
        self.title = plain_line(lesson.title)
        self.sub_title = plain_line(module.title if module else lesson.module)
        view = self.query_one(LessonView)
        self.remove_class("-links-open")
        opening = view.show(lesson.body)
        self._fill_toc()
        self._fill_links()
        self.query_one("#brief", Static).update(brief(lesson))
        terms = self.query_one("#terms", OptionList)
        terms.clear_options()
        terms.add_options(
            Option(literal(curriculum.cards[t].term, keep_lines=False), id=t)
            for t in lesson.terms
            if t in curriculum.cards
        )
        self._update_done_label()
        self.refresh_bindings()
        view.focus()
        return opening

    def _fill_toc(self) -> None:
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        toc.add_options(
            Option(literal(toc_label(section), keep_lines=False), id=str(i))
            for i, section in enumerate(self.query_one(LessonView).sections)
        )

    def _fill_links(self) -> None:
        """List the lesson's links under it: Tab reaches them, Enter follows one."""
        lessons = self.programme.curriculum.lessons
        self.links = lesson_links(self.query_one(LessonView).sections)
        options = []
        for index, link in enumerate(self.links):
            if link.href.startswith("lesson:"):
                target = lessons.get(link.href.removeprefix("lesson:"))
                where = f"lesson: {target.title}" if target else "a missing lesson"
            else:
                where = link.href
            label = f"{link.text} → {where}" if link.text != link.href else where
            options.append(Option(literal(label, keep_lines=False), id=str(index)))
        box = self.query_one("#links", OptionList)
        box.clear_options()
        box.add_options(options)
        box.highlighted = 0 if options else None
        box.set_class(bool(options), "-some")
        note = self.query_one("#links-note", Static)
        note.update(f"{plural(len(options), 'link')} · L lists them")
        note.set_class(bool(options), "-some")
        self.refresh_bindings()

    def on_lesson_view_sections_changed(self) -> None:
        """A long lesson's full parse arrived: list all its sections and links."""
        self._fill_toc()
        self._fill_links()

    def _update_done_label(self) -> None:
        status = self.programme.journal.lesson_statuses().get(self.lesson.id)
        self.sub_title = (self.sub_title or "").split(" · ")[0] + (
            " · ✓ done" if status == "done" else ""
        )

    def navigate(self, lesson_id: str) -> None:
        """Go to another lesson, dropping any forward history."""
        if lesson_id not in self.programme.curriculum.lessons:
            self.notify(
                f"There is no lesson called {plain_line(lesson_id)}.",
                severity="warning",
                markup=False,
            )
            return
        self.history.open(lesson_id)
        self.lesson_id = lesson_id
        self.show_lesson()

    def on_screen_resume(self) -> None:
        """Back on this reader after another lesson was opened: its lesson is the latest."""
        self.history.open(self.lesson_id)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Previous/Next lesson are greyed out at either end of the history."""
        if action == "history" and parameters:
            step = parameters[0]
            target = self.history.position + (step if isinstance(step, int) else 0)
            return True if 0 <= target < len(self.history.visited) else None
        if action == "toggle_links":
            return bool(self.links)
        return True

    def action_history(self, step: int) -> None:
        """Move back (-1) or forward (1) through the lessons opened, whatever opened them."""
        target = self.history.step(step)
        if target is not None and target in self.programme.curriculum.lessons:
            self.lesson_id = target
            self.show_lesson()

    def action_start_session(self) -> None:
        """Start a session that covers this lesson."""
        self.post_message(Request("session", lesson_ids=[self.lesson.id]))

    def action_toggle_toc(self) -> None:
        """Show or hide the table of contents."""
        self.toggle_class("-no-toc")
        if not self.has_class("-no-toc"):
            self.query_one("#toc").focus()

    def action_toggle_links(self) -> None:
        """Go to the lesson's links (listing them on a short terminal), or back to the lesson."""
        links = self.query_one("#links", OptionList)
        if self.has_class("-short"):
            self.toggle_class("-links-open")
            if not self.has_class("-links-open"):
                self.query_one(LessonView).focus()
                return
        elif links.has_focus:
            self.query_one(LessonView).focus()
            return
        self.call_after_refresh(links.focus)

    def action_toggle_side(self) -> None:
        """Show or hide the objectives, prompts and terms."""
        self.toggle_class("-no-side")

    def action_toggle_done(self) -> None:
        """Mark the lesson done, or not started again if it was done."""
        lesson_id = self.lesson.id
        done = safely(
            self,
            lambda: self.programme.journal.toggle_lesson_done(lesson_id),
            "the lesson's status",
        )
        if done is not None:
            self.notify("Marked done." if done else "Marked not done.", timeout=3)
            self._update_done_label()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to a section, or open a glossary card."""
        option_id = event.option.id or ""
        if event.option_list.id == "toc":
            self.query_one(LessonView).go_to_section(int(option_id))
        elif event.option_list.id == "terms":
            self.post_message(Request("card", option_id))
        elif event.option_list.id == "links":
            self.follow(self.links[int(option_id)].href)

    def on_lesson_view_link_clicked(self, event: LessonView.LinkClicked) -> None:
        """Follow a lesson link here; open a web link in the browser."""
        self.follow(event.href)

    def follow(self, href: str) -> None:
        """Open a lesson link in this reader; open a web link in the browser."""
        if href.startswith("lesson:"):
            self.navigate(href.removeprefix("lesson:"))
        elif href.startswith(("http://", "https://", "mailto:")):
            self.app.open_url(href)
