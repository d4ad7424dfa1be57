"""Exporting people to the formats other tools read: vCard, Google CSV, and follow-ups as iCalendar.

People are read a chunk at a time with one query per table per chunk, so an export of a
large network neither loads it all at once nor queries once per person.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from icalendar import Calendar, Event
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.followups.models import Followup
from goodword.followups.recurrence import parse_rule
from goodword.io.addressbook import GOOGLE_IM_SERVICES
from goodword.io.archive import write_archive
from goodword.io.backup import replacing
from goodword.io.records import ORGANISATION, AddressRecord, Handle, PersonRecord
from goodword.io.vcard_write import write_vcards
from goodword.people.addresses import PARTS
from goodword.people.models import (
    Address,
    ContactKind,
    Employment,
    Note,
    Organisation,
    Person,
    PersonTag,
    Tag,
)
from goodword.people.models import Handle as HandleRow
from goodword.storage.session import workspace_id

CHUNK = 1000
MULTI = " ::: "  # how Google packs several values of one field into one cell
PRODID = "-//goodword//follow-ups//EN"
CALENDAR_NAME = "goodword follow-ups"
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
# Google's current layout has these numbered groups; more are added when someone needs them.
_SLOTS = {"E-mail": 2, "Phone": 2, "Address": 1, "Website": 1, "IM": 0}
_GROUP_OF = {
    "email": "E-mail",
    "phone": "Phone",
    "url": "Website",
    "linkedin": "Website",
    "im": "IM",
}
_GOOGLE_IM_NAMES = {scheme: name for name, scheme in GOOGLE_IM_SERVICES.items()}
# Each numbered group's cells, groups in the order the header has them.
_GROUP_CELLS: dict[str, tuple[str, ...]] = {
    "E-mail": ("Label", "Value"),
    "Phone": ("Label", "Value"),
    "Address": (
        "Label",
        "Street",
        "Extended Address",  # the street's further lines
        "City",
        "PO Box",
        "Region",
        "Postal Code",
        "Country",
    ),
    "Website": ("Label", "Value"),
    "IM": ("Label", "Service", "Value"),
}

# --- people as plain records -----------------------------------------------------------------


@dataclass
class _Details:
    """What belongs to one chunk of people, by person id."""

    handles: dict[int, list[Handle]] = field(default_factory=lambda: defaultdict(list))
    jobs: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    tags: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    addresses: dict[int, list[AddressRecord]] = field(default_factory=lambda: defaultdict(list))


_PersonRow = Row[
    int,
    str,
    ContactKind,
    str | None,
    str | None,
    str | None,
    str | None,
    int | None,
    int | None,
    int | None,
]


def people_records(session: Session) -> Iterator[PersonRecord]:
    """Everyone in the workspace but the owner, in id order, as importers' plain records."""
    wid = workspace_id(session)
    # Columns, not ORM objects, so the caller's session does not fill up with the network.
    columns = (
        Person.id,
        Person.name,
        Person.kind,
        Person.nickname,
        Person.industry,
        Person.city,
        Person.country,
    )
    birthday = (Person.birthday_year, Person.birthday_month, Person.birthday_day)
    last = 0
    while True:
        chunk = session.execute(
            select(*columns, *birthday)
            .where(Person.workspace_id == wid, Person.is_me.is_(False), Person.id > last)
            .order_by(Person.id)
            .limit(CHUNK)
        ).all()
        if not chunk:
            return
        details = _details(session, [row.id for row in chunk])
        for row in chunk:
            yield _record(row, details)
        last = chunk[-1].id


def _details(session: Session, ids: Sequence[int]) -> _Details:
    found = _Details()
    handles = (
        select(HandleRow.person_id, HandleRow.kind, HandleRow.value)
        .add_columns(HandleRow.label, HandleRow.is_primary, HandleRow.is_normalised)
        .where(HandleRow.person_id.in_(ids))
        .order_by(HandleRow.id)
    )
    for person_id, kind, value, label, primary, normalised in session.execute(handles):
        found.handles[person_id].append(Handle(str(kind), value, label, primary, not normalised))
    # The current job is the latest one without an end date, as a person's summary shows it;
    # a title may have no organisation.
    jobs = (
        select(Employment.person_id, Organisation.name, Employment.title)
        .outerjoin(Organisation, Organisation.id == Employment.org_id)
        .where(Employment.person_id.in_(ids), Employment.ended_on.is_(None))
        .order_by(Employment.id)
    )
    for person_id, org, title in session.execute(jobs):
        found.jobs[person_id] = (org, title)
    tags = (
        select(PersonTag.person_id, Tag.name)
        .join(Tag, Tag.id == PersonTag.tag_id)
        .where(PersonTag.person_id.in_(ids))
        .order_by(Tag.name)
    )
    for person_id, name in session.execute(tags):
        found.tags[person_id].append(name)
    notes = select(Note.person_id, Note.body).where(Note.person_id.in_(ids)).order_by(Note.id)
    for person_id, body in session.execute(notes):
        found.notes[person_id].append(body)
    addresses = (
        select(Address.__table__)
        .where(Address.person_id.in_(ids))
        .order_by(Address.is_primary.desc(), Address.id)
    )
    for row in session.execute(addresses):
        found.addresses[row.person_id].append(
            AddressRecord(
                **{part: getattr(row, part) for part in PARTS},
                preferred=row.is_primary,
            )
        )
    return found


