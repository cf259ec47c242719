"""The dashboard's rows: what each panel shows, built from the programme as plain data.

Each method returns a panel's rows (:class:`~companion.domain.start_rows.Row`),
which :mod:`companion.screens.dashboard_panels` draws and the start-up summary
keeps for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.domain.session_rules import in_progress_line
from companion.domain.start_rows import Piece, Row
from companion.formatting import plural, relative_days, short_date, visible
from companion.screens.dashboard_fit import Limits
from companion.screens.dashboard_panels import EMPTY, line_of, row_of

if TYPE_CHECKING:
    from companion.domain.overview import Overview
    from companion.programme.core import Programme

STATUS_MARKS = {"not-started": "○", "in-progress": "◐", "achieved": "●", "dropped": "×"}


class BoardRows:
    """Builds each dashboard panel's rows from an overview of ``programme``."""

    def __init__(self, programme: Programme, limits: Limits) -> None:
        """Build rows for ``programme``, with lists as long as ``limits`` allow."""
        self._programme = programme
        self._limits = limits

    def rhythm(self, overview: Overview) -> list[Row]:
        """Our rhythm: the pair, the next session, sessions held, hints and ratings."""
        r, pair = overview.rhythm, overview.pair
        when = f"{short_date(r.next_session)} ({relative_days(r.next_session, overview.today)})"
        lines = [
            row_of(f"{pair.mentor.name} (junior) · {pair.mentee.name} (senior)", classes="line"),
            row_of(f"Next session: {when}"),
        ]
        if r.overdue:
            since = plural(r.days_since_last or 0, "day")
            lines.append(row_of(f"Overdue: the last session was {since} ago", classes="overdue"))
        lines.append(row_of(f"Sessions: {r.held} held of {r.planned} planned ({pair.cadence})"))
        current = self._programme.sessions.open_session()
        if current is not None:
            zone = self._programme.now().tzinfo
            started = in_progress_line(current.started_at, zone)
            lines.insert(0, row_of(started, classes="in-progress"))
        if self._programme.evaluation.closing_offered(r.held, r.planned):
            text = "The programme is complete: hold your closing session (o)."
            lines.append(row_of(text, classes="line hint"))
        flagged = self._programme.reports.challenges()
        if flagged:
            title = flagged[0][0].title
            more = f" and {len(flagged) - 1} more" if len(flagged) > 1 else ""
            lines.append(row_of(f"Worth a look: {title}{more} (p)", classes="line hint"))
        if overview.ratings:
            latest = f" latest {overview.ratings[-1]:.1f}/5"
            lines.append(
                Row(kind="ratings", pieces=[Piece(text=latest)], values=overview.ratings[-20:])
            )
        else:
            lines.append(row_of("Ratings appear here after the first session.", classes=EMPTY))
        return lines

    def modules(self, overview: Overview) -> list[Row]:
        """Curriculum progress: one bar per module."""
        rows = [
            Row(
                kind="bar",
                pieces=[Piece(text=visible(module.title, keep_lines=False))],
                values=[progress.done, progress.total],
            )
            for module, progress in overview.modules
        ]
        return rows or [row_of("No lessons found.", classes=EMPTY)]

    def goals(self, overview: Overview) -> list[Row]:
        """Goals: status, progress and whose, as many as the height allows."""
        if not overview.goals:
            return [row_of("No goals yet.", classes=EMPTY)]
        rows = []
        for goal in overview.goals[: self._limits.items]:
            who = (
                overview.pair.person(goal.owner).name.split()[0]  # type: ignore[arg-type]
                if goal.owner in ("mentor", "mentee")
                else "both"
            )
            rows.append(
                line_of(
                    (f"{STATUS_MARKS[goal.status]} ", ""),
                    (f"{goal.progress:>3}% ", "dim"),
                    (goal.title, "bold" if goal.status == "in-progress" else ""),
                    (f" · {who}", "dim"),
                )
            )
        if len(overview.goals) > self._limits.items:
            more = len(overview.goals) - self._limits.items
            rows.append(line_of((f"… and {more} more", "dim")))
        return rows

    def actions(self, overview: Overview) -> list[Row]:
        """Open actions: whose, what and when due."""
        if not overview.open_actions:
            return [row_of("Nothing open.", classes=EMPTY)]
        rows = []
        for item in overview.open_actions[: self._limits.items]:
            late = item.due is not None and item.due < overview.today
            owner = overview.pair.person(item.owner) if item.owner != "shared" else None
            who = owner.name.split()[0] if owner else "Both"
            due = f" ({relative_days(item.due, overview.today)})" if item.due else ""
            rows.append(
                line_of((f"{who}: ", "bold"), (item.text, ""), (due, "red" if late else "dim"))
            )
        if len(overview.open_actions) > self._limits.items:
            more = len(overview.open_actions) - self._limits.items
            rows.append(line_of((f"… and {more} more", "dim")))
        return rows

    def cards(self, overview: Overview) -> list[Row]:
        """Cards due today and new, per person."""
        pieces: list[Piece] = []
        for role in ("mentee", "mentor"):
            due = overview.due[role]
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            pieces.append(Piece(text=f"{name}: ", style="bold"))
            pieces.append(Piece(text=f"{due.due} due · {due.new} new\n"))
        pieces[-1] = Piece(text=pieces[-1].text.rstrip())
        return [Row(pieces=pieces)]

    def wins(self, overview: Overview) -> list[Row]:
        """The latest wins."""
        wins = self._programme.evaluation.latest_wins(self._limits.wins)
        if not wins:
            return [row_of("Wins appear here: the first session is one.", classes=EMPTY)]
        return [
            line_of((w.on.strftime("%d %b  "), "bold"), ("★ ", "yellow"), (w.title, ""))
            for w in wins
        ]

    def gains(self, overview: Overview) -> list[Row]:
        """The largest skill gains."""
        gains = self._programme.evaluation.largest_gains(self._limits.gains)
        if not gains:
            return [row_of("Rate your skills (e, then r) to see them grow.", classes=EMPTY)]
        rows = []
        for change in gains:
            name = overview.pair.person(change.role).name.split()[0]
            rows.append(
                line_of(
                    (f"{name}: ", "bold"), (change.words(), ""), (f"  +{change.change}", "green")
                )
            )
        return rows

    def expectations(self, overview: Overview) -> list[Row]:
        """What each person wants from the programme, and the themes they share."""
        from companion.domain.expectations import THEMES  # pydantic: not before the first frame

        found = self._programme.evaluation.expectations()
        view = found.view if found else None
        if view is None or (view.mentor is None and view.mentee is None):
            return [row_of("Neither of you has said what you want yet.", classes=EMPTY)]
        rows = []
        for role, entry in (("mentor", view.mentor), ("mentee", view.mentee)):
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            if entry is None:
                rows.append(line_of((f"{name}: ", "bold"), ("not said yet", "dim")))
                continue
            themes = ", ".join(THEMES[t] for t in entry.themes)
            rows.append(
                Row(
                    pieces=[
                        Piece(text=f"{name}: ", style="bold"),
                        Piece(text=entry.sentence),
                        Piece(text=f" ({themes})", style="dim"),
                    ]
                )
            )
        if view.shared:
            shared = ", ".join(THEMES[t] for t in view.shared)
            rows.append(line_of(("Shared: ", "bold"), (shared, "")))
        elif found is not None and found.suggestion is not None:
            entry, reason = found.suggestion
            text = f"No shared theme. Worth a look: {entry.title}. {reason}"
            rows.append(row_of(text, classes="hint"))
        return rows

    def recall(self, overview: Overview) -> list[Row]:
        """Each person's glossary recall (FSRS retrievability), drawn after the board."""
        pieces = []
        for role in ("mentee", "mentor"):
            recall = self._programme.cards.recall(role)  # type: ignore[arg-type]
            name = overview.pair.person(role).name.split()[0]  # type: ignore[arg-type]
            shown = f"{recall:.0%}" if recall is not None else "–"
            pieces.append(Piece(text=f"{name}'s recall: {shown}\n", style="dim"))
        pieces[-1] = Piece(text=pieces[-1].text.rstrip(), style="dim")
        return [Row(pieces=pieces, classes="recall")]

    def sessions(self, overview: Overview) -> list[Row]:
        """The last sessions held."""
        if not overview.recent_sessions:
            text = "No sessions yet. Your first one starts from the curriculum."
            return [row_of(text, classes=EMPTY)]
        lessons = self._programme.curriculum.lessons
        rows = []
        for session in overview.recent_sessions[: self._limits.sessions]:
            titles = ", ".join(lessons[i].title if i in lessons else i for i in session.lesson_ids)
            rating = session.average_rating()
            stars = f"  ★ {rating:.1f}" if rating is not None else ""
            rows.append(
                line_of(
                    (f"{short_date(session.date)}  ", "bold"),
                    (titles or "no lesson", ""),
                    (f"  {session.minutes} min{stars}", "dim"),
                )
            )
        return rows
