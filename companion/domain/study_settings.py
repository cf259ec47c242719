"""Reading the review and skills settings as people type them, with sentences for errors."""

from __future__ import annotations

from companion.domain.tags import normalise_tags

RETENTION_MIN, RETENTION_MAX = 0.70, 0.97
"""The desired retention Companion accepts everywhere: the Settings form and the model.

This is the range the FSRS project documents as permissible: "The permissible
range for desired retention is 0.70 to 0.97" (fsrs4anki, docs/tutorial.md,
https://github.com/open-spaced-repetition/fsrs4anki/blob/main/docs/tutorial.md).
Above it the workload grows steeply; below it too much is forgotten.
"""

NEW_PER_DAY_MAX = 200
"""The most new cards a person can be shown in a day."""

SKILLS_MAX, SKILL_LENGTH = 20, 80
"""How many skills a person rates at most, and the longest name of one."""


def read_new_per_day(text: str) -> int:
    """Read a number of new cards per day (0–200); ValueError with a sentence otherwise."""
    raw = text.strip()
    if not raw.isdigit() or int(raw) > NEW_PER_DAY_MAX:
        raise ValueError(f"New cards per day must be a whole number from 0 to {NEW_PER_DAY_MAX}.")
    return int(raw)


def read_retention(text: str) -> float:
    """Read a desired retention as ``0.9``, ``90`` or ``90%`` (0.70–0.97); ValueError otherwise."""
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    message = (
        f"Desired retention must be between {RETENTION_MIN:.2f} and {RETENTION_MAX:.2f} "
        "(or 70% to 97%)."
    )
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(message) from exc
    if value > 1:
        value /= 100
    value = round(value, 4)
    if not RETENTION_MIN <= value <= RETENTION_MAX:
        raise ValueError(message)
    return value


def read_skills(text: str) -> list[str]:
    """Read a comma-separated skill list by the one rule for tags (trimmed, no case-folded twins).

    Raises ValueError with a sentence when there are none, too many or one is too long.
    """
    skills = normalise_tags(text)
    if not skills:
        raise ValueError("Name at least one skill, separated by commas.")
    if len(skills) > SKILLS_MAX:
        raise ValueError(f"At most {SKILLS_MAX} skills; there are {len(skills)}.")
    if any(len(s) > SKILL_LENGTH for s in skills):
        raise ValueError(
            f"Each skill name is at most {SKILL_LENGTH} characters; shorten the long one."
        )
    return skills