def _record(row: _PersonRow, details: _Details) -> PersonRecord:
    org, title = details.jobs.get(row.id, (None, None))
    birthday = None
    if row.birthday_month and row.birthday_day:
        birthday = (row.birthday_year, row.birthday_month, row.birthday_day)
    return PersonRecord(
        key=str(row.id),
        name=row.name,
        line=row.id,
        handles=details.handles.get(row.id, []),
        org=org,
        title=title,
        industry=row.industry,
        city=row.city,
        country=row.country,
        tags=details.tags.get(row.id, []),
        notes=details.notes.get(row.id, []),
        birthday=birthday,
        nickname=row.nickname,
        addresses=_with_place(details.addresses.get(row.id, []), row.city, row.country),
        kind=row.kind.value,
    )


def _with_place(
    addresses: list[AddressRecord], city: str | None, country: str | None
) -> list[AddressRecord]:
    """The addresses, plus the person's city and country as one when no address holds them
    (typed by hand, or changed since): the formats have no other place for them."""
    if not (city or country) or any(
        (not city or address.city == city) and (not country or address.country == country)
        for address in addresses
    ):
        return addresses
    return [*addresses, AddressRecord(city=city, country=country)]


# --- vCard -----------------------------------------------------------------------------------


def export_vcard(session: Session, out: TextIO) -> int:
    """Everyone but the owner as vCard 4.0 cards; returns how many were written."""
    return write_vcards(people_records(session), out)


# --- Google CSV ------------------------------------------------------------------------------


def export_csv(session: Session, out: TextIO) -> int:
    """Everyone but the owner as a Google Contacts CSV (current layout); returns the rows.

    Handles with the same label share one cell joined by ` ::: `, as Google writes them,
    and the primary one's label is marked `* `; so is the primary address, written first.
    The header's numbered groups (Google's defaults, or more) are known only once everyone
    is read, so rows wait in a temporary file meanwhile. Open `out` with `newline=""`.
    """
    slots = dict(_SLOTS)
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as waiting:
        for record in people_records(session):
            head, groups, tail = _csv_parts(record)
            for group, filled in groups.items():
                slots[group] = max(slots[group], len(filled))
            waiting.write(json.dumps([head, groups, tail]) + "\n")
            count += 1
        writer = csv.writer(out)
        writer.writerow(_csv_header(slots))
        waiting.seek(0)
        for line in waiting:
            head, groups, tail = json.loads(line)
            writer.writerow(_csv_row(head, groups, tail, slots))
    return count


def _csv_header(slots: dict[str, int]) -> list[str]:
    header = ["First Name", "Middle Name", "Last Name", "Nickname"]
    header += ["Organization Name", "Organization Title", "Birthday", "Notes", "Labels"]
    for group, cells in _GROUP_CELLS.items():
        header += [f"{group} {n} - {cell}" for n in range(1, slots[group] + 1) for cell in cells]
    return [*header, "Custom Field 1 - Label", "Custom Field 1 - Value"]


CsvParts = tuple[list[str], dict[str, list[list[str]]], list[str]]


def _csv_parts(record: PersonRecord) -> CsvParts:
    """A row's cells before and after the numbered groups, and each group's cells.

    An organisation's own card has only a company, no person's name, as Google writes it.
    """
    if record.kind == ORGANISATION:
        given, family, org = "", "", record.name
    else:
        given, _, family = record.name.rpartition(" ")
        given, family = (given, family) if given else (family, "")
        org = record.org or ""
    head = [given, "", family, record.nickname or "", org, record.title or ""]
    head += [_birthday(record.birthday), "\n\n".join(record.notes), MULTI.join(record.tags)]
    tail = ["Industry" if record.industry else "", record.industry or ""]
    return head, _groups(record), tail


def _csv_row(
    head: list[str], groups: dict[str, list[list[str]]], tail: list[str], slots: dict[str, int]
) -> list[str]:
    row = list(head)
    for group, cells in _GROUP_CELLS.items():
        filled = [cell for slot in groups.get(group, []) for cell in slot]
        row += filled + [""] * (len(cells) * slots[group] - len(filled))
    return [*row, *tail]


def _groups(record: PersonRecord) -> dict[str, list[list[str]]]:
    """The cells of each numbered group (E-mail, Phone, Address …) the record fills."""
    groups = _label_groups(record.handles)
    groups["Address"] = _address_groups(record)
    return groups


