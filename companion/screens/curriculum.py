"""The curriculum: a tree of modules and lessons with progress marks and filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, Header, Select, Tree

from companion.domain.progress import LessonStatus
from companion.formatting import role_label, visible
from companion.screens.restyle import StylesKept
from companion.widgets.fitted_tree import FittedTree
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request

if TYPE_CHECKING:
    from companion.domain.content import Lesson
    from companion.programme.core import Programme

MARKS: dict[str, tuple[str, str]] = {
    "done": ("✓", "green"),
    "in-progress": ("◐", "yellow"),
    "not-started": ("○", "dim"),
}
LEADERS = [
    ("Anyone leads", "any"),
    ("Junior mentor leads", "mentor"),
    ("Senior mentee leads", "mentee"),
    ("Both lead", "both"),
]


class CurriculumScreen(StylesKept, Screen[None]):
    """Modules and lessons; Enter opens a lesson in the reader."""

    AUTO_FOCUS = "Tree"
    """The tree has the keys when the screen is first shown (also when built off screen)."""

    TITLE = "Curriculum"
    DEFAULT_CSS = """
    CurriculumScreen #filters { height: auto; padding: 0 1; }
    CurriculumScreen #filters Select { width: 1fr; max-width: 32; }
    CurriculumScreen #filters Checkbox { width: auto; height: 1; border: none; padding: 0 1; }
    CurriculumScreen Tree { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f", "focus_filters", "Filter"),
        Binding("slash", "focus_filters", "Filter", show=False),
    ]

    def __init__(self, programme: Programme) -> None:
        """Show ``programme``."""
        super().__init__()
        self.programme = programme
        self._built_with: dict[str, LessonStatus] | None = None

    def compose(self) -> ComposeResult:
        """Lay out the filters and the tree."""
        modules = self.programme.curriculum.ordered_modules()
        yield Header()
        with Horizontal(id="filters"):
            yield Select(
                [(m.title, m.id) for m in modules], prompt="All modules", compact=True, id="module"
            )
            yield Select(LEADERS, value="any", allow_blank=False, compact=True, id="leader")
            yield Checkbox("Not done yet", id="not-done")
        tree: Tree[str] = FittedTree("Curriculum", id="tree")
        tree.show_root = False
        yield tree
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the tree and put the cursor in it."""
        if self.closing:  # built off screen as the app quits: its widgets may be gone
            return
        self.rebuild()
        self.query_one(Tree).focus()

    def on_screen_resume(self) -> None:
        """Refresh the marks when coming back from a lesson (if a lesson's status changed)."""
        if self.statuses() != self._built_with:
            self.rebuild()

    def action_focus_filters(self) -> None:
        """Move to the first filter."""
        self.query_one("#module", Select).focus()

    def on_select_changed(self) -> None:
        """Re-filter."""
        self.rebuild()

    def on_checkbox_changed(self) -> None:
        """Re-filter."""
        self.rebuild()

    def statuses(self) -> dict[str, LessonStatus]:
        """Return every lesson's status."""
        return self.programme.journal.lesson_statuses()

    def _keep(self, lesson: Lesson, statuses: dict[str, LessonStatus]) -> bool:
        module = self.query_one("#module", Select).value
        leader = self.query_one("#leader", Select).value
        not_done = self.query_one("#not-done", Checkbox).value
        if module != Select.NULL and lesson.module != module:
            return False
        if leader not in ("any", Select.NULL) and lesson.led_by != leader:
            return False
        return not (not_done and statuses.get(lesson.id) == "done")

    def rebuild(self) -> None:
        """Fill the tree from the curriculum and the current filters."""
        if self.closing:  # the app is quitting: its widgets may be gone already
            return
        curriculum = self.programme.curriculum
        statuses = self._built_with = self.statuses()
        tree = self.query_one(Tree)
        selected = tree.cursor_node.data if tree.cursor_node else None
        tree.clear()
        cursor_line = None
        for module in curriculum.ordered_modules():
            lessons = curriculum.lessons_of(module.id)
            shown = [lesson for lesson in lessons if self._keep(lesson, statuses)]
            if not shown:
                continue
            done = sum(statuses.get(lesson.id) == "done" for lesson in lessons)
            label = Text.assemble(
                (visible(module.title), "bold"), (f"  {done}/{len(lessons)} done", "dim")
            )
            branch = tree.root.add(label, data=f"module:{module.id}", expand=True)
            for lesson in shown:
                mark, style = MARKS[statuses.get(lesson.id, "not-started")]
                node = branch.add_leaf(
                    Text.assemble(
                        (mark + " ", style),
                        visible(lesson.title),
                        (f"  {role_label(lesson.led_by)} · {lesson.minutes} min", "dim"),
                    ),
                    data=lesson.id,
                )
                if lesson.id == selected:
                    cursor_line = node.line
        self.call_after_refresh(setattr, tree, "cursor_line", cursor_line or 0)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """Open the lesson under the cursor."""
        data = event.node.data
        if data and not data.startswith("module:"):
            self.post_message(Request("lesson", data))
