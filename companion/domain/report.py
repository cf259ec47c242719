"""The programme report in Markdown: what a person would hand to their manager or HR."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from companion.domain.cadence import planned_sessions
from companion.domain.cards import CardState, ReviewLog
from companion.domain.checkins import QUESTIONS, CheckIn
from companion.domain.content import Lesson
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.log_totals import totals
from companion.domain.pair import Pair, Person
from companion.domain.report_evaluation import evaluation_sections
from companion.domain.sessions import ActionItem, Session
from companion.domain.skills import SkillRound
from companion.domain.wins import Win


@dataclass
class ReportData:
    """Everything the report draws on."""

    pair: Pair
    today: date
    sessions: Sequence[Session] = ()
    goals: Sequence[Goal] = ()
    actions: Sequence[ActionItem] = ()
    log: Sequence[LogEntry] = ()
    checkins: Sequence[CheckIn] = ()
    states: Sequence[CardState] = ()
    reviews: Sequence[ReviewLog] = ()
    lessons: Mapping[str, Lesson] = field(default_factory=dict)
    include_private: bool = False
    wins: Sequence[Win] = ()
    skill_rounds: Sequence[SkillRound] = ()


def cell(text: str) -> str:
    """Return ``text`` safe for one Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _who(person: Person) -> str:
    extra = ", ".join(x for x in (person.title, person.department) if x)
    return f"{person.name} ({extra})" if extra else person.name


def _owner(pair: Pair, owner: str) -> str:
    return "Both" if owner == "shared" else pair.person(owner).name  # type: ignore[arg-type]


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]


def _programme(data: ReportData) -> list[str]:
    pair = data.pair
    finished = [s for s in data.sessions if s.status == "finished"]
    lines = [
        "## The programme",
        "",
        "| | |",
        "|---|---|",
        f"| Started | {pair.started_on.isoformat()} |",
        f"| Rhythm | {pair.cadence}, {pair.session_minutes}-minute sessions |",
        f"| Length | {pair.programme_weeks} weeks ({planned_sessions(pair)} sessions planned) |",
        f"| Sessions held | {len(finished)} |",
    ]
    if pair.next_session_on:
        lines.append(f"| Next session | {pair.next_session_on.isoformat()} |")
    lines += ["", "### Our agreement", ""]
    lines += [f"- {rule}" for rule in pair.agreement] or ["No ground rules recorded."]
    if pair.expectations.mentor or pair.expectations.mentee:
        lines += ["", "### What we hoped for", ""]
        for role in ("mentor", "mentee"):
            hope = getattr(pair.expectations, role)
            if hope:
                lines.append(f"- **{pair.person(role).name}**: {hope}")
    return lines


def _goals(data: ReportData) -> list[str]:
    lines = ["## Goals", ""]
    if not data.goals:
        return [*lines, "No goals recorded."]
    lines += [
        "| Goal | Whose | Status | Progress | Target | How we will know |",
        "|---|---|---|---|---|---|",
    ]
    for goal in data.goals:
        target = goal.target_date.isoformat() if goal.target_date else ""
        lines.append(
            f"| {cell(goal.title)} | {_owner(data.pair, goal.owner)} | {goal.status} | "
            f"{goal.progress}% | {target} | {cell(goal.measure)} |"
        )
    return lines


