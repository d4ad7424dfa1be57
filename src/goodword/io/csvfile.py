"""Shared CSV reading for every CSV importer: encoding, dialect, header, record line numbers.

All CSV formats go through `read_table`, so a wrong encoding, a truncated quoted cell, an empty
file or a foreign header fails the same way everywhere: `MalformedFile` naming the line.
Address books (Google, Outlook, Thunderbird) turn rows into records in `addressbook`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from goodword.io.errors import MalformedFile
from goodword.io.textfile import read_text
from goodword.text import nfc

MAX_PREAMBLE = 20  # rows searched for the header: LinkedIn puts a note above it
DELIMITERS = (",", ";", "\t")  # Excel saves with ';' where ',' is the decimal mark
MULTI = " ::: "  # Google packs several values of one field into one cell
REMEMBERED = 4096  # distinct label and tag cells parsed once per file
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line ends at CR LF, CR or LF

Birthday = tuple[int | None, int, int]
BirthdayReader = Callable[[list[str]], Birthday | None]
Row = tuple[int, list[str]]  # the line a record starts on, and its cells
Records = Iterator[Row]


class Layout(StrEnum):
    """A header layout recognised by its columns."""

    GOOGLE = "google"
    GOOGLE_LEGACY = "google-legacy"
    OUTLOOK = "outlook"
    THUNDERBIRD = "thunderbird"
    LINKEDIN = "linkedin"
    RELATIONSHIPS = "relationships"


# What each layout is called, and the `goodword import` format that reads it.
_DESCRIPTIONS = {
    Layout.GOOGLE: ("a Google Contacts CSV", "google"),
    Layout.GOOGLE_LEGACY: ("a legacy Google Contacts CSV", "google"),
    Layout.OUTLOOK: ("an Outlook CSV", "outlook"),
    Layout.THUNDERBIRD: ("a Thunderbird address book CSV", "outlook"),
    Layout.LINKEDIN: ("a LinkedIn Connections.csv", "linkedin"),
    Layout.RELATIONSHIPS: ("a relationships CSV", "relationships"),
}
_GOOGLE_MARKS = {"labels", "organization name", "organization title", "file as"}
_OUTLOOK_MARKS = {"e-mail address", "company", "job title", "mobile phone", "business phone"}
_OUTLOOK_MARKS |= {"home phone", "categories", "web page", "e-mail 2 address"}
# Hand-made lists name their columns plainly; with an e-mail column they are address books.
_NAMES = {"first name", "last name", "middle name", "name", "full name", "display name"}
_EMAILS = {"e-mail address", "e-mail 2 address", "e-mail 3 address", "email", "e-mail"}
_EMAILS |= {"email address"}


def detect_layout(keys: Collection[str]) -> Layout | None:
    """Which format a header row belongs to, judged by its distinctive columns.

    A file with only a few columns still counts (`E-mail Address, E-mail 2 Address`, or
    `Name, Email` typed by hand): what it has is read, the rest is simply absent. Such plain
    headers go to the Outlook reader, which knows the plain column names too.
    """
    keys = set(keys)
    given = "first name" in keys or "last name" in keys
    if "a" in keys and "b" in keys:
        return Layout.RELATIONSHIPS
    if "connected on" in keys or (given and "position" in keys):
        return Layout.LINKEDIN
    if (given or "display name" in keys) and ("primary email" in keys or "mobile number" in keys):
        return Layout.THUNDERBIRD
    numbered = any(k.endswith((" - value", " - label")) for k in keys)
    legacy_name = "name" in keys or "given name" in keys
    if given and (numbered or not _GOOGLE_MARKS.isdisjoint(keys)):
        return Layout.GOOGLE
    if legacy_name and ("group membership" in keys or any(k.endswith(" - type") for k in keys)):
        return Layout.GOOGLE_LEGACY
    if numbered:  # Google's numbered groups alone: `E-mail 1 - Value`
        return Layout.GOOGLE_LEGACY if legacy_name else Layout.GOOGLE
    named = not _NAMES.isdisjoint(keys)
    if not _EMAILS.isdisjoint(keys) or (named and not _OUTLOOK_MARKS.isdisjoint(keys)):
        return Layout.OUTLOOK
    return None


def find_header(text: str) -> tuple[Layout, frozenset[str]] | None:
    """The first header `read_table` would know among a file's first rows, and its columns.

    For telling a file's format from its first lines, so quoting is read leniently: the
    importer reports broken quoting with its line.
    """
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = (cells for cells in reader if any(cells))
        try:
            for _, cells in zip(range(MAX_PREAMBLE + 1), rows, strict=False):
                keys = frozenset(header_key(c) for c in cells)
                if (layout := detect_layout(keys)) is not None:
                    return layout, keys
        except csv.Error:  # a NUL byte, or a field beyond the size limit
            continue
    return None


def header_key(cell: str) -> str:
    """Header names compare case- and spacing-insensitively, and without a stray BOM."""
    return " ".join(cell.lstrip("\ufeff").split()).casefold()


@dataclass
class Table:
    """A CSV file after its header: column indexes by header name, then the records.

    Every row handed out is exactly `width + 1` cells long; the last cell is always blank and
    `index` points missing columns at it, so parsers index rows without checking.
    """

    path: Path
    layout: Layout
    columns: dict[str, int]
    width: int
    rows: Records
    header: list[str] = field(default_factory=list)  # the column names as the file has them
    # Columns a parser has looked up; the others are what it does not read (`unread`).
    used: set[int] = field(default_factory=set)

    def index(self, *names: str) -> int:
        """The first of `names` present in the header, else the always-blank cell."""
        for name in names:
            if (found := self.column(name)) is not None:
                return found
        return self.width

    def present(self, *names: str) -> tuple[int, ...]:
        """The indexes of those of `names` the header has, in the order given."""
        return tuple(found for name in names if (found := self.column(name)) is not None)

    def column(self, name: str) -> int | None:
        found = self.columns.get(name)
        if found is not None:
            self.used.add(found)
        return found

    def unread(self) -> tuple[tuple[int, str], ...]:
        """(index, name) of every column no parser looked up, in the file's order: a second
        column of one name too, and a column without a name as `Column N`."""
        return tuple(
            (i, name or f"Column {i + 1}")
            for i, name in enumerate(self.header)
            if i not in self.used
        )


def read_table(path: Path, *, accept: Collection[Layout], what: str, expected: str) -> Table:
    """Open a CSV whose header is one of `accept`, searching past a preamble and dialects.

    Raises: MalformedFile for an unreadable, empty or mis-encoded file, broken quoting, or a
    header that belongs to another format (the message then says which format it looks like).
    """
    text = read_text(path, empty="expected a header row", save_as="CSV UTF-8")
    composed = text.isascii() or unicodedata.is_normalized("NFC", text)
    first: Row | None = None
    seen: Layout | None = None
    broken: MalformedFile | None = None
    for delimiter in DELIMITERS:
        records = _records(path, text, delimiter, composed=composed)
        try:
            for count, (line, cells) in enumerate(records):
                keys = [header_key(c) for c in cells]
                layout = detect_layout(keys)
                if layout is not None and layout in accept:
                    return _table(path, layout, cells, records)
                first = first or (line, cells)
                if layout is not None and seen is None:
                    seen, first = layout, (line, cells)  # show the header it does have
                if count >= MAX_PREAMBLE:
                    break
        except MalformedFile as exc:
            # Quoting only breaks under another delimiter because it is the wrong one.
            broken = broken or (exc if delimiter == DELIMITERS[0] else None)
    if broken is not None:
        raise broken
    raise _foreign(path, first, seen, f"this is not {what}: expected columns like {expected}")


def _table(path: Path, layout: Layout, cells: list[str], records: Records) -> Table:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        columns.setdefault(header_key(cell), i)
    width = len(cells)
    header = [" ".join(cell.lstrip("\ufeff").split()) for cell in cells]
    return Table(path, layout, columns, width, _padded(records, width), header)


def _padded(records: Records, width: int) -> Records:
    for line, cells in records:
        if len(cells) > width:
            del cells[width:]
        elif len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        cells.append("")
        yield line, cells


def _records(path: Path, text: str, delimiter: str, *, composed: bool) -> Records:
    """Non-blank records with the line each starts on, even after multi-line quoted cells.

    Cells come out NFC, as goodword stores text. A file already NFC throughout (nearly every
    one) has NFC cells, since no delimiter or quote composes with what follows it; otherwise
    each cell is normalised on its own, after splitting: NFC turns U+037E (Greek question
    mark) into `;`, a delimiter.
    """
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            if any(cells):
                yield start, cells if composed else [nfc(cell) for cell in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            problem = "a quoted cell is never closed (the file may be truncated)"
            raise MalformedFile(path, start, problem) from None
        raise MalformedFile(path, reader.line_num, f"broken CSV quoting: {exc}") from None


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their breaks, as `io.StringIO(text, newline="")` hands them
    to the reader, but without StringIO's copy of the whole file at four bytes a character."""
    return (match.group() for match in _LINE.finditer(text))


def _foreign(path: Path, first: Row | None, seen: Layout | None, what: str) -> MalformedFile:
    line, cells = first or (1, [])
    shown = ", ".join(repr(c.strip()[:40]) for c in cells[:6]) or "no header row"
    more = ", …" if len(cells) > 6 else ""
    hint = ""
    if seen is not None:
        looks_like, fmt = _DESCRIPTIONS[seen]
        hint = f" (it looks like {looks_like}: import it as {fmt})"
    return MalformedFile(path, line, f"{what}, found {shown}{more}{hint}")
