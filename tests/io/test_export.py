"""Exports other tools read: Google CSV, vCard 4.0, and open follow-ups as a calendar feed."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import vobject
from icalendar import Calendar
from sqlalchemy.orm import Session

from goodword.followups.service import complete_followup, schedule_followup, snooze_followup
from goodword.io.export import export_csv, export_ics, export_vcard, people_records
from goodword.io.google_csv import parse_google_csv
from goodword.io.records import AddressRecord, Handle
from goodword.people.models import ContactKind, Person
from goodword.people.service import (
    PersonFields,
    add_address,
    add_note,
    create_person,
    edit_person,
    get_owner,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
# An address group's cells in the order the exporter writes them.
ADDRESS_PARTS = ("Label", "Street", "Extended Address", "City", "PO Box", "Region")
ADDRESS_PARTS += ("Postal Code", "Country")
GOOGLE_HEADER = Path(__file__).parents[1] / "data" / "csv-headers" / "google_csv_current_header.txt"


def add(session: Session, name: str, **fields: object) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))  # type: ignore[arg-type]


def network(session: Session) -> dict[str, Person]:
    """An owner with details of their own, and people with every field an export writes."""
    edit_person(session, person=get_owner(session), fields=PersonFields(emails=["me@example.com"]))
    ann = add(
        session,
        "Ann Marie Lee",
        emails=["ann@acme.com", "ann.lee@gmail.com", "annie@home.org"],
        phones=["+14155550100"],
        linkedin="linkedin.com/in/annlee",
        links=["ann.example.com"],
        org="Globex",
        city="Leeds",
        country="UK",
        industry="Software",
        tags=["cfo", "chamber"],
        birthday=(None, 6, 21),
        handle_labels={"ann@acme.com": "work"},
    )
    edit_person(session, person=ann, fields=PersonFields(org="Acme", title="CFO"))
    add_note(session, person=ann, body="Met at the mixer")
    add_note(session, person=ann, body="Likes sailing")
    bob = add(session, "Bob", birthday=(1980, 2, 29))
    return {"ann": ann, "bob": bob}


# --- plain records --------------------------------------------------------------------------


def test_people_records_carry_everything_but_leave_out_the_owner(session: Session) -> None:
    people = network(session)
    records = {record.name: record for record in people_records(session)}
    assert set(records) == {"Ann Marie Lee", "Bob"}
    ann = records["Ann Marie Lee"]
    assert ann.key == str(people["ann"].id)
    assert [(h.kind, h.value, h.label, h.preferred) for h in ann.handles] == [
        ("email", "ann@acme.com", "work", True),
        ("email", "ann.lee@gmail.com", None, False),
        ("email", "annie@home.org", None, False),
        ("phone", "+14155550100", None, True),
        ("url", "https://ann.example.com", None, True),
        ("linkedin", "https://www.linkedin.com/in/annlee", None, True),
    ]
    assert (ann.org, ann.title) == ("Acme", "CFO")  # the current job, not the ended one
    assert (ann.city, ann.country, ann.industry) == ("Leeds", "UK", "Software")
    assert ann.tags == ["cfo", "chamber"]
    assert ann.notes == ["Met at the mixer", "Likes sailing"]
    assert ann.birthday == (None, 6, 21)
    assert records["Bob"].birthday == (1980, 2, 29)


# --- Google CSV -----------------------------------------------------------------------------


def csv_rows(session: Session) -> tuple[int, list[dict[str, str]], list[str]]:
    out = io.StringIO(newline="")
    count = export_csv(session, out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    rows = list(reader)
    return count, rows, list(reader.fieldnames or [])


def test_csv_uses_only_columns_of_googles_current_layout(session: Session) -> None:
    network(session)
    _, _, header = csv_rows(session)
    google = GOOGLE_HEADER.read_text(encoding="utf-8").strip().split(",")
    assert set(header) <= set(google), set(header) - set(google)
    assert header[:3] == ["First Name", "Middle Name", "Last Name"]


def test_csv_joins_values_of_one_label_with_google_separator(session: Session) -> None:
    network(session)
    count, rows, _ = csv_rows(session)
    assert count == len(rows) == 2
    ann = next(row for row in rows if row["Last Name"] == "Lee")
    assert (ann["First Name"], ann["Organization Name"], ann["Organization Title"]) == (
        "Ann Marie",
        "Acme",
        "CFO",
    )
    assert (ann["E-mail 1 - Label"], ann["E-mail 1 - Value"]) == ("* work", "ann@acme.com")
    assert ann["E-mail 2 - Label"] == "Other"
    assert ann["E-mail 2 - Value"] == "ann.lee@gmail.com ::: annie@home.org"
    assert ann["Website 1 - Value"] == (
        "https://ann.example.com ::: https://www.linkedin.com/in/annlee"
    )
    assert ann["Labels"] == "cfo ::: chamber"
    assert ann["Birthday"] == "--06-21"
    assert ann["Notes"] == "Met at the mixer\n\nLikes sailing"
    assert (ann["Custom Field 1 - Label"], ann["Custom Field 1 - Value"]) == (
        "Industry",
        "Software",
    )


def test_csv_grows_numbered_columns_when_someone_needs_more(session: Session) -> None:
    add(
        session,
        "Cy Diaz",
        emails=["a@x.org", "b@x.org", "c@x.org"],
        handle_labels={"a@x.org": "work", "b@x.org": "home"},
    )
    _, rows, header = csv_rows(session)
    assert "E-mail 3 - Value" in header
    assert [rows[0][f"E-mail {n} - Value"] for n in (1, 2, 3)] == ["a@x.org", "b@x.org", "c@x.org"]


def test_csv_reads_back_through_the_google_importer(session: Session, tmp_path: Path) -> None:
    network(session)
    path = tmp_path / "contacts.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_csv(session, out)
    people = {record.name: record for record in parse_google_csv(path).people}
    assert set(people) == {"Ann Marie Lee", "Bob"}
    ann = people["Ann Marie Lee"]
    assert [h.value for h in ann.handles if h.kind == "email"] == [
        "ann@acme.com",
        "ann.lee@gmail.com",
        "annie@home.org",
    ]
    assert (ann.org, ann.title, ann.city, ann.country) == ("Acme", "CFO", "Leeds", "UK")
    assert ann.tags == ["cfo", "chamber"]
    assert ann.birthday == (None, 6, 21)
    assert people["Bob"].birthday == (1980, 2, 29)


def addressed(session: Session) -> Person:
    """Someone with a nickname, IM handles and two addresses, the home one primary."""
    cy = add(
        session,
        "Cy Diaz",
        nickname="Cyd",
        ims=["Skype:cy.diaz", "sip:cy@contoso.com", "cyd42"],
        handle_labels={"Skype:cy.diaz": "work"},
    )
    add_address(
        session,
        person=cy,
        label="home",
        street="12 Elm Rd",
        city="Leeds",
        postcode="LS1 4AB",
        country="UK",
    )
    add_address(
        session,
        person=cy,
        label="work",
        po_box="PO Box 9",
        street="1 Park Row",
        city="Leeds",
        region="West Yorkshire",
        country="UK",
    )
    return cy


def test_csv_writes_the_nickname_and_every_address_primary_first(session: Session) -> None:
    addressed(session)
    _, [cy], header = csv_rows(session)
    assert cy["Nickname"] == "Cyd"
    assert [cy[f"Address 1 - {part}"] for part in ADDRESS_PARTS] == [
        "* home",
        "12 Elm Rd",
        "",
        "Leeds",
        "",
        "",
        "LS1 4AB",
        "UK",
    ]
    assert [cy[f"Address 2 - {part}"] for part in ADDRESS_PARTS] == [
        "work",
        "1 Park Row",
        "",
        "Leeds",
        "PO Box 9",
        "West Yorkshire",
        "",
        "UK",
    ]
    assert "Address 3 - Label" not in header


def test_csv_writes_im_handles_with_their_service_in_a_cell_of_its_own(session: Session) -> None:
    addressed(session)
    _, [cy], header = csv_rows(session)
    assert [cy[f"IM 1 - {cell}"] for cell in ("Label", "Service", "Value")] == [
        "* work",
        "Skype",  # as Google names it
        "cy.diaz",
    ]
    assert [cy[f"IM 2 - {cell}"] for cell in ("Label", "Service", "Value")] == [
        "Other",
        "sip ::: ",
        "cy@contoso.com ::: cyd42",
    ]
    assert not any(value in cy["Website 1 - Value"] for value in ("cy.diaz", "cyd42"))
    assert "IM 3 - Value" not in header


def test_csv_has_no_im_columns_when_nobody_has_an_im_handle(session: Session) -> None:
    network(session)
    _, _, header = csv_rows(session)
    assert not any(column.startswith("IM ") for column in header)


def test_csv_writes_a_city_and_country_kept_without_an_address_as_address_1(
    session: Session,
) -> None:
    add(session, "Dee Eng", city="Leeds", country="UK")
    _, [dee], header = csv_rows(session)
    assert [dee[f"Address 1 - {part}"] for part in ("Label", "City", "Country")] == [
        "Other",
        "Leeds",
        "UK",
    ]
    assert "Address 2 - Label" not in header


def test_csv_nickname_addresses_and_ims_read_back_through_the_google_importer(
    session: Session, tmp_path: Path
) -> None:
    addressed(session)
    path = tmp_path / "contacts.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_csv(session, out)
    [cy] = parse_google_csv(path).people
    assert cy.nickname == "Cyd"
    assert cy.addresses == [
        AddressRecord("home", None, "12 Elm Rd", "Leeds", None, "LS1 4AB", "UK", True),
        AddressRecord("work", "PO Box 9", "1 Park Row", "Leeds", "West Yorkshire", None, "UK"),
    ]
    assert [h for h in cy.handles if h.kind == "im"] == [
        Handle("im", "skype:cy.diaz", "work", preferred=True),
        Handle("im", "sip:cy@contoso.com", "other"),
        Handle("im", "cyd42", "other"),
    ]


# --- vCard ----------------------------------------------------------------------------------


def test_vcard_export_is_read_by_vobject(session: Session) -> None:
    network(session)
    out = io.StringIO(newline="")
    assert export_vcard(session, out) == 2
    cards = list(vobject.readComponents(out.getvalue()))
    assert [card.fn.value for card in cards] == ["Ann Marie Lee", "Bob"]
    assert all(card.version.value == "4.0" for card in cards)
    emails = [email.value for email in cards[0].contents["email"]]
    assert emails == ["ann@acme.com", "ann.lee@gmail.com", "annie@home.org"]


def test_a_title_without_an_organisation_is_exported_alone(session: Session) -> None:
    add(session, "Sara Quinn", title="Relationship Manager")
    _, [sara], _ = csv_rows(session)
    assert (sara["Organization Name"], sara["Organization Title"]) == ("", "Relationship Manager")
    out = io.StringIO(newline="")
    export_vcard(session, out)
    [card] = vobject.readComponents(out.getvalue())
    assert (card.title.value, "org" in card.contents) == ("Relationship Manager", False)


def switchboard(session: Session) -> Person:
    """An organisation's own contact, as an address book holds a firm's switchboard."""
    return add(
        session,
        "Acme Ltd",
        kind=ContactKind.ORGANISATION,
        emails=["info@acme.example"],
        phones=["+44 20 7946 0000"],
    )


def test_csv_writes_an_organisation_as_a_company_with_empty_name_fields(session: Session) -> None:
    switchboard(session)
    _, [acme], _ = csv_rows(session)
    assert [acme[cell] for cell in ("First Name", "Middle Name", "Last Name")] == ["", "", ""]
    assert (acme["Organization Name"], acme["E-mail 1 - Value"], acme["Phone 1 - Value"]) == (
        "Acme Ltd",
        "info@acme.example",
        "+442079460000",
    )


def test_vcard_writes_an_organisation_card(session: Session) -> None:
    switchboard(session)
    out = io.StringIO(newline="")
    assert export_vcard(session, out) == 1
    [acme] = vobject.readComponents(out.getvalue())
    assert (acme.kind.value, acme.fn.value, acme.org.value) == ("org", "Acme Ltd", ["Acme Ltd"])
    assert (acme.n.value.family, acme.n.value.given) == ("", "")
    assert acme.x_abshowas.value == "COMPANY"
    assert [tel.value for tel in acme.contents["tel"]] == ["+442079460000"]


# --- iCalendar ------------------------------------------------------------------------------


def calendar_of(session: Session) -> tuple[int, Calendar]:
    out = io.StringIO(newline="")
    count = export_ics(session, out, now=NOW)
    return count, Calendar.from_ical(out.getvalue())


def test_ics_has_one_event_per_open_followup_and_none_for_done_ones(session: Session) -> None:
    people = network(session)
    ann, bob = people["ann"], people["bob"]
    open_one = schedule_followup(session, person=ann, due_on=TODAY, reason="send the deck")
    done = schedule_followup(session, person=bob, due_on=TODAY - timedelta(days=3))
    complete_followup(session, followup=done, now=NOW)
    later = TODAY + timedelta(days=10)
    snoozed = schedule_followup(session, person=bob, due_on=TODAY)
    snooze_followup(session, followup=snoozed, until=later, today=TODAY)
    count, calendar = calendar_of(session)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert count == len(events) == 2
    assert set(events) == {f"followup-{open_one.id}@goodword", f"followup-{snoozed.id}@goodword"}
    first = events[f"followup-{open_one.id}@goodword"]
    assert str(first["SUMMARY"]) == "Follow up with Ann Marie Lee: send the deck"
    assert first.decoded("DTSTART") == TODAY
    assert first.decoded("DTSTAMP") == NOW
    assert "RRULE" not in first
    assert events[f"followup-{snoozed.id}@goodword"].decoded("DTSTART") == later
    assert str(calendar["X-WR-CALNAME"]) == "goodword follow-ups"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]


def test_ics_repeats_a_recurring_followup_by_its_rule(session: Session) -> None:
    ann = network(session)["ann"]
    weekly = schedule_followup(session, person=ann, due_on=TODAY, rule="every 2 weeks")
    complete_followup(session, followup=weekly, now=NOW)  # the next one is open
    schedule_followup(session, person=ann, due_on=TODAY, rule="quarterly")
    _, calendar = calendar_of(session)
    rules = sorted(event.decoded("RRULE").to_ical() for event in calendar.walk("VEVENT"))
    assert rules == [b"FREQ=MONTHLY;INTERVAL=3", b"FREQ=WEEKLY;INTERVAL=2"]
    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts == [TODAY, TODAY + timedelta(weeks=2)]


def test_ics_of_no_followups_is_an_empty_valid_calendar(session: Session) -> None:
    count, calendar = calendar_of(session)
    assert count == 0
    assert calendar.walk("VEVENT") == []