def _session(data: ReportData, session: Session) -> list[str]:
    pair = data.pair
    titles = [data.lessons[i].title if i in data.lessons else i for i in session.lesson_ids]
    heading = f"### {session.date.isoformat()}: {', '.join(titles) or 'Open session'}"
    ratings = [
        f"{pair.person(role).name} {r.rating}/5"  # type: ignore[arg-type]
        for role, r in (
            ("mentor", session.reflections.mentor),
            ("mentee", session.reflections.mentee),
        )
        if r.rating
    ]
    status = "" if session.status == "finished" else " · still in progress"
    lines = [
        heading,
        "",
        f"*{session.minutes} minutes"
        + (f" · rated {', '.join(ratings)}" if ratings else "")
        + f"{status}*",
        "",
    ]
    if session.shared_notes.strip():
        lines += ["Notes:", "", *_quote(session.shared_notes), ""]
    actions = [a for a in data.actions if a.session_id == session.id]
    if actions:
        lines.append("Actions:")
        lines.append("")
        for item in actions:
            due = f" (due {item.due.isoformat()})" if item.due else ""
            lines.append(
                f"- [{'x' if item.done else ' '}] {_owner(pair, item.owner)}: {item.text}{due}"
            )
        lines.append("")
    reflected = [
        r for r in (session.reflections.mentor, session.reflections.mentee) if r.worked or r.adjust
    ]
    if reflected:
        lines += ["Reflections:", ""]
    for role in ("mentor", "mentee"):
        reflection = session.reflections.of(role)
        bits = [
            f"worked: {reflection.worked}" if reflection.worked else "",
            f"adjust: {reflection.adjust}" if reflection.adjust else "",
        ]
        if any(bits):
            lines.append(f"- {pair.person(role).name}, " + "; ".join(b for b in bits if b))
    if data.include_private:
        for role in ("mentor", "mentee"):
            private = getattr(session.private_notes, role)
            if private.strip():
                lines += ["", f"Private notes of {pair.person(role).name}:", "", *_quote(private)]  # type: ignore[arg-type]
    return [*lines, ""]


def _log(data: ReportData) -> list[str]:
    summary = totals(data.log)
    lines = [
        f"## {data.pair.mentor.name}'s mentoring log",
        "",
        f"{summary.entries} entries ({summary.sessions} sessions, {summary.informal} informal), "
        f"{summary.hours:.1f} hours, {summary.topics} topics.",
    ]
    if summary.skills:
        lines += [
            "",
            "Skills practised: " + ", ".join(f"{k} ({v})" for k, v in summary.skills.items()) + ".",
        ]
    if summary.months:
        lines += ["", "| Month | Hours |", "|---|---|"]
        lines += [f"| {month} | {hours:.1f} |" for month, hours in summary.months]
    return lines


def _glossary(data: ReportData) -> list[str]:
    lines = [
        "## Glossary",
        "",
        "| Person | Cards started | Reviews | Cards in long-term review |",
        "|---|---|---|---|",
    ]
    for role in ("mentee", "mentor"):
        states = [s for s in data.states if s.role == role and not s.is_new]
        reviews = sum(1 for r in data.reviews if r.role == role)
        learned = sum(1 for s in states if s.phase == 2)
        lines.append(f"| {data.pair.person(role).name} | {len(states)} | {reviews} | {learned} |")
    return lines


def _checkins(data: ReportData) -> list[str]:
    lines = ["## Check-ins", ""]
    if not data.checkins:
        return [*lines, "No check-ins recorded."]
    pair = data.pair
    for checkin in data.checkins:
        lines += [
            f"### {checkin.date.isoformat()}",
            "",
            f"| Statement | {pair.mentor.name} | {pair.mentee.name} |",
            "|---|---|---|",
        ]
        for key, statement in QUESTIONS.items():
            a, b = checkin.mentor.scores.get(key), checkin.mentee.scores.get(key)  # type: ignore[call-overload]
            if a or b:
                lines.append(f"| {statement} | {a or '-'} | {b or '-'} |")
        for role in ("mentor", "mentee"):
            comment = getattr(checkin, role).comment
            if comment:
                lines += ["", f"- {pair.person(role).name}: {comment}"]
        lines.append("")
    return lines


def markdown_report(data: ReportData) -> str:
    """Return the whole report as Markdown (private notes only when ``include_private``)."""
    pair = data.pair
    lines = [
        "# Reverse-mentoring programme report",
        "",
        f"{_who(pair.mentor)}, junior mentor, and {_who(pair.mentee)}, senior mentee.",
        f"Report of {data.today.isoformat()}"
        + (" (includes private notes)." if data.include_private else " (private notes left out)."),
        "",
        *_programme(data),
        "",
        *_goals(data),
        "",
        *evaluation_sections(pair, data.wins, data.skill_rounds),
        "",
        "## Sessions",
        "",
    ]
    for session in sorted(data.sessions, key=lambda s: s.date):
        lines += _session(data, session)
    lines += [*_log(data), "", *_glossary(data), "", *_checkins(data)]
    return "\n".join(lines).rstrip() + "\n"


def stamp(now: datetime) -> str:
    """Return a timestamp for file names."""
    return now.strftime("%Y%m%d-%H%M%S")
