"""Anki's plain-text format: read exports and CSV/TSV as Anki does; write files Anki imports.

Reading follows Anki's importer (``rslib/src/import_export/text/csv``):

- A first line ``tags:a b`` (Anki's old style) gives tags to every note.
- Then come ``#key:value`` header lines, in any order: ``separator`` (``Tab``,
  ``Pipe``, ``Semicolon``, ``Comma``, ``Space``, ``Colon`` or the character
  itself; delimiters a spreadsheet added after the value are ignored, as in
  ``#separator:Pipe,,,``), ``html``, ``tags``, ``columns``, ``notetype``,
  ``deck`` and the ``guid``/``notetype``/``deck``/``tags`` ``column`` numbers.
- Without ``#separator:`` the first line that is not a header decides, in Anki's
  order: tab, pipe, semicolon, colon, comma, then space (a ``.csv`` file tries
  the comma before the colon). Without ``#html:`` a field with an HTML tag in the
  first five rows makes the file HTML.
- Fields follow CSV quoting and may span lines; a line starting with ``#`` is a
  comment; a byte order mark and Windows line ends are accepted.
- Columns named by ``#columns:`` or by a header row (``front back tags``,
  ``term definition example``…) are mapped by name; otherwise the regular
  columns are the term, the definition and, when present, the example.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from companion.domain.anki_html import answer_side, looks_like_html, media_only, to_plain

__all__ = [
    "EXAMPLE_MARK",
    "SEPARATORS",
    "AnkiFile",
    "AnkiRow",
    "ExportCard",
    "anki_deck_name",
    "companion_deck",
    "parse_anki",
    "to_plain",
    "write_anki",
]

SEPARATORS = {
    "tab": "\t",
    "pipe": "|",
    "semicolon": ";",
    "colon": ":",
    "comma": ",",
    "space": " ",
}
"""Anki's separator names, in the order Anki tries them when a file does not say."""

EXAMPLE_MARK = "\n\nExample: "
"""How the example is appended to the back of a card on export (Basic notes have two fields)."""

NOTETYPE = "Basic"
"""The note type Companion's Anki export names."""

DECK_ROOT = "Companion"
"""The parent deck of Companion's decks in Anki (``Companion::Business``)."""

_NAMES = {
    "term": {"term", "front", "question", "word", "phrase", "text"},
    "definition": {"definition", "back", "answer", "meaning"},
    "example": {"example", "examples", "sentence", "extra"},
    "tags": {"tags", "tag"},
    "deck": {"deck"},
    "notetype": {"notetype", "note type"},
    "guid": {"guid"},
}
"""Column names (lower case) and the card part each one fills."""

_META = ("guid", "notetype", "deck", "tags")


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


@dataclass
class _Header:
    """What the lines at the top of a file said."""

    values: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    lines: int = 0


def _trimmed(value: str) -> str:
    """Cut delimiters a spreadsheet appended to a value (``Pipe,,,`` is ``Pipe``), as Anki does."""
    if len(value) < 2:
        return value
    match = re.search(r"[^0-9A-Za-z]", value[1:])
    return value if match is None else value[: 1 + match.start()]


def _read_header(lines: Sequence[str]) -> _Header:
    header = _Header()
    if lines and lines[0].startswith("tags:"):
        header.tags = tuple(lines[0][5:].split())
        header.lines = 1
    for line in lines[header.lines :]:
        if not line.startswith("#"):
            break
        header.lines += 1
        key, colon, value = line[1:].rstrip("\n").partition(":")
        if colon:
            header.values[key.strip().lower()] = value
    return header


def _separator(header: _Header, body: Sequence[str], name: str) -> str | None:
    """Return the separator the header names or the first data line shows (None: unknown name)."""
    given = header.values.get("separator")
    if given is not None:
        value = _trimmed(given)
        by_name = SEPARATORS.get(value.strip().lower())
        if by_name:
            return by_name
        return value if value in SEPARATORS.values() else None
    first = next((line for line in body if line.strip() and not line.startswith("#")), "")
    first = re.sub(r'"(?:[^"]|"")*("|$)', "", first)  # a quoted separator does not count
    order = list(SEPARATORS.values())
    if name.lower().endswith(".csv"):
        order.remove(",")
        order.insert(order.index(":"), ",")
    return next((sep for sep in order if sep in first.rstrip("\n")), "\t")


