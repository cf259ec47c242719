"""The programme timeline: planned sessions, the ones held on them, gaps, midpoint and end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Literal

from companion.domain.cadence import GRACE_DAYS, planned_sessions
from companion.domain.pair import CADENCE_DAYS, Pair
from companion.domain.plan import (
    Pause,
    Reschedule,
    after_active_days,
    paused_days,
    planned_dates,
)
from companion.domain.sessions import Session

SlotStatus = Literal["held", "missed", "upcoming"]
"""A planned session: held, missed (its day passed without a session), or still to come."""


@dataclass(frozen=True)
class Slot:
    """One planned session of the programme."""

    index: int
    """Its number in the plan, from 0; the stable key (calendar UIDs use it)."""
    planned_on: date
    """The day the cadence (after pauses) gives it."""
    on: date
    """The day it happens: ``planned_on``, or the day it was moved to, or the day it was held."""
    at: time | None
    """The time of day, when one was agreed (the pair's, or the reschedule's)."""
    status: SlotStatus
    """Held, missed or upcoming."""
    session_id: str | None = None
    """The session held for it."""
    sequence: int = 0
    """How many times it was moved (0 when never)."""
    rescheduled: bool = False
    """True when the pair moved it to another day."""

    @property
    def shift_days(self) -> int:
        """Days between the planned day and the real one (negative when earlier)."""
        return (self.on - self.planned_on).days


@dataclass(frozen=True)
class Gap:
    """A stretch longer than the cadence (plus grace) without a session, pauses left out."""

    starts_on: date
    """The last session before it (or the start)."""
    ends_on: date
    """The next session (or today)."""
    days: int
    """Days between the two, paused days not counted."""
    missed: int
    """Planned sessions that fell in it and were not held."""


@dataclass(frozen=True)
class Timeline:
    """Where the programme stands against its plan on one day."""

    slots: tuple[Slot, ...]
    """Every planned session, in order."""
    extra_sessions: tuple[str, ...]
    """Ids of finished sessions that matched no planned one (an extra meeting)."""
    gaps: tuple[Gap, ...]
    """Stretches without a session longer than the cadence allows."""
    pauses: tuple[Pause, ...]
    """The pauses, oldest first."""
    start: date
    """The programme's start."""
    midpoint: date
    """The day half the programme (outside pauses) has passed."""
    end: date
    """The day the programme ends: its length plus the paused days."""
    weeks_elapsed: int
    """Whole weeks since the start, paused days left out, capped at the length."""
    programme_weeks: int
    """The programme's length in weeks."""
    paused: int
    """Days paused so far."""
    today: date
    """The day the timeline describes."""

    @property
    def held(self) -> int:
        """Planned sessions held."""
        return sum(s.status == "held" for s in self.slots)

    @property
    def missed(self) -> int:
        """Planned sessions whose day passed without a session."""
        return sum(s.status == "missed" for s in self.slots)

    def upcoming(self) -> list[Slot]:
        """The planned sessions still to come, soonest first."""
        return sorted((s for s in self.slots if s.status == "upcoming"), key=lambda s: s.on)

    @property
    def past_midpoint(self) -> bool:
        """True from the midpoint on."""
        return self.today >= self.midpoint

    @property
    def ended(self) -> bool:
        """True from the end on."""
        return self.today >= self.end


def tolerance(pair: Pair) -> int:
    """Days a held session may be off its planned day and still count as held on it."""
    return CADENCE_DAYS[pair.cadence] // 2


def _match(
    days: list[date], sessions: Sequence[Session], window: int
) -> tuple[dict[int, Session], list[str]]:
    """Match finished sessions to planned days: each to the nearest free day within ``window``."""
    matched: dict[int, Session] = {}
    extra: list[str] = []
    for session in sorted(sessions, key=lambda s: s.date):
        best = min(
            (i for i, day in enumerate(days) if i not in matched),
            key=lambda i: (abs((days[i] - session.date).days), i),
            default=None,
        )
        if best is not None and abs((days[best] - session.date).days) <= window:
            matched[best] = session
        else:
            extra.append(session.id)
    return matched, extra


