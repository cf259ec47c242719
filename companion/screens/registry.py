"""Named full screens, so panels and the command palette can open them by name."""

from __future__ import annotations

SCREENS: dict[str, tuple[str, str, str]] = {
    "dashboard": ("Dashboard", "companion.screens.dashboard", "DashboardScreen"),
    "curriculum": ("Curriculum", "companion.screens.curriculum", "CurriculumScreen"),
    "sessions": ("Journal of sessions", "companion.screens.journal", "JournalScreen"),
    "log": ("Mentoring log", "companion.screens.log", "LogScreen"),
    "goals": ("Goals", "companion.screens.goals", "GoalsScreen"),
    "actions": ("Action items", "companion.screens.actions", "ActionsScreen"),
    "cards": ("Glossary", "companion.screens.glossary", "GlossaryScreen"),
    "playbook": ("Playbook of challenges", "companion.screens.playbook", "PlaybookScreen"),
    "skills": ("Skills before and after", "companion.screens.skills", "SkillsScreen"),
    "checkins": ("Check-ins over time", "companion.screens.checkins", "CheckInsScreen"),
    "timeline": ("Programme timeline", "companion.screens.timeline", "TimelineScreen"),
    "wins": ("Wins", "companion.screens.wins", "WinsScreen"),
    "closing": ("Closing session", "companion.screens.closing", "ClosingScreen"),
    "settings": ("Settings", "companion.screens.settings", "SettingsScreen"),
}
"""Every screen that can be opened by name: its title, module and class (imported on use)."""

SCREEN_TITLES: dict[str, str] = {name: title for name, (title, _, _) in SCREENS.items()}
"""Titles by name, for the command palette."""
