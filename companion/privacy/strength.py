"""The passphrase rule (8+ characters) and a plain-words strength hint."""

from __future__ import annotations

import itertools
import math
import string
from dataclasses import dataclass
from typing import Literal

MIN_LENGTH = 8
"""The only rule: a passphrase has at least this many characters."""

Level = Literal["weak", "fair", "strong"]
"""How hard a passphrase would be to guess."""

COMMON = frozenset(
    {
        "password",
        "password1",
        "password123",
        "passw0rd",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "iloveyou",
        "letmein1",
        "welcome1",
        "sunshine",
        "football",
        "baseball",
        "princess",
        "abcdefgh",
        "abc12345",
        "trustno1",
        "admin123",
        "companion",
        "mentoring",
    }
)
"""Passphrases tried first by anyone guessing."""


@dataclass(frozen=True)
class Strength:
    """A strength hint: a word and the reason for it."""

    level: Level
    """``weak``, ``fair`` or ``strong``."""
    reason: str
    """One plain sentence saying why."""


def too_short(passphrase: str) -> str | None:
    """Return why ``passphrase`` breaks the length rule, or None when it is long enough."""
    if len(passphrase) < MIN_LENGTH:
        return f"a passphrase needs at least {MIN_LENGTH} characters"
    return None


def _pool(passphrase: str) -> int:
    pool = 0
    for chars in (string.ascii_lowercase, string.ascii_uppercase, string.digits):
        if any(c in chars for c in passphrase):
            pool += len(chars)
    if any(not c.isalnum() and c.isascii() for c in passphrase):
        pool += 33
    if any(not c.isascii() for c in passphrase):
        pool += 100
    return pool


def _repetitive(passphrase: str) -> bool:
    if len(set(passphrase)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(passphrase)}
    return len(steps) == 1 and steps <= {1, -1}


def strength(passphrase: str) -> Strength:
    """Return a hint of how hard ``passphrase`` is to guess (a hint, never a rule)."""
    if short := too_short(passphrase):
        return Strength("weak", short)
    if passphrase.lower() in COMMON:
        return Strength("weak", "it is one of the passphrases people guess first")
    if _repetitive(passphrase):
        return Strength("weak", "it repeats or runs through a sequence of characters")
    words = len(passphrase.split())
    bits = len(passphrase) * math.log2(max(_pool(passphrase), 2))
    if words >= 4 and len(passphrase) >= 20:
        return Strength("strong", "four or more words make a long passphrase that is hard to guess")
    if bits >= 70:
        return Strength("strong", "it is long and varied")
    if bits >= 45:
        return Strength("fair", "longer would be better: try a few unrelated words")
    return Strength("weak", "it is short for the characters it uses: add a few words")
