"""Named full screens, so panels and the command palette can open them by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from companion.formatting import relative_days, role_label, short_date

if TYPE_CHECKING:
    from companion.app import CompanionApp

SCREEN_TITLES: dict[str, str] = {
    "dashboard": "Dashboard",
    "curriculum": "Curriculum",
    "settings": "Settings",
    "goals": "Goals",
    "actions": "Action items",
    "sessions": "Journal of sessions",
    "log": "Mentoring log",
    "playbook": "Playbook of challenges",
    "cards": "Glossary",
}
"""Every screen that can be opened by name, with its title."""


def make_screen(app: CompanionApp, target: str) -> Screen[None] | None:
    """Return a new screen for ``target``, or None for an unknown name."""
    from companion.screens.records import RecordsScreen

    journal = app.store.journal
    today = app.now().date()
    pair = journal.pair()
    if target == "dashboard":
        from companion.screens.dashboard import DashboardScreen

        return DashboardScreen()
    if target == "curriculum":
        from companion.screens.curriculum import CurriculumScreen

        return CurriculumScreen()
    if target == "settings":
        from companion.screens.settings import SettingsScreen

        return SettingsScreen()
    if target == "goals":
        rows = [
            (
                g.title,
                role_label(g.owner),
                g.status,
                f"{g.progress}%",
                short_date(g.target_date) if g.target_date else "",
                g.measure,
            )
            for g in journal.goals()
        ]
        return RecordsScreen(
            "Goals", ["Goal", "Owner", "Status", "Progress", "Target", "Measure"], rows
        )
    if target == "actions":
        items = sorted(journal.actions(), key=lambda a: (a.done, a.due or today))
        rows = [
            (
                "✓" if a.done else "·",
                a.text,
                pair.person(a.owner).name if pair and a.owner != "shared" else "both",
                f"{short_date(a.due)} ({relative_days(a.due, today)})" if a.due else "",
            )
            for a in items
        ]
        return RecordsScreen("Action items", ["", "Action", "Owner", "Due"], rows)
    if target == "sessions":
        from companion.screens.journal import JournalScreen

        return JournalScreen()
    if target == "playbook":
        from companion.screens.playbook import PlaybookScreen

        return PlaybookScreen()
    if target == "log":
        from companion.screens.log import LogScreen

        return LogScreen()
    if target == "cards":
        from companion.screens.glossary import GlossaryScreen

        return GlossaryScreen()
    return None