def _label_groups(handles: Sequence[Handle]) -> dict[str, list[list[str]]]:
    """Per group, the cells of each label: the primary handle's label first and starred."""
    grouped: dict[str, dict[str, list[Handle]]] = defaultdict(dict)
    for handle in handles:
        grouped[_GROUP_OF[handle.kind]].setdefault(handle.label or "", []).append(handle)
    result: dict[str, list[list[str]]] = defaultdict(list)
    for group, by_label in grouped.items():
        ordered = sorted(by_label.items(), key=lambda item: not any(h.preferred for h in item[1]))
        for label, members in ordered:
            members.sort(key=lambda h: not h.preferred)
            cell = _label_cell(label, members[0].preferred)
            values = [h.value for h in members]
            result[group].append(
                _im_cells(cell, members) if group == "IM" else [cell, MULTI.join(values)]
            )
    return result


def _label_cell(label: str | None, preferred: bool) -> str:
    """Google's label cell: `Other` when there is none, `* ` marking the primary one."""
    return ("* " if preferred else "") + (label or "Other")


def _im_cells(label: str, handles: list[Handle]) -> list[str]:
    """Google keeps an IM handle's service in a cell of its own, in step with the handles.

    A handle kept as typed is written whole with no service, so it reads back as typed.
    """
    parts = [(h.value, "", "") if h.as_typed else h.value.partition(":") for h in handles]
    services = [
        _GOOGLE_IM_NAMES.get(service, service) if colon else "" for service, colon, _ in parts
    ]
    values = [handle if colon else service for service, colon, handle in parts]
    return [label, MULTI.join(services) if any(services) else "", MULTI.join(values)]


def _address_groups(record: PersonRecord) -> list[list[str]]:
    """One group per address, the primary first; people kept before addresses were stored
    have only a city and country, written as one address as before."""
    addresses = record.addresses
    if not addresses and (record.city or record.country):
        addresses = [AddressRecord(city=record.city, country=record.country)]
    groups: list[list[str]] = []
    for address in sorted(addresses, key=lambda address: not address.preferred):
        street, _, extended = (address.street or "").partition("\n")
        parts = (address.city, address.po_box, address.region, address.postcode, address.country)
        label = _label_cell(address.label, address.preferred)
        groups.append([label, street, extended, *(part or "" for part in parts)])
    return groups


def _birthday(birthday: tuple[int | None, int, int] | None) -> str:
    if birthday is None:
        return ""
    year, month, day = birthday
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


# --- iCalendar -------------------------------------------------------------------------------


def export_ics(session: Session, out: TextIO, *, now: datetime) -> int:
    """Open follow-ups as all-day events a calendar app can subscribe to; returns the events.

    A snoozed follow-up shows on the day its snooze ends. A recurring one repeats by its
    rule, though goodword counts the next one from when it is done, so the calendar is a guide.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-published-ttl", "PT1H")  # subscribers refresh hourly
    query = (
        select(Followup, Person.name)
        .join(Person, Person.id == Followup.person_id)
        .where(Followup.workspace_id == workspace_id(session), Followup.done_at.is_(None))
        .order_by(Followup.due_on, Followup.id)
    )
    count = 0
    for followup, name in session.execute(query):
        calendar.add_component(_followup_event(followup, name, now))
        count += 1
    out.write(calendar.to_ical().decode("utf-8"))
    return count


def _followup_event(followup: Followup, name: str, now: datetime) -> Event:
    day: date = max(followup.due_on, followup.snoozed_until or followup.due_on)
    event = Event()
    event.add("uid", f"followup-{followup.id}@goodword")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    summary = f"Follow up with {name}"
    event.add("summary", f"{summary}: {followup.reason}" if followup.reason else summary)
    if followup.reason:
        event.add("description", followup.reason)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it leaves the day free
    if followup.rule:
        try:
            rule = parse_rule(followup.rule)
        except InvalidInput:
            return event  # a rule this version cannot read: the one date is still right
        event.add("rrule", {"freq": _FREQ[rule.unit], "interval": rule.count})
    return event


def export_file(session: Session, *, fmt: str, dest: Path, now: datetime) -> int:
    """Writes the export to `dest` (replacing it only once complete); returns what it counted.

    Raises: InvalidInput for an unknown format or a file that cannot be written.
    """
    writers: dict[str, Callable[[Session, TextIO], int]] = {
        "vcard": export_vcard,
        "csv": export_csv,
        "json": lambda session, out: sum(write_archive(session, out).values()),
        "ics": lambda session, out: export_ics(session, out, now=now),
    }
    write = writers.get(fmt.strip().lower())  # as `import` takes VCARD, so does export
    if write is None:
        raise InvalidInput(f"Unknown export format '{fmt}'; use one of: vcard, csv, json, ics.")
    try:
        with replacing(dest) as partial, partial.open("w", encoding="utf-8", newline="") as out:
            return write(session, out)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {dest}: {exc.strerror or exc}.") from None
