"""Which import format a file is in, judged from its first bytes without parsing it.

`goodword import FILE` needs the format before an importer runs, and a mailbox or an address
book can be gigabytes, so sniffing reads at most `HEAD` bytes and the file is still parsed
once, by its importer. Formats with a marker are known by it (SQLite's header, `From ` opening
a mailbox, `BEGIN:VCARD`, any other `BEGIN:` for calendars, `{` for a JSON archive); CSVs by
their header row, found the way `read_table` finds it, and told apart by the columns only one
exporter writes. Nothing here imports a parser: they pull in large libraries.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from goodword.errors import GoodwordError, InvalidInput
from goodword.io.csvfile import Layout, find_header
from goodword.io.errors import MalformedFile
from goodword.io.formats import ImportFormat

HEAD = 1 << 16
SQLITE_MAGIC = b"SQLite format 3\x00"
TRIED = (
    "vCard, iCalendar, mbox, a goodword archive (JSON or SQLite backup), and CSV headers "
    "of Google Contacts, Outlook, Thunderbird, LinkedIn and relationships (a,b,strength,…)"
)
_COMPRESSED = {
    b"\x1f\x8b": "is gzip-compressed; decompress it first",
    b"PK\x03\x04": "is a zip archive; extract the file to import from it first",
}


@dataclass(frozen=True)
class Detected:
    """A file's import format, the exporter's layout within it, and what to call it."""

    format: ImportFormat
    layout: str  # a stable slug: "vcard", "outlook-desktop", "linkedin-2020", …
    description: str  # for people: "an Outlook desktop CSV"


def detect_format(path: Path) -> Detected:
    """The format `goodword import` reads `path` as.

    Raises: InvalidInput for a missing file; MalformedFile naming what was tried when the file
    is none of the formats.
    """
    head = read_head(path)
    found = sniff(head, name=path.name, whole=len(head) < HEAD)
    if found is None:
        raise MalformedFile(path, None, _unknown(head))
    return found


def read_head(path: Path) -> bytes:
    """Raises: InvalidInput for a missing file or a folder; MalformedFile when unreadable."""
    if not path.is_file():
        raise InvalidInput(f"No such file: {path}.")
    try:
        with path.open("rb") as file:
            return file.read(HEAD)
    except OSError as exc:
        raise MalformedFile(path, None, f"cannot be read: {exc.strerror or exc}") from None


def sniff(head: bytes, *, name: str = "", whole: bool = True) -> Detected | None:
    """The format a file's first bytes show; `whole` when `head` is all of the file.

    The name counts only where the content cannot tell: LinkedIn's 2014 export is an
    Outlook CSV, known as LinkedIn's by the name LinkedIn gave it.
    """
    if head.startswith(SQLITE_MAGIC):
        return Detected(ImportFormat.ARCHIVE, "sqlite-backup", "a goodword SQLite backup")
    if head.startswith(b"From "):  # where the mbox importer requires it, not after a BOM
        return Detected(ImportFormat.MBOX, "mbox", "an mbox mailbox")
    text = _decode(head)
    start = text.lstrip()[:12].upper()
    if start.startswith("BEGIN:VCARD"):
        return Detected(ImportFormat.VCARD, "vcard", "a vCard file")
    if start.startswith("BEGIN:"):  # a calendar, or a calendar's part the importer explains
        return Detected(ImportFormat.ICS, "ics", "an iCalendar file")
    if start.startswith("{"):
        return Detected(ImportFormat.ARCHIVE, "json-archive", "a goodword JSON archive")
    if "\x00" in text:  # binary: no CSV (the importers of the formats above name the line)
        return None
    if not whole:  # the last line may be cut short
        text = text[: text.rfind("\n") + 1] or text
    found = find_header(text)
    return _csv(*found, name) if found is not None else None


def _decode(head: bytes) -> str:
    """As `read_text` decodes, but never failing: a multi-byte letter may be cut at the end."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace")
    return head.decode("utf-8-sig", "replace")


def _csv(layout: Layout, keys: frozenset[str], name: str) -> Detected:
    """The CSV flavour: the columns only one exporter writes tell the look-alikes apart."""
    if layout is Layout.GOOGLE:
        return Detected(ImportFormat.GOOGLE, "google", "a Google Contacts CSV")
    if layout is Layout.GOOGLE_LEGACY:
        description = "a Google Contacts CSV (legacy layout)"
        return Detected(ImportFormat.GOOGLE, "google-legacy", description)
    if layout is Layout.THUNDERBIRD:
        return Detected(ImportFormat.OUTLOOK, "thunderbird", "a Thunderbird address book CSV")
    if layout is Layout.RELATIONSHIPS:
        return Detected(ImportFormat.RELATIONSHIPS, "relationships", "a relationships CSV")
    if layout is Layout.LINKEDIN:
        if "url" in keys:
            return Detected(ImportFormat.LINKEDIN, "linkedin-2020", "a LinkedIn export (2020+)")
        if "connected on" in keys:
            return Detected(ImportFormat.LINKEDIN, "linkedin-2018", "a LinkedIn export (2018)")
        return Detected(ImportFormat.LINKEDIN, "linkedin", "a LinkedIn connections CSV")
    return _outlook(keys, name)


def _outlook(keys: frozenset[str], name: str) -> Detected:
    if "linkedin" in name.casefold():
        description = "LinkedIn's 2014 export (an Outlook CSV)"
        return Detected(ImportFormat.LINKEDIN, "linkedin-2014", description)
    if "imaddress" in keys or "given yomi" in keys:
        return Detected(ImportFormat.OUTLOOK, "outlook-com", "an Outlook.com CSV")
    if "e-mail type" in keys or "e-mail display name" in keys:
        return Detected(ImportFormat.OUTLOOK, "outlook-desktop", "an Outlook desktop CSV")
    if "business address" in keys or "home address" in keys:  # the address in one cell
        description = "a Google Contacts CSV in Outlook layout"
        return Detected(ImportFormat.OUTLOOK, "google-outlook", description)
    return Detected(ImportFormat.OUTLOOK, "outlook", "an Outlook-style CSV")


def _unknown(head: bytes) -> str:
    """Why a file is none of the formats: specific where the bytes say, else what was tried."""
    if not head.strip():
        return "is empty: there is nothing to import"
    for magic, problem in _COMPRESSED.items():
        if head.startswith(magic):
            return problem
    text = _decode(head)
    if "\x00" in text:
        return f"is not text, nor a goodword SQLite backup; tried {TRIED}"
    first = text.lstrip().split("\n", 1)[0].strip()
    shown = first[:60] + ("…" if len(first) > 60 else "")
    return f"is not a format goodword imports (its first line is {shown!r}); tried {TRIED}"


@contextmanager
def naming_the_likely_format(fmt: ImportFormat, path: Path) -> Iterator[None]:
    """A file refused under the format the user named also says which one it looks like.

    A CSV importer names the likely layout itself; for the rest the file is sniffed only once
    it has been refused, so a file that imports pays nothing for this.
    Raises: the MalformedFile of the block, with the hint added when the file looks like
    another format.
    """
    try:
        yield
    except MalformedFile as exc:
        likely = None if "import it as" in exc.problem else _likely(path)
        if likely is None or likely.format == fmt:
            raise
        hint = f"it looks like {likely.description}: import it as {likely.format}"
        raise MalformedFile(exc.path, exc.line, f"{exc.problem.rstrip('.')}; {hint}") from None


def _likely(path: Path) -> Detected | None:
    try:
        head = read_head(path)
    except GoodwordError:
        return None
    return sniff(head, name=path.name, whole=len(head) < HEAD)
