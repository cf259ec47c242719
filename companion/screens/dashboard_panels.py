"""Which records each dashboard panel shows, so only the panels that changed are rebuilt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.formatting import relative_days, short_date
from companion.programme.start_summary import write_summary

if TYPE_CHECKING:
    from companion.domain.overview import Overview
    from companion.programme.core import Programme

PANEL_RECORDS: dict[str, tuple[str, ...]] = {
    "#rhythm": (
        "pair",
        "settings",
        "sessions",
        "pauses",
        "reschedules",
        "checkins",
        "actions",
        "goals",
    ),
    "#modules": ("progress", "sessions"),
    "#goals": ("goals",),
    "#actions": ("pair", "actions"),
    "#cards": ("pair", "cards", "states", "settings"),
    "#sessions": ("sessions",),
    "#wins": ("wins",),
    "#gains": ("pair", "skills"),
    "#expectations": ("pair", "expectations"),
}
"""Each panel and the kinds of record (tables) it shows: it is rebuilt when one changed."""


def panel_versions(programme: Programme) -> dict[str, tuple[object, ...]]:
    """Return what each panel depends on now: its records' change counts and the time.

    Cards due also change with the clock, so that panel's version moves once a
    minute; the others' once a day (relative dates such as "in 2 days").
    """
    now = programme.now()
    today, minute = now.date(), now.replace(second=0, microsecond=0)
    return {
        selector: (*programme.changes.version(kinds), minute if selector == "#cards" else today)
        for selector, kinds in PANEL_RECORDS.items()
    }


def keep_summary(programme: Programme, overview: Overview) -> None:
    """Write what the first panel shows, for the next start (see ``read_summary``)."""
    r, pair = overview.rhythm, overview.pair
    when = f"{short_date(r.next_session)} ({relative_days(r.next_session, overview.today)})"
    write_summary(
        programme.folder,
        overview.today,
        f"{pair.mentor.name} & {pair.mentee.name}",
        [
            f"{pair.mentor.name} (junior) · {pair.mentee.name} (senior)",
            f"Next session: {when}",
            f"Sessions: {r.held} held of {r.planned} planned ({pair.cadence})",
        ],
    )