def _gaps(
    held: list[date], pair: Pair, pauses: Sequence[Pause], slots: list[Slot], today: date
) -> list[Gap]:
    limit = CADENCE_DAYS[pair.cadence] + GRACE_DAYS
    points = [pair.started_on, *held] if not held or held[0] > pair.started_on else held
    found: list[Gap] = []
    ends = [*points[1:], today]
    for begin, finish in zip(points, ends, strict=True):
        if finish <= begin:
            continue
        days = (finish - begin).days - (paused_days(pauses, finish) - paused_days(pauses, begin))
        if days > limit:
            missed = sum(1 for s in slots if s.status == "missed" and begin < s.on < finish)
            found.append(Gap(begin, finish, days, missed))
    return found


def timeline(
    pair: Pair,
    sessions: Sequence[Session],
    today: date,
    pauses: Sequence[Pause] = (),
    reschedules: Sequence[Reschedule] = (),
) -> Timeline:
    """Return the programme's timeline on ``today``.

    The plan holds as many sessions as the programme's length and cadence
    give (see ``planned_sessions``), on the cadence grid with paused days
    skipped. A reschedule moves one planned session; the pair's agreed next
    date (``Pair.next_session_on``) moves the next one still to come, unless
    that one was rescheduled explicitly (an agreed date already past is
    ignored). Finished sessions are matched to the nearest planned day within
    half the cadence; the rest are extras.
    """
    session_time = pair.session_time
    ordered_pauses = tuple(sorted(pauses, key=lambda p: p.starts_on))
    count = planned_sessions(pair)
    grid = planned_dates(pair.started_on, pair.cadence, count, ordered_pauses)
    moves = {r.slot: r for r in reschedules if r.slot < len(grid)}
    effective = [moves[i].moved_to if i in moves else day for i, day in enumerate(grid)]
    finished = [s for s in sessions if s.status == "finished"]
    matched, extra = _match(effective, finished, tolerance(pair))
    last_held = max((s.date for s in finished), default=None)
    implicit: int | None = None
    agreed = pair.next_session_on
    if agreed is not None and agreed >= today and (last_held is None or agreed > last_held):
        implicit = next(
            (i for i, day in enumerate(effective) if i not in matched and day >= today), None
        )
        if implicit is not None and (
            implicit in moves or effective[implicit] == pair.next_session_on
        ):
            implicit = None
    slots: list[Slot] = []
    for i, planned in enumerate(grid):
        move = moves.get(i)
        on, at, sequence = effective[i], session_time, 0
        if move is not None:
            at, sequence = move.at or session_time, move.sequence
        elif i == implicit and pair.next_session_on is not None:
            on, sequence = pair.next_session_on, 1
        session = matched.get(i)
        if session is not None:
            status: SlotStatus = "held"
            on = session.date
        else:
            status = "upcoming" if on >= today else "missed"
        slots.append(
            Slot(
                index=i,
                planned_on=planned,
                on=on,
                at=at,
                status=status,
                session_id=session.id if session else None,
                sequence=sequence,
                rescheduled=move is not None or i == implicit,
            )
        )
    days = pair.programme_weeks * 7
    end = after_active_days(pair.started_on, days, ordered_pauses)
    midpoint = after_active_days(pair.started_on, days // 2, ordered_pauses)
    until = min(today, end)
    active = max(
        0,
        (until - pair.started_on).days
        - (paused_days(ordered_pauses, until) - paused_days(ordered_pauses, pair.started_on)),
    )
    return Timeline(
        slots=tuple(slots),
        extra_sessions=tuple(extra),
        gaps=tuple(_gaps(sorted(s.date for s in finished), pair, ordered_pauses, slots, today)),
        pauses=ordered_pauses,
        start=pair.started_on,
        midpoint=midpoint,
        end=max(end, slots[-1].on) if slots else end,
        weeks_elapsed=min(pair.programme_weeks, active // 7) if today >= pair.started_on else 0,
        programme_weeks=pair.programme_weeks,
        paused=paused_days(ordered_pauses, today),
        today=today,
    )
