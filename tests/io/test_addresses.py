"""Addresses, nicknames and instant-messaging handles survive import, re-import and export."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.clock import utcnow
from goodword.errors import InvalidInput
from goodword.io.addresses import place_of
from goodword.io.apply import import_batch
from goodword.io.export import export_csv, export_vcard, people_records
from goodword.io.google_csv import parse_google_csv
from goodword.io.records import AddressRecord, Batch, Handle, PersonRecord
from goodword.io.report import ImportReport
from goodword.io.vcard import parse_vcard
from goodword.people.models import Address, Person
from goodword.people.queries import resolve_person
from goodword.people.service import PersonFields, add_address, create_person, edit_person
from goodword.profiles.queries import person_detail
from goodword.profiles.schemas import PersonDetail
from goodword.workspace import Workspace, open_workspace

DATA = Path(__file__).parents[1] / "data" / "vcard" / "ez-vcard"


def imported(session: Session, batch: Batch) -> ImportReport:
    return import_batch(session, batch=batch, report=ImportReport(format="vcard", file="x"))


def detail(session: Session, ref: str) -> PersonDetail:
    return person_detail(session, person=resolve_person(session, ref), now=utcnow())


def test_a_vcard_import_keeps_addresses_nickname_and_im(session: Session) -> None:
    imported(session, parse_vcard(DATA / "John_Doe_EVOLUTION.vcf"))
    john = detail(session, "john.doe@ibm.com")
    assert john.nickname == "Johny"
    assert john.ims == ["aim:johnny5@aol.com"]
    [home] = john.addresses
    assert (home.label, home.is_primary) == ("home", True)
    assert (
        home.text
        == "ASB-123\n15 Crescent moon drive\nAlbaney, New York 12345\nUnited States of America"
    )


def test_importing_the_same_cards_again_adds_no_second_address(session: Session) -> None:
    first = imported(session, parse_vcard(DATA / "John_Doe_MAC_ADDRESS_BOOK.vcf"))
    again = imported(session, parse_vcard(DATA / "John_Doe_MAC_ADDRESS_BOOK.vcf"))
    assert (first.created, again.created, again.merged, again.unchanged) == (1, 0, 0, 1)
    john = detail(session, "john.doe@ibm.com")
    assert [(a.label, a.is_primary) for a in john.addresses] == [("home", True), ("work", False)]


def test_a_new_address_for_someone_known_is_added_and_not_made_primary(session: Session) -> None:
    ann = PersonRecord(
        key="ann",
        name="Ann Lee",
        line=1,
        handles=[Handle("email", "ann@example.com")],
        addresses=[AddressRecord(label="work", street="1 Quai Perrache", city="Lyon")],
    )
    imported(session, Batch(people=[ann]))
    ann.addresses = [
        AddressRecord(label="WORK", street="1  quai perrache", city="LYON"),  # the same one
        AddressRecord(label="home", street="9 Rue Neuve", city="Paris", preferred=True),
    ]
    report = imported(session, Batch(people=[ann]))
    assert report.merged == 1
    streets = [(a.street, a.is_primary) for a in detail(session, "Ann Lee").addresses]
    assert streets == [("1 Quai Perrache", True), ("9 Rue Neuve", False)]


def test_an_address_with_no_parts_is_not_stored(session: Session) -> None:
    record = PersonRecord(
        key="bo", name="Bo", line=1, addresses=[AddressRecord(label="home", street=" \n ")]
    )
    imported(session, Batch(people=[record]))
    bo = session.scalars(select(Person).where(Person.name == "Bo")).one()
    assert session.scalars(select(Address).where(Address.person_id == bo.id)).all() == []


def test_a_city_typed_by_hand_exported_and_imported_back_adds_no_address(
    session: Session, tmp_path: Path
) -> None:
    create_person(session, fields=PersonFields(name="Cy Diaz", city="Leeds", country="UK"))
    path = tmp_path / "people.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_vcard(session, out)
    report = imported(session, parse_vcard(path))
    assert (report.created, report.merged, report.unchanged) == (0, 0, 1)
    assert detail(session, "Cy Diaz").addresses == []


def test_vcard_export_then_import_into_an_empty_workspace_keeps_them_whole(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "people.vcf"
    with workspace.transaction() as session:
        # The same John from two clients: merged into one with three addresses and an AIM.
        imported(session, parse_vcard(DATA / "John_Doe_MAC_ADDRESS_BOOK.vcf"))
        imported(session, parse_vcard(DATA / "John_Doe_EVOLUTION.vcf"))
        with path.open("w", encoding="utf-8", newline="") as out:
            export_vcard(session, out)
        before = detail(session, "john.doe@ibm.com")
    assert (len(before.addresses), before.ims) == (3, ["aim:johnny5@aol.com"])
    target = open_workspace(bind=workspace.bind, name=f"copy-{uuid.uuid4().hex[:8]}")
    with target.transaction() as session:
        imported(session, parse_vcard(path))
        copy = detail(session, "john.doe@ibm.com")
    assert (copy.nickname, copy.ims, copy.addresses) == (
        before.nickname,
        before.ims,
        before.addresses,
    )


def test_an_address_typed_in_keeps_its_street_lines(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    add_address(session, person=ann, street=" 12 Quai  Perrache \n\n Bâtiment B ", city="Lyon")
    [address] = detail(session, "Ann Lee").addresses
    assert (address.street, address.is_primary) == ("12 Quai Perrache\nBâtiment B", True)


@pytest.mark.parametrize(
    ("parts", "problem"),
    [({"street": " ", "city": ""}, "at least one part"), ({"postcode": "9" * 21}, "at most 20")],
)
def test_an_empty_address_or_an_unknown_part_is_refused(
    session: Session, parts: dict[str, str], problem: str
) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    with pytest.raises(InvalidInput, match=problem):
        add_address(session, person=ann, **parts)


def test_the_same_address_typed_twice_is_kept_once_and_gives_a_city(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    first = add_address(session, person=ann, street="1 Quai Perrache", city="Lyon", country="FR")
    again = add_address(session, person=ann, street="1 quai  Perrache", city="LYON", country="fr")
    assert again.id == first.id
    assert (ann.city, ann.country) == ("Lyon", "FR")


def test_a_place_comes_from_the_first_address_that_has_one_as_an_import_takes_it(
    session: Session,
) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    add_address(session, person=ann, label="work", street="1 Quai Perrache")
    add_address(session, person=ann, label="home", postcode="LS1", city="Leeds", country="UK")
    assert (ann.city, ann.country) == ("Leeds", "UK")
    [record] = people_records(session)
    assert place_of(record.addresses) == ("Leeds", "UK")  # what an import of its export gives


def test_empty_im_fields_do_not_make_two_people_one(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "two.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nX-AIM:\nIMPP:skype:\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bob Stone\nX-AIM: \nIMPP:skype:\nEND:VCARD\n",
        encoding="utf-8",
    )
    report = imported(session, parse_vcard(path))
    assert (report.created, report.merged) == (2, 0)
    assert detail(session, "Bob Stone").ims == []


def test_parts_too_long_for_their_column_are_cut_and_reported(session: Session) -> None:
    record = PersonRecord(
        key="ann",
        name="Ann Lee",
        line=7,
        nickname="N" * 150,
        addresses=[AddressRecord(street="1 Quai Perrache", postcode="6" * 30, label="L" * 60)],
    )
    report = imported(session, Batch(people=[record]))
    reasons = sorted(item.reason for item in report.skipped_items if item.line == 7)
    assert reasons == [
        "label longer than 50 characters, cut",
        "nickname longer than 100 characters, cut",
        "postcode longer than 20 characters, cut",
    ]
    ann = detail(session, "Ann Lee")
    assert (ann.nickname, ann.addresses[0].postcode) == ("N" * 100, "6" * 20)


@pytest.mark.parametrize(
    ("export", "parse"),
    [(export_vcard, parse_vcard), (export_csv, parse_google_csv)],
    ids=["vcard", "csv"],
)
def test_a_city_changed_by_hand_is_exported_beside_the_addresses(
    session: Session,
    tmp_path: Path,
    export: Callable[[Session, TextIO], int],
    parse: Callable[[Path], Batch],
) -> None:
    fields = PersonFields(name="Ann Lee", ims=["skype:ann.lee"])
    ann = create_person(session, fields=fields)
    add_address(session, person=ann, label="work", street="1 Quai Perrache", city="Lyon")
    edit_person(session, person=ann, fields=PersonFields(city="Paris"))
    path = tmp_path / "people.out"
    with path.open("w", encoding="utf-8", newline="") as out:
        export(session, out)
    [back] = parse(path).people
    assert [address.city for address in back.addresses] == ["Lyon", "Paris"]
    # The CSV header has room for both: nothing after the addresses moved out of place.
    assert [h.value for h in back.handles if h.kind == "im"] == ["skype:ann.lee"]
