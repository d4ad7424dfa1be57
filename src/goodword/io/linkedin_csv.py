"""LinkedIn `Connections.csv` as plain records (no database): people and the owner's ties.

Since 2020 the export opens with `Notes:`, a quoted paragraph and a blank line before the
header; `read_table` searches past it, so line numbers stay those of the real file.
Each connection is someone the owner knows, so it also yields a tie owner↔person whose
since-date is `Connected On`. LinkedIn's export of 2014 was an Outlook CSV instead (`E-mail
Address`, `Job Title`, no `Connected On`); it is read as Outlook's layout, every column kept,
and its people get the same ties, without a since-date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goodword.io.addressbook import BadDate, read_contacts
from goodword.io.csvfile import Layout, Table, read_table
from goodword.io.outlook_csv import outlook_plan
from goodword.io.records import ME, Batch, Handle, PersonRecord, Skip, TieRecord, paused_gc
from goodword.text import is_linkedin

EXPECTED = (
    "'First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Connected On' "
    "(or the 2014 export's 'E-mail Address', 'Company', 'Job Title')"
)
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def parse_linkedin_csv(path: Path) -> Batch:
    """Every connection of a LinkedIn export (2014, 2018 and 2020+) with its tie to the owner.

    Raises: MalformedFile naming the line for a broken file or a header that is not LinkedIn's.
    """
    table = read_table(
        path,
        accept=(Layout.LINKEDIN, Layout.OUTLOOK),
        what="a LinkedIn Connections.csv",
        expected=EXPECTED,
    )
    if table.layout is Layout.OUTLOOK:
        return _connections(read_contacts(table, outlook_plan(table)))
    columns = _Columns(table)
    batch = Batch()
    with paused_gc():
        for line, row in table.rows:
            columns.add(batch, line, row)
    return batch


def _connections(batch: Batch) -> Batch:
    """Everyone in a connections export is someone the owner knows."""
    batch.ties.extend(
        TieRecord(a=ME, b=person.key, line=person.line, source="imported")
        for person in batch.people
    )
    return batch


class _Columns:
    """The column indexes, found once from the header; missing ones point at a blank cell."""

    def __init__(self, table: Table) -> None:
        self.first = table.index("first name")
        self.last = table.index("last name")
        self.url = table.index("url", "profile url")
        self.email = table.index("email address", "e-mail address")
        self.company = table.index("company")
        self.position = table.index("position")
        self.connected = table.index("connected on")

    def add(self, batch: Batch, line: int, row: list[str]) -> None:
        """A connection without a name or e-mail (a member who hid their profile) is skipped."""
        email = row[self.email].strip()
        name = f"{row[self.first].strip()} {row[self.last].strip()}".strip()
        name = name or email.partition("@")[0]
        if not name:
            batch.skipped.append(Skip(line, "no name or e-mail"))
            return
        person = PersonRecord(
            key=f"line:{line}",
            name=name,
            line=line,
            handles=_handles(email, row[self.url].strip()),
            org=row[self.company].strip() or None,
            title=row[self.position].strip() or None,
        )
        try:
            person.connected_on = parse_connected_on(row[self.connected])
        except BadDate as exc:
            person.notes.append(f"Connected on LinkedIn (date not understood): {exc.text}")
        batch.people.append(person)
        batch.ties.append(
            TieRecord(a=ME, b=person.key, line=line, since=person.connected_on, source="imported")
        )


def _handles(email: str, url: str) -> list[Handle]:
    handles = [Handle("email", email)] if email else []
    if url:
        handles.append(Handle("linkedin" if is_linkedin(url) else "url", url))
    return handles


def parse_connected_on(text: str) -> date | None:
    """`15 Mar 2024` as LinkedIn writes it; `2024-03-15` and `03/15/2024` just in case.

    Raises: BadDate for any other text.
    """
    raw = text.strip()
    if not raw:
        return None
    try:
        parts = raw.replace("-", " ").split()
        if len(parts) == 3 and (month := MONTHS.get(parts[1][:3].lower())):
            year = int(parts[2])
            return date(year + 2000 if year < 100 else year, month, int(parts[0]))
        if "/" in raw:
            first, second, year = (int(p) for p in raw.split("/"))
            month, day = (second, first) if first > 12 else (first, second)
            return date(year + 2000 if year < 100 else year, month, day)
        return date.fromisoformat(raw)
    except (ValueError, OverflowError):  # OverflowError: a year too long for `date`
        raise BadDate(raw) from None