def _column(header: _Header, key: str) -> int | None:
    value = _trimmed(header.values.get(key, "")).strip()
    return int(value) - 1 if value.isdigit() and int(value) > 0 else None


def _records(lines: Sequence[str], sep: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) per record; a comment line is skipped, as in Anki.

    A record whose quote never closes is yielded with no fields, and reading
    goes on at the next line.
    """
    text = "".join(lines)
    field_re = re.compile(
        r'"([^"]*(?:""[^"]*)*)"([^' + re.escape(sep) + r"\n]*)|([^" + re.escape(sep) + r"\n]*)"
    )
    pos, line = 0, first_line
    while pos < len(text):
        start = line
        if text[pos] == "#":
            end = text.find("\n", pos)
            pos, line = (len(text) if end < 0 else end + 1), line + 1
            continue
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text.find('"', pos, end) < 0:  # no quote on the line: plain fields (most lines)
            yield start, text[pos:end].split(sep)
            pos, line = end + 1, line + 1
            continue
        fields: list[str] = []
        broken = False
        while True:
            match = field_re.match(text, pos)
            assert match is not None  # the last alternative matches the empty string
            quoted, tail, plain = match.groups()
            if quoted is not None:
                fields.append(quoted.replace('""', '"') + tail)
            elif plain.startswith('"'):
                broken = True
            else:
                fields.append(plain)
            line += match.group(0).count("\n")
            pos = match.end()
            if broken or pos >= len(text) or text[pos] == "\n":
                break
            pos += 1
        if broken:
            end = text.find("\n", pos)
            pos, line = (len(text) if end < 0 else end + 1), line + 1
            yield start, []
            continue
        pos, line = pos + 1, line + 1
        yield start, fields


def _roles(labels: Sequence[str], taken: dict[str, int | None]) -> dict[str, int] | None:
    """Map named columns to card parts, or None when the names do not say term and definition."""
    roles: dict[str, int] = {}
    for index, label in enumerate(labels):
        name = " ".join(label.strip().lower().split())
        role = next((r for r, names in _NAMES.items() if name in names), None)
        if role is None or role in roles or index in taken.values():
            continue
        if role in _META and taken.get(role) is not None:
            continue
        roles[role] = index
    return roles if "term" in roles and "definition" in roles else None


def parse_anki(text: str, name: str = "") -> AnkiFile:
    """Read an Anki text export or a plain CSV/TSV file (``name`` helps guess the separator)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
    header = _read_header(lines)
    body = lines[header.lines :]
    result = AnkiFile()
    sep = _separator(header, body, name)
    if sep is None:
        result.problems.append((1, f"unknown separator '{header.values['separator'].strip()}'"))
        return result
    result.separator = sep
    records = list(_records(body, sep, header.lines + 1))
    flag = _trimmed(header.values.get("html", "")).strip().lower()
    if flag in ("true", "false"):
        result.html = flag == "true"
    else:
        result.html = any(looks_like_html(cell) for _, row in records[:5] for cell in row)
    meta: dict[str, int | None] = {key: _column(header, f"{key} column") for key in _META}
    roles: dict[str, int] | None = None
    if "columns" in header.values:
        labels = next(csv.reader([header.values["columns"].rstrip("\n")], delimiter=sep), [])
        roles = _roles(labels, meta)
    elif records and records[0][1]:
        roles = _roles(records[0][1], meta)
        if roles is not None and _is_label_row(records[0][1]):
            records = records[1:]
        else:
            roles = None
    if roles is not None:
        for key in _META:
            meta[key] = meta[key] if meta[key] is not None else roles.get(key)
    defaults = {
        "deck": header.values.get("deck", "").strip(),
        "notetype": header.values.get("notetype", "").strip(),
    }
    tags = header.tags + tuple(header.values.get("tags", "").split())
    for line, record in records:
        if not record:
            result.problems.append((line, "a quote opened on this line is never closed"))
            continue
        if all(not cell.strip() for cell in record):
            continue
        row = _row(record, line, meta, roles, result.html, defaults, tags)
        if isinstance(row, str):
            result.problems.append((line, row))
        else:
            result.rows.append(row)
    return result


