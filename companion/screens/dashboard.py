"""The dashboard: the pair's programme at a glance; each panel opens its full screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from companion.domain.start_rows import Row
from companion.programme.start_summary import read_summary
from companion.screens.dashboard_fit import NARROW, Limits, limits_for, modules_stacked
from companion.screens.dashboard_panels import (
    EMPTY,
    keep_summary,
    panel_versions,
    widgets,
)
from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request
from companion.widgets.panel import Panel
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from companion.domain.overview import Overview
    from companion.programme.core import Programme
    from companion.screens.dashboard_rows import BoardRows

PANELS = {
    "#rhythm": "rhythm",
    "#modules": "modules",
    "#goals": "goals",
    "#actions": "actions",
    "#cards": "cards",
    "#sessions": "sessions",
    "#wins": "wins",
    "#gains": "gains",
    "#expectations": "expectations",
}
"""Each panel and the method that builds its rows."""

RECALL = "#recall"
"""The rows of the glossary recall, drawn at the end of the cards panel once the board is."""


class DashboardScreen(StylesKept, Screen[None]):
    """Home: next session, progress, goals, actions, cards due and recent sessions."""

    TITLE = "Dashboard"
    DEFAULT_CSS = """
    DashboardScreen #board { padding: 0 1; }
    DashboardScreen .row { height: auto; }
    DashboardScreen .row > Panel { width: 1fr; }
    DashboardScreen .row > #goals, DashboardScreen .row > #actions { width: 3fr; }
    DashboardScreen .row > #cards { width: 2fr; }
    DashboardScreen .row > #wins { width: 3fr; }
    DashboardScreen .row > #gains { width: 2fr; }
    DashboardScreen #rhythm .overdue { color: $error; text-style: bold; }
    DashboardScreen #rhythm .in-progress { color: $warning; text-style: bold; }
    DashboardScreen .line { text-wrap: nowrap; text-overflow: ellipsis; }
    DashboardScreen .hint { color: $warning; }
    DashboardScreen .ratings { height: 1; margin-top: 1; }
    DashboardScreen .ratings Sparkline { width: 16; }
    DashboardScreen .ratings Label { width: auto; }
    DashboardScreen .module-row { height: 1; }
    DashboardScreen .module-row Label { width: auto; max-width: 70%; margin-right: 1; }
    DashboardScreen .module-row .name { text-wrap: nowrap; text-overflow: ellipsis; }
    DashboardScreen .module-row ProgressBar { width: 1fr; }
    DashboardScreen .module-row Bar { width: 1fr; }
    DashboardScreen .module-row .count { width: 6; text-align: right; }
    DashboardScreen .module-name { display: none; width: 1fr; }
    DashboardScreen.-narrow .row { layout: vertical; }
    DashboardScreen.-narrow .row > Panel { width: 1fr; }
    DashboardScreen.-narrow .row > #goals, DashboardScreen.-narrow .row > #actions,
    DashboardScreen.-narrow .row > #cards, DashboardScreen.-narrow .row > #wins,
    DashboardScreen.-narrow .row > #gains { width: 1fr; }
    DashboardScreen #modules.-stacked .module-name { display: block; }
    DashboardScreen #modules.-stacked .module-row .name { display: none; }
    """
    BINDINGS = [
        Binding("n", "start_session", "Session"),
        Binding("r", "review", "Review"),
        Binding("c", "open('curriculum')", "Curriculum"),
        Binding("g", "open('cards')", "Glossary"),
        Binding("j", "open('sessions')", "Journal"),
        Binding("q", "app.quit", "Quit", show=False),
        Binding("l", "open('log')", "Log", show=False),
        Binding("s", "open('settings')", "Settings", show=False),
        Binding("k", "checkin", "Check-in", show=False),
        Binding("p", "open('playbook')", "Playbook", show=False),
        Binding("e", "open('skills')", "Skills", show=False),
        Binding("w", "open('wins')", "Wins", show=False),
        Binding("i", "open('checkins')", "Check-ins", show=False),
        Binding("t", "open('timeline')", "Timeline", show=False),
        Binding("m", "reschedule", "Move next session", show=False),
        Binding("x", "expectations", "What we want", show=False),
        Binding("o", "open('closing')", "Closing session", show=False),
    ]

    filled = False
    """True once the panels have been filled."""

    rebuilds = 0
    """How many panels were rebuilt since the screen was made (each refill counts one)."""

    limits = Limits()
    """How many entries each list shows (more on a tall terminal)."""

    def __init__(self, programme: Programme) -> None:
        """Show ``programme`` (filled once its data folder is open)."""
        super().__init__()
        self.programme = programme
        self._drawn: dict[str, tuple[object, ...]] = {}
        """The version of each panel's records (and the day) it was last drawn with."""
        self._rows: dict[str, list[Row]] = {}
        """The rows each panel shows now (from the start-up summary or the journal)."""
        self._summarised: tuple[str, dict[str, list[Row]]] | None = None
        """What the start-up summary holds (written again only when this changes)."""

    def compose(self) -> ComposeResult:
        """Lay out the panels (filled in by :meth:`refresh_board`)."""
        yield Header()
        with VerticalScroll(id="board"):
            with Horizontal(classes="row"):
                yield Panel("Our rhythm", "settings", id="rhythm")
                yield Panel("Curriculum progress", "curriculum", id="modules")
            with Horizontal(classes="row"):
                yield Panel("Goals", "goals", id="goals")
                yield Panel("Open actions", "actions", id="actions")
                yield Panel("Cards due today", "cards", id="cards")
            yield Panel("Last sessions", "sessions", id="sessions")
            with Horizontal(classes="row"):
                yield Panel("Wins", "wins", id="wins")
                yield Panel("Largest skill gains", "skills", id="gains")
            yield Panel("What we each want", "checkins", id="expectations")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the panels once the journal is open (the app opens it after the first frame)."""
        self.set_class(self.app.size.width < NARROW, "-narrow")
        if self.programme.ready:
            self.start()
            return
        shown = read_summary(self.programme.folder, self.programme.today())
        if shown is None:
            rhythm = self.query_one("#rhythm", Panel)
            rhythm.mount(Static("Opening your journal…", classes=EMPTY))
            return
        # What the dashboard showed last time, while the journal opens: the live rows
        # replace a panel's only where they differ.
        title, panels = shown
        self._summarised = shown
        self.sub_title = plain_line(title)
        for selector, rows in panels.items():
            if selector in PANELS or selector == RECALL:
                panel = "#cards" if selector == RECALL else selector
                self.query_one(panel, Panel).mount_all(widgets(rows))
                self._rows[selector] = rows
        self.call_after_refresh(self._fit_modules)

    def start(self) -> None:
        """Fill the panels, or run the first-run wizard when there is no pair yet."""
        if self.programme.journal.pair() is None:
            # First run only; its import (~0.27 s, pydantic) stays off every other start.
            from companion.screens.onboarding import OnboardingScreen

            self.app.push_screen(
                OnboardingScreen(self.programme), lambda _done: self.refresh_board()
            )
        else:
            self.refresh_board()

    def on_screen_resume(self) -> None:
        """Refresh when coming back from another screen (data may have changed)."""
        if self.filled and self.programme.ready:
            self.refresh_board()

    def action_checkin(self) -> None:
        """Record a check-in."""
        self.post_message(Request("checkin"))

    def action_review(self) -> None:
        """Review glossary cards (asks who)."""
        self.post_message(Request("review"))

    def action_start_session(self) -> None:
        """Start (or resume) a session."""
        self.post_message(Request("session"))

    def action_reschedule(self) -> None:
        """Move the next session to another day (and maybe time)."""
        from companion.screens.reschedule import ask_reschedule

        ask_reschedule(self, self.programme, self.refresh_board)

    def action_expectations(self) -> None:
        """Change what one of the pair wants from the programme."""
        from companion.screens.expectations_edit import edit_expectation

        edit_expectation(self, self.programme, self.refresh_board)

    def action_open(self, target: str) -> None:
        """Open the full screen called ``target``."""
        self.post_message(Request("open", target))

    def on_panel_opened(self, event: Panel.Opened) -> None:
        """A panel asked to open its screen."""
        self.post_message(Request("open", event.target))

    def refresh_board(self) -> None:
        """Rebuild the panels whose records changed since they were drawn (all, the first time).

        Cards due also change with the clock, so that panel is redrawn at most once a
        minute; the others once a day.
        """
        limits = limits_for(self.app.size.height)
        if limits != self.limits:
            self.limits = limits
            self._drawn.clear()  # longer or shorter lists: every panel again
        versions = panel_versions(self.programme)
        stale = [s for s, version in versions.items() if self._drawn.get(s) != version]
        if not stale:
            return
        overview = self.programme.reports.overview()
        if overview is None:
            return
        self.filled = True
        self.sub_title = plain_line(self._title(overview))
        builder = self._builder()
        for selector in stale:
            self._show(selector, getattr(builder, PANELS[selector])(overview))
            self._drawn[selector] = versions[selector]
        if "#cards" in stale:
            self.call_after_refresh(self._add_recall, overview)
        else:
            self._keep_summary(overview)
        if "#modules" in stale:
            self.call_after_refresh(self._fit_modules)

    def on_resize(self) -> None:
        """Fit the module rows to the new width; show longer lists on a taller terminal."""
        self.set_class(self.app.size.width < NARROW, "-narrow")
        if self.filled and self.programme.ready and limits_for(self.app.size.height) != self.limits:
            self.refresh_board()
        else:
            self.call_after_refresh(self._fit_modules)

    def _fit_modules(self) -> None:
        """Put each progress bar under its module's name when both do not fit one line."""
        panel = self.query_one("#modules", Panel)
        names = [str(label.content) for label in panel.query(".module-name")]
        width = panel.content_region.width
        if width:
            panel.set_class(modules_stacked(width, names), "-stacked")

    def save_summary(self) -> None:
        """Bring the start-up summary up to date with the data (the app calls this on quit)."""
        if self.filled and self.programme.ready:
            overview = self.programme.reports.overview()
            if overview is not None:
                self._keep_summary(overview)

    @staticmethod
    def _title(overview: Overview) -> str:
        return f"{overview.pair.mentor.name} & {overview.pair.mentee.name}"

    def _builder(self) -> BoardRows:
        """Return the rows' builder (imported once the journal is open: not before the frame)."""
        from companion.screens.dashboard_rows import BoardRows

        return BoardRows(self.programme, self.limits)

    def _keep_summary(self, overview: Overview) -> None:
        """Write the summary of every panel for the next start, when it changed."""
        panels = dict(self._rows)
        summary = (self._title(overview), panels)
        if summary != self._summarised:
            keep_summary(self.programme, *summary)
            self._summarised = summary

    def _show(self, selector: str, rows: list[Row]) -> None:
        """Draw ``rows`` in a panel, unless it already shows exactly these (no flicker)."""
        if self._rows.get(selector) == rows:
            return
        self._rows[selector] = rows
        if selector == "#cards":
            self._rows.pop(RECALL, None)  # removed with the panel's rows: drawn again after
        self._fill(selector, widgets(rows))

    def _fill(self, selector: str, drawn: list[Widget]) -> None:
        panel = self.query_one(selector, Panel)
        self.rebuilds += 1
        with self.app.batch_update():
            panel.remove_children()
            panel.mount_all(drawn)

    def _add_recall(self, overview: Overview) -> None:
        """Add each person's glossary recall (FSRS retrievability), once the board is drawn."""
        rows = self._builder().recall(overview)
        if self._rows.get(RECALL) != rows:
            self._rows[RECALL] = rows
            panel = self.query_one("#cards", Panel)
            panel.query(".recall").remove()
            panel.mount_all(widgets(rows))
        self._keep_summary(overview)
