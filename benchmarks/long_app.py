"""A long generated document, opened by Enter in the lesson view or Textual's MarkdownViewer.

Used by ``lesson_open.py --long``. It says ``ready`` once it has warmed up
Textual's Markdown styles, as Companion does at idle time. The status line
shows ``tick N`` after each ``x`` (to time how soon a key press acts),
``MOUNTED`` once the whole document is built, and ``back N`` when Escape has
left the document. With ``LONG_APP_TRACE`` naming a file it writes its key
reads, frames and collections there (``app_trace.py``, ``lesson_open.py --trace``).

    python benchmarks/long_app.py lesson|viewer
"""

from __future__ import annotations

import os
import sys
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen
from textual.widgets import MarkdownViewer, Static

from companion.latency import quicken_thread_switching
from companion.quick_escape import quick_escape
from companion.screens.idle_collector import IdleCollector
from companion.screens.leaving import LeavesQuickly
from companion.widgets import compositor_fix, timer_fix
from companion.widgets.lesson_view import LessonView, warm_up

FIRST_WORDS = "Every notable change"
LAST_WORDS = "out-1.csv"


def long_document(sections: int = 230) -> str:
    """Return a changelog-like document of ``sections`` ``##`` parts (about 170 KB)."""
    parts = [
        "# Changelog\n\n"
        f"{FIRST_WORDS} to this project is written here, newest first. The format follows "
        "[Keep a Changelog][kac] and the project uses [semantic versioning][semver].\n"
    ]
    for number in range(sections, 0, -1):
        version = f"{number // 100}.{number // 10 % 10}.{number % 10}"
        parts.append(
            f"## [{version}] - 2026-{1 + number % 12:02d}-{1 + number % 28:02d}\n\n"
            "### Added\n"
            f"- A way to export the journal as CSV, release {version}, with the notes kept.\n"
            "- Keyboard shortcuts for every action in the glossary, shown by `?`.\n"
            f"- The reader remembers where you were in each lesson ([#{number}][issues]).\n\n"
            "### Fixed\n"
            "- Opening a lesson with a very long table no longer scrolls to the end.\n"
            "- Imported cards keep their tags when the file uses semicolons.\n\n"
            "To export:\n\n"
            "    indented code stays code\n"
            f"    companion --data-dir ~/pair export --format csv > out-{number}.csv\n\n"
            "| Change | Who | Why |\n|---|---|---|\n"
            f"| export {number} | mentor | the senior asked for it |\n"
            "| tags | mentee | reviews by topic |\n\n"
            "> Thanks to everyone who reported these. Small, steady improvements add up "
            "over a programme that lasts a year or more.\n\n"
        )
    parts.append(
        "[kac]: https://keepachangelog.com/\n[semver]: https://semver.org/\n"
        "[issues]: https://example.com/issues\n"
    )
    return "".join(parts)


class Document(LeavesQuickly, Screen[None]):
    """The document, with a status line on top."""

    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("x", "tick", "Tick"),
    ]

    def __init__(self, mode: str, text: str) -> None:
        super().__init__()
        self.mode, self.text, self.ticks = mode, text, 0

    def compose(self) -> ComposeResult:
        yield Static("opening", id="status")
        if self.mode == "lesson":
            yield LessonView(id="view")
        else:
            yield MarkdownViewer(self.text, show_table_of_contents=True, id="view")

    async def on_mount(self) -> None:
        self.set_interval(0.05, self._check)
        if self.mode == "lesson":
            view = self.query_one(LessonView)
            view.focus()
            if (opening := view.show(self.text)) is not None:
                await opening  # as the reader does: the first frame has the opening
        else:
            self.query_one(MarkdownViewer).focus()

    def _check(self) -> None:
        if self.mode == "lesson":
            done = self.query_one(LessonView).complete
        else:
            document = self.query_one(MarkdownViewer).document
            done = not document.lock.locked() and bool(document.children)
        if done and "MOUNTED" not in str(self.query_one("#status", Static).content):
            self._mounted()

    def _mounted(self) -> None:
        self.query_one("#status", Static).update(f"MOUNTED tick {self.ticks}")

    def action_tick(self) -> None:
        self.ticks += 1
        if (trace := getattr(self.app, "trace", None)) is not None:
            trace.note("tick", str(self.ticks))
        status = self.query_one("#status", Static)
        prefix = "MOUNTED " if "MOUNTED" in str(status.content) else ""
        status.update(f"{prefix}tick {self.ticks}")


class LongApp(App[None]):
    """Press Enter to open the document."""

    BINDINGS = [Binding("enter", "open", "Open"), Binding("x", "home_tick", "Tick")]

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode, self.text, self.backs, self.home_ticks = mode, long_document(), 0, 0
        # As Companion: each frame lays the screen out once, and a frame after a slow one is
        # not held back a period (LONG_APP_REFLOW=textual, LONG_APP_TIMER=textual: Textual's
        # own). MarkdownViewer, the reference, runs on Textual's own.
        if mode == "lesson" and os.environ.get("LONG_APP_REFLOW") != "textual":
            compositor_fix.install()
        if mode == "lesson" and os.environ.get("LONG_APP_TIMER") != "textual":
            timer_fix.install()
        # As Companion does: a due full garbage collection runs while nobody types.
        self.idle_collector = IdleCollector(self)
        self.trace = None  # an AppTrace when LONG_APP_TRACE names a file (lesson_open --trace)
        if path := os.environ.get("LONG_APP_TRACE"):
            from app_trace import AppTrace

            self.trace = AppTrace(path)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        # As Companion: the pass a screen closed for good made due runs as the next opens.
        self.idle_collector.before_opening()
        opening = super().push_screen(*args, **kwargs)
        self.idle_collector.opened()
        return opening

    def get_driver_class(self) -> type[Driver]:
        # As Companion: a lone Escape is handed on once the escape delay is over.
        return quick_escape(super().get_driver_class())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.idle_collector.touch()
            if self.trace is not None and isinstance(event, events.Key):
                self.trace.note("event", event.key)
        await super().on_event(event)

    def compose(self) -> ComposeResult:
        yield Static("warming up", id="home")

    async def on_mount(self) -> None:
        if self.trace is not None:
            self.trace.install(self, callbacks=bool(os.environ.get("LONG_APP_TRACE_CALLBACKS")))
        # As Companion does at idle time after start-up (companion/app.py).
        await warm_up(self.screen)
        # And, as Companion does after start-up, freeze what is alive and collect the
        # young generation less often (companion/gc_tuning.py).
        from companion.gc_tuning import tune_after_start

        tune_after_start()
        self.idle_collector.start()
        self.query_one("#home", Static).update("ready")

    def action_open(self) -> None:
        self.push_screen(Document(self.mode, self.text), callback=self._back)

    def action_home_tick(self) -> None:
        self.home_ticks += 1
        self.query_one("#home", Static).update(f"home tick {self.home_ticks}")

    def _back(self, _: None) -> None:
        self.backs += 1
        self.query_one("#home", Static).update(f"back {self.backs}")


if __name__ == "__main__":
    # As Companion runs (companion/latency.py); LONG_APP_SWITCH=0.005 for Python's own.
    if switch := os.environ.get("LONG_APP_SWITCH"):
        sys.setswitchinterval(float(switch))
    else:
        quicken_thread_switching()
    LongApp(sys.argv[1]).run()