def _is_label_row(record: Sequence[str]) -> bool:
    """True when every filled cell of the first row is a column name."""
    names = {name for group in _NAMES.values() for name in group}
    cells = [" ".join(cell.strip().lower().split()) for cell in record if cell.strip()]
    return all(cell in names for cell in cells)


def _row(
    record: list[str],
    line: int,
    meta: dict[str, int | None],
    roles: dict[str, int] | None,
    is_html: bool,
    defaults: dict[str, str],
    global_tags: tuple[str, ...],
) -> AnkiRow | str:
    def cell(index: int | None) -> str:
        return record[index] if index is not None and index < len(record) else ""

    notetype = cell(meta["notetype"]).strip() or defaults["notetype"]
    if "cloze" in notetype.lower():
        return f"'{notetype}' notes are not supported (a card needs a term and a definition)"
    if roles is not None:
        raw = [cell(roles.get(part)) for part in ("term", "definition", "example")]
    else:
        taken = {i for i in meta.values() if i is not None}
        regular = [value for index, value in enumerate(record) if index not in taken]
        if len(regular) < 2:
            return "needs at least two fields (the term and its definition)"
        raw = [*regular[:3], "", ""][:3]
    if is_html:
        raw[1] = answer_side(raw[1])
    for part, value in zip(("the term", "the definition"), raw, strict=False):
        reason = media_only(value)
        if reason is not None:
            return f"{part} is only {reason}"
    term, definition, example = (to_plain(v) if is_html else v.strip() for v in raw)
    if EXAMPLE_MARK.strip("\n") in definition and not example:
        definition, _, example = definition.partition(EXAMPLE_MARK)
        definition, example = definition.strip(), example.strip()
    if not term:
        return "the term (first field) is empty"
    if not definition:
        return f"'{term}' has no definition (second field)"
    own_tags = tuple(cell(meta["tags"]).split())
    return AnkiRow(
        line=line,
        term=term,
        definition=definition,
        example=example,
        tags=tuple(dict.fromkeys(own_tags + global_tags)),
        guid=cell(meta["guid"]).strip(),
        deck=cell(meta["deck"]).strip() or defaults["deck"],
        notetype=notetype,
    )


@dataclass(frozen=True)
class ExportCard:
    """What an exported note carries (``deck`` is the Companion deck id, when known)."""

    guid: str
    term: str
    definition: str
    example: str
    tags: tuple[str, ...]
    deck: str = ""


def anki_deck_name(deck_id: str) -> str:
    """Return the Anki deck for a Companion deck: ``business`` is ``Companion::Business``."""
    words = deck_id.replace("-", " ").strip()
    return f"{DECK_ROOT}::{words[:1].upper()}{words[1:]}" if words else DECK_ROOT


def companion_deck(anki_deck: str) -> str:
    """Return the deck name an Anki deck stands for (``Companion::Business`` is ``Business``)."""
    prefix = DECK_ROOT + "::"
    name = anki_deck.strip()
    return name[len(prefix) :] if name.lower().startswith(prefix.lower()) else name


def write_anki(cards: Sequence[ExportCard], deck: str | None = None) -> str:
    """Return a tab-separated file that Anki imports as Basic notes, guids kept stable.

    Every card goes to the Anki deck ``deck`` when it is given; otherwise each
    goes to ``Companion::<its deck>`` through a deck column.
    """
    buffer = io.StringIO()
    buffer.write(f"#separator:tab\n#html:false\n#notetype:{NOTETYPE}\n")
    if deck:
        buffer.write(f"#deck:{deck}\n#guid column:1\n#tags column:4\n")
    else:
        buffer.write("#guid column:1\n#deck column:2\n#tags column:5\n")
    for card in cards:
        back = card.definition + (EXAMPLE_MARK + card.example if card.example else "")
        tags = " ".join(tag.replace(" ", "_") for tag in card.tags)
        where = [] if deck else [anki_deck_name(card.deck or "imported")]
        cells = [card.guid, *where, card.term, back, tags]
        buffer.write("\t".join(_quoted(cell) for cell in cells) + "\n")
    return buffer.getvalue()


def _quoted(cell: str) -> str:
    """Quote a cell Anki would misread bare: a tab, quote or line break, or a leading ``#``."""
    if cell.startswith("#") or any(ch in cell for ch in '\t"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell
