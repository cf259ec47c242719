"""The programme report in Markdown: what a person would hand to their manager or HR.

By default it holds what a programme lead needs and nothing confidential: dates
held against planned, hours, lessons covered, goals and their progress, wins,
skills practised and cards learned. ``include_notes`` adds the shared notes,
action items, reflections and ratings, check-in scores and shared comments, and
the hopes each person wrote down; ``include_private`` adds private notes and
private check-in comments (the caller decrypts them first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from companion.domain.cadence import planned_sessions, rhythm
from companion.domain.cards import CardState, ReviewLog
from companion.domain.checkins import QUESTIONS, CheckIn
from companion.domain.closing import KeepDoing
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
    include_notes: bool = False
    include_private: bool = False
    wins: Sequence[Win] = ()
    skill_rounds: Sequence[SkillRound] = ()
    keep_doing: Sequence[KeepDoing] = ()


_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def no_html(text: str) -> str:
    """Return ``text`` with raw HTML escaped, so a note's ``<script>`` stays visible text.

    Every ``<`` becomes ``&lt;`` and an ``&`` that would start an entity becomes
    ``&amp;``; a plain ``P&L`` stays as it is.
    """
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;")


def _notes(data: ReportData) -> bool:
    """Return whether notes are in the report (private notes bring the shared ones too)."""
    return data.include_notes or data.include_private


def cell(text: str) -> str:
    """Return ``text`` safe for one Markdown table cell (raw HTML escaped)."""
    return " ".join(no_html(text).replace("|", "\\|").split())


def _who(person: Person) -> str:
    extra = ", ".join(x for x in (person.title, person.department) if x)
    return f"{person.name} ({extra})" if extra else person.name


def _owner(pair: Pair, owner: str) -> str:
    return "Both" if owner == "shared" else pair.person(owner).name  # type: ignore[arg-type]


def _quote(text: str) -> list[str]:
    return [f"> {no_html(line)}" if line.strip() else ">" for line in text.strip().splitlines()]


def _programme(data: ReportData) -> list[str]:
    pair = data.pair
    finished = [s for s in data.sessions if s.status == "finished"]
    state = rhythm(pair, data.sessions, data.today)
    hours = sum(s.minutes for s in finished) / 60
    covered = {i for s in finished for i in s.lesson_ids}
    done = sum(1 for a in data.actions if a.done)
    lines = [
        "## The programme",
        "",
        "| | |",
        "|---|---|",
        f"| Started | {pair.started_on.isoformat()} |",
        f"| Rhythm | {pair.cadence}, {pair.session_minutes}-minute sessions |",
        f"| Length | {pair.programme_weeks} weeks ({planned_sessions(pair)} sessions planned) |",
        f"| Sessions held | {len(finished)} of {state.planned_by_now} planned by now |",
        f"| Hours together | {hours:.1f} |",
        f"| Lessons covered | {len(covered)} |",
        f"| Action items done | {done} of {len(data.actions)} |",
    ]
    if pair.next_session_on:
        lines.append(f"| Next session | {pair.next_session_on.isoformat()} |")
    lines += ["", "### Our agreement", ""]
    lines += [f"- {rule}" for rule in pair.agreement] or ["No ground rules recorded."]
    if _notes(data) and (pair.expectations.mentor or pair.expectations.mentee):
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
    wins = [g for g in data.goals if g.status == "achieved"]
    if wins:
        lines += ["", "### Wins", ""]
        for goal in wins:
            when = f" ({goal.updated_on.isoformat()})" if goal.updated_on else ""
            lines.append(f"- {_owner(data.pair, goal.owner)}: {goal.title}{when}")
    return lines


def _titles(data: ReportData, session: Session) -> list[str]:
    return [data.lessons[i].title if i in data.lessons else i for i in session.lesson_ids]


def _sessions_table(data: ReportData) -> list[str]:
    if not data.sessions:
        return ["No sessions yet."]
    lines = ["| Date | Minutes | Lessons | Status |", "|---|---|---|---|"]
    for session in sorted(data.sessions, key=lambda s: s.date):
        titles = cell(", ".join(_titles(data, session))) or "Open session"
        lines.append(
            f"| {session.date.isoformat()} | {session.minutes} | {titles} | {session.status} |"
        )
    return lines


def _session(data: ReportData, session: Session) -> list[str]:
    pair = data.pair
    titles = _titles(data, session)
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
            text = no_html(item.text)
            lines.append(f"- [{'x' if item.done else ' '}] {_owner(pair, item.owner)}: {text}{due}")
        lines.append("")
    reflected = [
        r for r in (session.reflections.mentor, session.reflections.mentee) if r.worked or r.adjust
    ]
    if reflected:
        lines += ["Reflections:", ""]
    for role in ("mentor", "mentee"):
        reflection = session.reflections.of(role)
        bits = [
            f"worked: {no_html(reflection.worked)}" if reflection.worked else "",
            f"adjust: {no_html(reflection.adjust)}" if reflection.adjust else "",
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
    if not _notes(data):
        dates = ", ".join(c.date.isoformat() for c in data.checkins)
        return [*lines, f"{len(data.checkins)} taken ({dates}); answers stay with the pair."]
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
            answers = getattr(checkin, role)
            if answers.comment and (answers.shared or data.include_private):
                private = "" if answers.shared else " (private)"
                lines += ["", f"- {pair.person(role).name}{private}: {no_html(answers.comment)}"]
        lines.append("")
    return lines


def _scope(data: ReportData) -> str:
    if data.include_private:
        return " (includes notes, reflections, check-in comments and private notes)."
    if data.include_notes:
        return " (includes shared notes, reflections and shared check-in comments)."
    return " (notes, reflections and check-in answers stay with the pair)."


def markdown_report(data: ReportData) -> str:
    """Return the whole report as Markdown (see the module docstring for what it holds)."""
    pair = data.pair
    lines = [
        "# Reverse-mentoring programme report",
        "",
        f"{_who(pair.mentor)}, junior mentor, and {_who(pair.mentee)}, senior mentee.",
        f"Report of {data.today.isoformat()}" + _scope(data),
        "",
        *_programme(data),
        "",
        *_goals(data),
        "",
        *evaluation_sections(pair, data.wins, data.skill_rounds, data.keep_doing),
        "",
        "## Sessions",
        "",
    ]
    if _notes(data):
        for session in sorted(data.sessions, key=lambda s: s.date):
            lines += _session(data, session)
    else:
        lines += [*_sessions_table(data), ""]
    lines += [*_log(data), "", *_glossary(data), "", *_checkins(data)]
    return "\n".join(lines).rstrip() + "\n"


def stamp(now: datetime) -> str:
    """Return a timestamp for file names."""
    return now.strftime("%Y%m%d-%H%M%S")
