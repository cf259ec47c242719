"""A session's agenda: time boxes scaled to the session's length."""

from __future__ import annotations

from companion.domain.sessions import AgendaItem

SEGMENTS: tuple[tuple[str, str, int], ...] = (
    ("check-in", "Check-in", 10),
    ("follow-up", "Follow up open action items", 10),
    ("lesson", "The lesson", 40),
    ("practice", "Practice: the lesson's activity", 30),
    ("wrap-up", "Wrap-up: ratings, actions, next date", 10),
)
"""Each segment's key, title and share of the session in percent."""


def default_agenda(total_minutes: int) -> list[AgendaItem]:
    """Split ``total_minutes`` over the segments by their shares.

    Every segment gets at least one minute, and the minutes always add up to
    the total (the largest remainders get the spare minutes).
    """
    if total_minutes < len(SEGMENTS):
        raise ValueError(f"a session needs at least {len(SEGMENTS)} minutes for its agenda")
    raw = [(key, title, total_minutes * share / 100) for key, title, share in SEGMENTS]
    minutes = [max(1, int(value)) for _, _, value in raw]
    spare = total_minutes - sum(minutes)
    order = sorted(range(len(raw)), key=lambda i: raw[i][2] - int(raw[i][2]), reverse=True)
    step = 1 if spare > 0 else -1
    index = 0
    while spare != 0:
        target = order[index % len(order)]
        if step > 0 or minutes[target] > 1:
            minutes[target] += step
            spare -= step
        index += 1
    return [
        AgendaItem(key=key, title=title, minutes=m)
        for (key, title, _), m in zip(raw, minutes, strict=True)
    ]
