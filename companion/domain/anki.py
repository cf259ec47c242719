"""Anki's plain-text format: read Anki exports and CSV/TSV, and write files Anki imports.

Anki text files may start with header lines such as ``#separator:tab``,
``#html:true``, ``#columns:Front<TAB>Back``, ``#tags column:3``, ``#deck column:4``,
``#notetype column:5`` or ``#guid column:1``; fields follow CSV quoting rules and
may span lines. The first two note fields are the term and the definition; a
third, when present, is the example.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "space": " ",
    "colon": ":",
    "\t": "\t",
    ",": ",",
    ";": ";",
    "|": "|",
    " ": " ",
    ":": ":",
}
"""Anki's separator names (and the characters themselves)."""

EXAMPLE_MARK = "\n\nExample: "
"""How the example is appended to the back of a card on export (Basic notes have two fields)."""


@dataclass(frozen=True)
class AnkiRow:
    """One note read from a file."""

    line: int
    term: str
    definition: str
    example: str = ""
    tags: tuple[str, ...] = ()
    guid: str = ""
    deck: str = ""
    notetype: str = ""


@dataclass
class AnkiFile:
    """What was read: the notes, and a message per row that could not be read."""

    rows: list[AnkiRow] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    html: bool = False
    separator: str = "\t"


def to_plain(text: str) -> str:
    """Return HTML field text as plain text: breaks become newlines, tags go, entities decode."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)</(p|div|li)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Read the ``#key:value`` lines at the top; return them and how many lines they took."""
    found: dict[str, str] = {}
    count = 0
    for line in lines:
        match = re.match(r"^#([a-z ]+):(.*)$", line.rstrip("\r\n"), re.IGNORECASE)
        if not match:
            break
        found[match.group(1).strip().lower()] = match.group(2)
        count += 1
    return found, count


def _guess_separator(first: str, name: str) -> str:
    if name.lower().endswith(".csv"):
        return ","
    if "\t" in first or name.lower().endswith((".tsv", ".txt")):
        return "\t"
    return ","


def _column(headers: dict[str, str], key: str) -> int | None:
    value = headers.get(key, "").strip()
    return int(value) - 1 if value.isdigit() and int(value) > 0 else None


def parse_anki(text: str, name: str = "") -> AnkiFile:
    """Read an Anki text export or a plain CSV/TSV file (``name`` helps guess the separator)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    headers, skip = _header(lines)
    body = lines[skip:]
    result = AnkiFile()
    sep_name = headers.get("separator", "").strip()
    if sep_name:
        if sep_name.lower() not in SEPARATORS and sep_name not in SEPARATORS:
            result.problems.append((1, f"unknown separator '{sep_name}'"))
            return result
        result.separator = SEPARATORS.get(sep_name.lower(), SEPARATORS.get(sep_name, "\t"))
    else:
        first = next((line for line in body if line.strip() and not line.startswith("#")), "")
        result.separator = _guess_separator(first, name)
    result.html = headers.get("html", "false").strip().lower() == "true"
    special = {
        "tags": _column(headers, "tags column"),
        "deck": _column(headers, "deck column"),
        "notetype": _column(headers, "notetype column"),
        "guid": _column(headers, "guid column"),
    }
    default_deck = headers.get("deck", "").strip()
    default_tags = tuple(headers.get("tags", "").split())
    reader = csv.reader(iter(body), delimiter=result.separator, quotechar='"', strict=True)
    start = skip + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append((start, f"cannot read this row ({exc})"))
            start = skip + reader.line_num + 1
            continue
        line_no = start
        start = skip + reader.line_num + 1
        if not record or all(not cell.strip() for cell in record):
            continue
        if record[0].startswith("#") and line_no == start - 1:
            continue  # a comment line
        if not headers and not result.rows and not result.problems and _is_header_row(record):
            continue  # a plain CSV's own header row
        row = _row(record, line_no, special, result.html, default_deck, default_tags)
        if isinstance(row, str):
            result.problems.append((line_no, row))
        else:
            result.rows.append(row)
    return result


HEADER_WORDS = (
    {"term", "front", "question", "word", "phrase"},
    {"definition", "back", "answer", "meaning"},
)


def _is_header_row(record: list[str]) -> bool:
    names = [cell.strip().lower() for cell in record[:2]]
    return len(names) == 2 and names[0] in HEADER_WORDS[0] and names[1] in HEADER_WORDS[1]


def _row(
    record: list[str],
    line: int,
    special: dict[str, int | None],
    is_html: bool,
    default_deck: str,
    default_tags: tuple[str, ...],
) -> AnkiRow | str:
    def cell(index: int | None) -> str:
        return record[index] if index is not None and index < len(record) else ""

    taken = {i for i in special.values() if i is not None}
    fields = [value for index, value in enumerate(record) if index not in taken]
    clean = [to_plain(value) if is_html else value.strip() for value in fields]
    if len(clean) < 2:
        return "needs at least two fields (the term and its definition)"
    term, definition = clean[0], clean[1]
    example = clean[2] if len(clean) > 2 else ""
    if EXAMPLE_MARK.strip("\n") in definition and not example:
        definition, _, example = definition.partition(EXAMPLE_MARK)
        definition, example = definition.strip(), example.strip()
    if not term:
        return "the term (first field) is empty"
    if not definition:
        return f"'{term}' has no definition (second field)"
    tags = tuple(cell(special["tags"]).split()) or default_tags
    return AnkiRow(
        line=line,
        term=term,
        definition=definition,
        example=example,
        tags=tags,
        guid=cell(special["guid"]).strip(),
        deck=cell(special["deck"]).strip() or default_deck,
        notetype=cell(special["notetype"]).strip(),
    )


@dataclass(frozen=True)
class ExportCard:
    """What an exported note carries."""

    guid: str
    term: str
    definition: str
    example: str
    tags: tuple[str, ...]


def write_anki(cards: list[ExportCard], deck: str | None = None) -> str:
    """Return a tab-separated file that Anki imports as Basic notes, guids kept stable."""
    buffer = io.StringIO()
    buffer.write("#separator:tab\n#html:false\n#guid column:1\n#tags column:4\n")
    if deck:
        buffer.write(f"#deck:{deck}\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for card in cards:
        back = card.definition + (EXAMPLE_MARK + card.example if card.example else "")
        tags = " ".join(tag.replace(" ", "_") for tag in card.tags)
        writer.writerow([card.guid, card.term, back, tags])
    return buffer.getvalue()
