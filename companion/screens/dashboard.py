"""The dashboard: the pair's programme at a glance; each panel opens its full screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Sparkline, Static

from companion.domain.session_rules import in_progress_line
from companion.formatting import plural, relative_days, short_date
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request
from companion.widgets.panel import Panel
from companion.widgets.safe_text import literal, plain_line

if TYPE_CHECKING:
    from companion.domain.overview import Overview
    from companion.programme.core import Programme


def line(text: Text) -> Static:
    """Return a one-line Static that ends in an ellipsis when it does not fit."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return Static(text, classes="line")


STATUS_MARKS = {"not-started": "○", "in-progress": "◐", "achieved": "●", "dropped": "×"}


class DashboardScreen(Screen[None]):
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
    DashboardScreen .module-row ProgressBar { width: 1fr; }
    DashboardScreen .module-row Bar { width: 1fr; }
    DashboardScreen .module-row .count { width: 6; text-align: right; }
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

    def __init__(self, programme: Programme) -> None:
        """Show ``programme`` (filled once its data folder is open)."""
        super().__init__()
        self.programme = programme

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
        if self.programme.ready:
            self.start()
        else:
            self.query_one("#rhythm", Panel).mount(
                Static("Opening your journal…", classes="panel-empty")
            )

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
        """Rebuild every panel from a fresh overview."""
        overview = self.programme.reports.overview()
        if overview is None:
            return
        self.filled = True
        self.sub_title = plain_line(f"{overview.pair.mentor.name} & {overview.pair.mentee.name}")
        self._fill("#rhythm", self._rhythm(overview))
        self._fill("#modules", self._modules(overview))
        self._fill("#goals", self._goals(overview))
        self._fill("#actions", self._actions(overview))
        self._fill("#cards", self._cards(overview))
        self._fill("#sessions", self._sessions(overview))
        self._fill("#wins", self._wins(overview))
        self._fill("#gains", self._gains(overview))
        self._fill("#expectations", self._expectations(overview))
        self.call_after_refresh(self._add_recall, overview)

    def _fill(self, selector: str, widgets: list[Static | Horizontal | Sparkline | Label]) -> None:
        panel = self.query_one(selector, Panel)
        with self.app.batch_update():
            panel.remove_children()
            panel.mount_all(widgets)

    def _rhythm(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        r, pair = overview.rhythm, overview.pair
        when = f"{short_date(r.next_session)} ({relative_days(r.next_session, overview.today)})"
        lines: list[Static | Horizontal | Sparkline | Label] = [
            Static(
                literal(f"{pair.mentor.name} (junior) · {pair.mentee.name} (senior)"),
                classes="line",
            ),
            Static(f"Next session: {when}"),
        ]
        if r.overdue:
            since = plural(r.days_since_last or 0, "day")
            lines.append(Static(f"Overdue: the last session was {since} ago", classes="overdue"))
        lines.append(
            Static(literal(f"Sessions: {r.held} held of {r.planned} planned ({pair.cadence})"))
        )
        current = self.programme.sessions.open_session()
        if current is not None:
            zone = self.programme.now().tzinfo
            lines.insert(
                0, Static(in_progress_line(current.started_at, zone), classes="in-progress")
            )
        if self.programme.evaluation.closing_offered(r.held, r.planned):
            lines.append(
                Static(
                    "The programme is complete: hold your closing session (o).",
                    classes="line hint",
                )
            )
        flagged = self.programme.reports.challenges()
        if flagged:
            title = flagged[0][0].title
            more = f" and {len(flagged) - 1} more" if len(flagged) > 1 else ""
            lines.append(Static(literal(f"Worth a look: {title}{more} (p)"), classes="line hint"))
        if overview.ratings:
            lines.append(
                Horizontal(
                    Label("Ratings "),
                    Sparkline(overview.ratings[-20:], summary_function=max),
                    Label(f" latest {overview.ratings[-1]:.1f}/5", classes="muted"),
                    classes="ratings",
                )
            )
        else:
            lines.append(
                Static("Ratings appear here after the first session.", classes="panel-empty")
            )
        return lines

    def _modules(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for module, progress in overview.modules:
            bar = ProgressBar(total=max(progress.total, 1), show_eta=False, show_percentage=False)
            bar.progress = progress.done
            rows.append(
                Horizontal(
                    Label(literal(module.title, keep_lines=False)),
                    bar,
                    Label(f"{progress.done}/{progress.total}", classes="count"),
                    classes="module-row",
                )
            )
        return rows or [Static("No lessons found.", classes="panel-empty")]

    def _goals(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        if not overview.goals:
            return [Static("No goals yet.", classes="panel-empty")]
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for goal in overview.goals[:5]:
            who = {"mentor": "junior", "mentee": "senior"}.get(goal.owner, "both")
            rows.append(
                line(
                    Text.assemble(
                        f"{STATUS_MARKS[goal.status]} ",
                        (f"{goal.progress:>3}% ", "dim"),
                        (goal.title, "bold" if goal.status == "in-progress" else ""),
                        (f" · {who}", "dim"),
                    )
                )
            )
        if len(overview.goals) > 5:
            rows.append(line(Text(f"… and {len(overview.goals) - 5} more", style="dim")))
        return rows

    def _actions(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        if not overview.open_actions:
            return [Static("Nothing open.", classes="panel-empty")]
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for item in overview.open_actions[:5]:
            late = item.due is not None and item.due < overview.today
            owner = overview.pair.person(item.owner) if item.owner != "shared" else None
            who = owner.name.split()[0] if owner else "Both"
            due = f" ({relative_days(item.due, overview.today)})" if item.due else ""
            rows.append(
                line(
                    Text.assemble((f"{who}: ", "bold"), item.text, (due, "red" if late else "dim"))
                )
            )
        if len(overview.open_actions) > 5:
            rows.append(line(Text(f"… and {len(overview.open_actions) - 5} more", style="dim")))
        return rows

    def _cards(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        text = Text()
        for role in ("mentee", "mentor"):
            due = overview.due[role]
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            text.append(f"{name}: ", style="bold")
            text.append(f"{due.due} due · {due.new} new\n")
        text.rstrip()
        return [Static(text)]

    def _wins(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        wins = self.programme.evaluation.latest_wins(3)
        if not wins:
            return [Static("Wins appear here: the first session is one.", classes="panel-empty")]
        return [
            line(Text.assemble((w.on.strftime("%d %b  "), "bold"), ("★ ", "yellow"), w.title))
            for w in wins
        ]

    def _gains(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        gains = self.programme.evaluation.largest_gains(2)
        if not gains:
            return [Static("Rate your skills (e, then r) to see them grow.", classes="panel-empty")]
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for change in gains:
            name = overview.pair.person(change.role).name.split()[0]
            rows.append(
                line(
                    Text.assemble(
                        (f"{name}: ", "bold"), change.words(), (f"  +{change.change}", "green")
                    )
                )
            )
        return rows

    def _expectations(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        from companion.domain.expectations import THEMES  # pydantic: not before the first frame

        found = self.programme.evaluation.expectations()
        view = found.view if found else None
        if view is None or (view.mentor is None and view.mentee is None):
            return [Static("Neither of you has said what you want yet.", classes="panel-empty")]
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for role, entry in (("mentor", view.mentor), ("mentee", view.mentee)):
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            if entry is None:
                rows.append(line(Text.assemble((f"{name}: ", "bold"), ("not said yet", "dim"))))
                continue
            themes = ", ".join(THEMES[t] for t in entry.themes)
            rows.append(
                Static(
                    Text.assemble((f"{name}: ", "bold"), entry.sentence, (f" ({themes})", "dim"))
                )
            )
        if view.shared:
            shared = ", ".join(THEMES[t] for t in view.shared)
            rows.append(line(Text.assemble(("Shared: ", "bold"), shared)))
        elif found is not None and found.suggestion is not None:
            entry, reason = found.suggestion
            rows.append(
                Static(
                    literal(f"No shared theme. Worth a look: {entry.title}. {reason}"),
                    classes="hint",
                )
            )
        return rows

    def _add_recall(self, overview: Overview) -> None:
        """Add each person's glossary recall (FSRS retrievability), once the board is drawn."""
        text = Text()
        for role in ("mentee", "mentor"):
            recall = self.programme.cards.recall(role)  # type: ignore[arg-type]
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            shown = f"{recall:.0%}" if recall is not None else "–"
            text.append(f"{name}'s recall: {shown}\n", style="dim")
        text.rstrip()
        panel = self.query_one("#cards", Panel)
        panel.query(".recall").remove()
        panel.mount(Static(text, classes="recall"))

    def _sessions(self, overview: Overview) -> list[Static | Horizontal | Sparkline | Label]:
        if not overview.recent_sessions:
            return [
                Static(
                    "No sessions yet. Your first one starts from the curriculum.",
                    classes="panel-empty",
                )
            ]
        lessons = self.programme.curriculum.lessons
        rows: list[Static | Horizontal | Sparkline | Label] = []
        for session in overview.recent_sessions:
            titles = ", ".join(lessons[i].title if i in lessons else i for i in session.lesson_ids)
            rating = session.average_rating()
            stars = f"  ★ {rating:.1f}" if rating is not None else ""
            rows.append(
                line(
                    Text.assemble(
                        (f"{short_date(session.date)}  ", "bold"),
                        titles or "no lesson",
                        (f"  {session.minutes} min{stars}", "dim"),
                    )
                )
            )
        return rows
