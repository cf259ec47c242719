"""Anki's HTML fields as plain text: line breaks kept, media named, answer sides cleaned.

Anki's editor writes a two-line field as ``line one<div>line two</div>`` or
``line one<br>line two``; a card export puts the question on the answer side
before ``<hr id=answer>``. These helpers turn such fields into the plain text a
Companion card holds, and say why a field that is only an image or a sound
cannot become a card.
"""

from __future__ import annotations

import html
import re

_DROPPED = re.compile(r"(?is)<!--.*?-->|<style\b.*?</style\s*>|<script\b.*?</script\s*>")
_BREAK = re.compile(r"(?i)<br\s*/?>[ \t]*\n?")
_BLOCK = re.compile(
    r"(?i)(?:</?(?:div|p|ul|ol|h[1-6]|tr|table|blockquote|pre|section)|</li)\b[^>]*>[ \t]*\n?"
)
_ITEM = re.compile(r"(?i)<li\b[^>]*>[ \t]*\n?")
_TAG = re.compile(r"<[^>]*>")
_BOUNDARY = "\x00"
_RUN = re.compile(r"[\s\x00]*\x00[\s\x00]*")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_IMAGE = re.compile(r"(?is)<img\b[^>]*>")
_ALT = re.compile(r"""(?is)\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ANSWER_RULE = re.compile(r"(?is)^.*<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>")

KNOWN_TAGS = re.compile(
    r"(?i)<(?:/?(?:b|i|u|s|em|strong|small|big|sub|sup|span|font|div|p|br|hr|ul|ol|li|"
    r"h[1-6]|a|img|table|tr|td|th|pre|code|blockquote|section)\b[^>]*|!--.*?--)>"
)
"""Tags that show a file holds HTML (used when a file does not say ``#html:``)."""


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains an HTML tag Anki's editor writes."""
    return KNOWN_TAGS.search(text) is not None


def to_plain(text: str) -> str:
    """Return HTML field text as plain text.

    ``<br>`` becomes a newline, each block (``<div>``, ``<p>``…) starts a new
    line, a list item starts ``- ``, other tags go, entities decode, media references go, and blank
    lines never pile up beyond one.
    """
    text = _DROPPED.sub("", text)
    text = _SOUND.sub("", text)
    text = _ITEM.sub(_BOUNDARY + "- ", text)
    text = _BLOCK.sub(_BOUNDARY, text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = _RUN.sub(_boundary_run, text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _boundary_run(match: re.Match[str]) -> str:
    """Blocks next to each other make one line break; an empty block between them, one more."""
    run = match.group(0)
    inner = run[run.index(_BOUNDARY) : run.rindex(_BOUNDARY) + 1]
    return "\n" * (1 + inner.count("\n"))


def answer_side(text: str) -> str:
    """Drop the question that a card export repeats before ``<hr id=answer>``."""
    return _ANSWER_RULE.sub("", text, count=1)


def media_only(field: str) -> str | None:
    """Why ``field`` cannot be a term or a definition, when it is only an image or a sound.

    Returns None when the field holds text.
    """
    images = _IMAGE.findall(field)
    sounds = _SOUND.findall(field)
    if not images and not sounds:
        return None
    rest = _IMAGE.sub("", field)
    if to_plain(rest):
        return None
    if not images:
        return "a sound: sounds are not supported"
    alts = [_alt(tag) for tag in images]
    named = [alt for alt in alts if alt]
    if not named:
        return "an image: images are not supported, and the image has no alt text"
    alt = ", ".join(f'"{a}"' for a in named)
    return f"an image: images are not supported; the alt text was {alt}"


def _alt(tag: str) -> str:
    match = _ALT.search(tag)
    if match is None:
        return ""
    value = next(group for group in match.groups() if group is not None)
    return " ".join(html.unescape(value).split())
