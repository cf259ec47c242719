"""Check-ins over time: each statement's scores for both people, and what low scores raised."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Sparkline, Static

from companion.domain.checkins import QUESTIONS
from companion.formatting import short_date
from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request
from companion.widgets.safe_text import literal

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from companion.domain.checkin_trends import Point
    from companion.programme.core import Programme
    from companion.programme.evaluation import CheckInTrends


def scores_cell(points: tuple[Point, ...]) -> Horizontal:
    """Return one person's answers to a statement: a sparkline and the scores themselves."""
    if not points:
        return Horizontal(Label("no answer", classes="digits muted"), classes="person")
    return Horizontal(
        Sparkline([p.score for p in points], summary_function=max),
        Label(" ".join(str(p.score) for p in points), classes="digits"),
        classes="person",
    )


class CheckInsScreen(StylesKept, Screen[None]):
    """A row per statement with each person's scores over time; then what was suggested."""

    TITLE = "Check-ins over time"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    """Below 60 columns each statement goes on its own lines above both people's scores."""
    DEFAULT_CSS = """
    CheckInsScreen #trends { padding: 0 1; }
    CheckInsScreen .when { color: $text-muted; }
    CheckInsScreen .statement-row { height: 1; }
    CheckInsScreen .statement-row .statement {
        width: 1fr; padding-right: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    CheckInsScreen .statement-row .person { width: 24; height: 1; }
    CheckInsScreen .statement-row .person Sparkline { width: 10; }
    CheckInsScreen .statement-row .digits { width: 1fr; padding-left: 1; }
    CheckInsScreen .head { text-style: bold; }
    CheckInsScreen .muted { color: $text-muted; }
    CheckInsScreen .section { text-style: bold; margin-top: 1; }
    CheckInsScreen .statement-row .scores { width: 48; height: 1; }
    CheckInsScreen.-narrow .statement-row { layout: vertical; height: auto; }
    CheckInsScreen.-narrow .statement-row .statement { height: auto; text-wrap: wrap; }
    CheckInsScreen.-narrow .statement-row .scores { width: 1fr; }
    CheckInsScreen.-narrow .statement-row .person { width: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("k", "checkin", "Take a check-in"),
        Binding("x", "expectations", "What we want"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Show the check-ins of ``programme``."""
        super().__init__()
        self.programme = programme
        self._shown: CheckInTrends | None = None
        """What the rows show (refilled only when the check-ins differ)."""

    def compose(self) -> ComposeResult:
        """The rows, filled by :meth:`refill`."""
        yield Header()
        yield VerticalScroll(id="trends")
        yield KeysFooter()

    async def on_mount(self) -> None:
        """Fill the rows before the first frame (which then has them, not an empty screen)."""
        await self.refill()

    def on_screen_resume(self) -> None:
        """Refill after a check-in was taken (nothing to do when the check-ins are the same)."""
        if self.programme.evaluation.trends() != self._shown:
            self.refill()

    def action_checkin(self) -> None:
        """Take a check-in now."""
        self.post_message(Request("checkin"))

    def action_expectations(self) -> None:
        """Change what one of the pair wants from the programme."""
        from companion.screens.expectations_edit import edit_expectation

        edit_expectation(self, self.programme, self.refill)

    def refill(self) -> AwaitMount:
        """Draw every statement's series and the suggestions raised; return the mounting."""
        board = self.query_one("#trends", VerticalScroll)
        board.remove_children()
        names = self.programme.journal.first_names()
        trends = self._shown = self.programme.evaluation.trends()
        if not trends.checkins:
            return board.mount(
                Static("No check-ins yet: press k to take the first one.", classes="muted")
            )
        dates = ", ".join(short_date(c.date) for c in trends.checkins)
        rows: list[Static | Horizontal] = [
            Static(f"{len(trends.checkins)} check-ins: {dates}", classes="when"),
            Horizontal(
                Label("1 disagree … 5 agree, oldest first", classes="statement muted"),
                Horizontal(
                    Label(literal(names["mentor"]), classes="person head"),
                    Label(literal(names["mentee"]), classes="person head"),
                    classes="scores",
                ),
                classes="statement-row",
            ),
        ]
        for series in trends.series:
            rows.append(
                Horizontal(
                    Label(series.statement, classes="statement"),
                    Horizontal(
                        scores_cell(series.mentor), scores_cell(series.mentee), classes="scores"
                    ),
                    classes="statement-row",
                )
            )
        rows.append(Static("What low scores raised", classes="section"))
        raised_any = False
        for checkin in reversed(trends.checkins):
            grouped: dict[tuple[str, str, int], list[str]] = {}
            for raised in trends.raised.get(checkin.id, []):
                key = (raised.role, raised.question, raised.score)
                grouped.setdefault(key, []).append(raised.entry_title)
            for (role, question, score), titles in grouped.items():
                raised_any = True
                text = Text.assemble(
                    (f"{short_date(checkin.date)}  ", "bold"),
                    f"{names[role]} gave {score} to “{QUESTIONS[question]}” ",
                    ("→ ", "dim"),
                    ("; ".join(titles), "italic"),
                )
                rows.append(Static(text))
        if not raised_any:
            rows.append(Static("No low scores so far.", classes="muted"))
        return board.mount_all(rows)
