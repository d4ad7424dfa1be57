"""Google Contacts CSV: files built on the exact header rows Google writes (tests/data)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from goodword.io.csvfile import Layout, read_table
from goodword.io.errors import MalformedFile
from goodword.io.google_csv import google_plan, parse_google_csv
from goodword.io.records import ORGANISATION, PERSON, AddressRecord, Handle, Skip

HEADERS = Path(__file__).parents[1] / "data" / "csv-headers"
CURRENT = "google_csv_current_header.txt"
LEGACY = "google_csv_legacy_header.txt"


def build(
    tmp_path: Path,
    fixture: str,
    rows: list[dict[str, str]],
    *,
    bom: bool = False,
    encoding: str = "utf-8",
    more: tuple[str, ...] = (),
) -> Path:
    """A file made of the fixture's exact header, then `rows` given by column name.

    `more` adds numbered columns at the end, as Google does when someone needs them.
    """
    head = (HEADERS / fixture).read_text(encoding="utf-8").rstrip("\n").split("\n")
    if more:
        head[-1] += "," + ",".join(more)
    columns = next(csv.reader([head[-1]]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        assert set(row) <= set(columns), set(row) - set(columns)
        writer.writerow([row.get(column, "") for column in columns])
    path = tmp_path / "contacts.csv"
    text = "\r\n".join(head) + "\r\n" + out.getvalue()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


ANN = {
    "First Name": "Ann",
    "Last Name": "Lee",
    "Nickname": "Annie",
    "Organization Name": "Lee, Smith & Partners",
    "Organization Title": "Managing Partner",
    "Birthday": "--06-21",
    "Notes": "Met at the BNI breakfast.\nWants introductions to CFOs.",
    "Labels": "* myContacts ::: Clients ::: * starred",
    "E-mail 1 - Label": "* Work",
    "E-mail 1 - Value": "ann@leesmith.example ::: ann.lee@leesmith.example",
    "E-mail 2 - Label": "Home",
    "E-mail 2 - Value": "ann@home.example",
    "Phone 1 - Label": "Mobile",
    "Phone 1 - Value": "+1 415-555-0100",
    "Address 1 - City": "San Francisco",
    "Address 1 - Country": "United States",
    "Website 1 - Label": "Profile",
    "Website 1 - Value": "https://www.linkedin.com/in/annlee",
}
ZOE = {
    "First Name": "Zoë",
    "Middle Name": "K.",
    "Last Name": "Ångström-Müller",
    "Birthday": "1980-02-29",
    "Labels": "* myContacts",
    "Organization Name": "Fjord AB",
    "E-mail 1 - Label": "Other",
    "E-mail 1 - Value": "zoe@fjord.example",
    "Website 1 - Label": "Blog",
    "Website 1 - Value": "https://zoe.example",
}


def test_current_layout_maps_every_field(tmp_path: Path) -> None:
    ann = parse_google_csv(build(tmp_path, CURRENT, [ANN])).people[0]
    assert ann.name == "Ann Lee"
    assert (ann.org, ann.title) == ("Lee, Smith & Partners", "Managing Partner")
    assert (ann.city, ann.country) == ("San Francisco", "United States")
    assert ann.birthday == (None, 6, 21)
    assert ann.notes == ["Met at the BNI breakfast.\nWants introductions to CFOs."]
    assert ann.line == 2


def test_several_values_in_one_cell_become_several_handles(tmp_path: Path) -> None:
    ann = parse_google_csv(build(tmp_path, CURRENT, [ANN])).people[0]
    assert ann.handles == [
        Handle("email", "ann@leesmith.example", "work", preferred=True),
        Handle("email", "ann.lee@leesmith.example", "work"),
        Handle("email", "ann@home.example", "home"),
        Handle("phone", "+1 415-555-0100", "mobile"),
        Handle("linkedin", "https://www.linkedin.com/in/annlee", "profile"),
    ]


def test_labels_become_tags_without_the_my_contacts_marker(tmp_path: Path) -> None:
    people = parse_google_csv(build(tmp_path, CURRENT, [ANN, ZOE])).people
    assert [p.tags for p in people] == [["Clients", "starred"], []]


def test_unicode_names_and_full_birthdays_are_kept(tmp_path: Path) -> None:
    zoe = parse_google_csv(build(tmp_path, CURRENT, [ZOE], bom=True)).people[0]
    assert zoe.name == "Zoë K. Ångström-Müller"
    assert zoe.birthday == (1980, 2, 29)
    assert zoe.handles[-1] == Handle("url", "https://zoe.example", "blog")


def test_record_lines_count_the_lines_of_multi_line_cells(tmp_path: Path) -> None:
    batch = parse_google_csv(build(tmp_path, CURRENT, [ANN, ZOE, ANN]))
    assert [p.line for p in batch.people] == [2, 4, 5]
    assert len({p.key for p in batch.people}) == 3


def test_a_row_with_only_an_email_is_named_after_its_local_part(tmp_path: Path) -> None:
    row = {"E-mail 1 - Value": "solo.founder@example.com", "Organization Title": "Founder"}
    person = parse_google_csv(build(tmp_path, CURRENT, [row])).people[0]
    assert (person.name, person.kind, person.org, person.title) == (
        "solo.founder",
        PERSON,
        None,
        "Founder",
    )


def test_a_company_row_with_an_email_and_phone_is_the_organisations_own_contact(
    tmp_path: Path,
) -> None:
    row = {
        "Organization Name": "Solo Ltd",
        "E-mail 1 - Value": "info@solo.example",
        "Phone 1 - Label": "Main",
        "Phone 1 - Value": "+1 415 555 0100",
        "Notes": "Ask for the front desk.",
    }
    contact = parse_google_csv(build(tmp_path, CURRENT, [row])).people[0]
    assert (contact.name, contact.kind, contact.org) == ("Solo Ltd", ORGANISATION, "Solo Ltd")
    assert [h.value for h in contact.handles] == ["info@solo.example", "+1 415 555 0100"]
    assert contact.notes == ["Ask for the front desk."]


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ({"First Name": "Quinn", "Organization Name": "Quinn"}, PERSON),
        ({"File As": "Acme", "Organization Name": "Acme"}, ORGANISATION),
    ],
)
def test_a_person_named_like_their_company_stays_a_person(
    tmp_path: Path, row: dict[str, str], kind: str
) -> None:
    """The name columns hold a person's name, even their company's (a consultant trading
    under it); the company again as a display name (File As) is the company's own card."""
    [contact] = parse_google_csv(build(tmp_path, CURRENT, [row])).people
    assert (contact.name, contact.kind) == (row["Organization Name"], kind)


def test_a_row_with_only_a_company_becomes_an_organisation(tmp_path: Path) -> None:
    row = {"Organization Name": "Acme, Inc.", "Address 1 - City": "Austin"}
    batch = parse_google_csv(build(tmp_path, CURRENT, [ANN, row]))
    acme = batch.people[1]
    assert (acme.name, acme.kind, acme.line, acme.city) == ("Acme, Inc.", ORGANISATION, 4, "Austin")
    assert batch.people[0].kind == PERSON


def test_a_row_with_no_name_or_email_is_skipped_with_the_reason(tmp_path: Path) -> None:
    rows = [{"Phone 1 - Value": "+1 415 555 0199"}, ZOE, {"Notes": "who is this?"}]
    batch = parse_google_csv(build(tmp_path, CURRENT, rows))
    assert batch.skipped == [Skip(2, "no name or e-mail"), Skip(4, "no name or e-mail")]
    assert [p.name for p in batch.people] == ["Zoë K. Ångström-Müller"]


def test_columns_are_found_by_name_when_google_adds_and_reorders_them(tmp_path: Path) -> None:
    path = tmp_path / "reordered.csv"
    path.write_text(
        "Labels,E-mail 5 - Value,Custom Field 9 - Value,Last Name,First Name,E-mail 5 - Label\n"
        "Team ::: * myContacts,ann@x.example,whatever,Lee,Ann,* Work\n",
        encoding="utf-8",
    )
    ann = parse_google_csv(path).people[0]
    assert (ann.name, ann.tags) == ("Ann Lee", ["Team"])
    assert ann.handles == [Handle("email", "ann@x.example", "work", preferred=True)]


def test_legacy_layout(tmp_path: Path) -> None:
    row = {
        "Name": "Dr. Bob Stone",
        "Given Name": "Bob",
        "Family Name": "Stone",
        "Birthday": "1975-11-03",
        "Notes": "Chamber of commerce chair",
        "Group Membership": "* My Contacts ::: * Friends ::: Advocates",
        "E-mail 1 - Type": "* Home",
        "E-mail 1 - Value": "bob@stone.example",
        "Phone 1 - Type": "Work",
        "Phone 1 - Value": "020 7946 0000 ::: 020 7946 0001",
        "Address 1 - City": "London",
        "Address 1 - Country": "United Kingdom",
        "Organization 1 - Name": "Stone & Co",
        "Organization 1 - Title": "Chair",
        "Website 1 - Value": "linkedin.com/in/bobstone",
    }
    bob = parse_google_csv(build(tmp_path, LEGACY, [row, {"Name": "Carol Ng"}])).people
    assert (bob[0].name, bob[0].org, bob[0].title) == ("Bob Stone", "Stone & Co", "Chair")
    assert bob[0].tags == ["Friends", "Advocates"]
    assert bob[0].birthday == (1975, 11, 3)
    assert (bob[0].city, bob[0].country) == ("London", "United Kingdom")
    assert [(h.kind, h.value, h.label, h.preferred) for h in bob[0].handles] == [
        ("email", "bob@stone.example", "home", True),
        ("phone", "020 7946 0000", "work", False),
        ("phone", "020 7946 0001", "work", False),
        ("linkedin", "linkedin.com/in/bobstone", None, False),
    ]
    assert bob[1].name == "Carol Ng"


def test_a_birthday_that_cannot_be_read_is_kept_in_the_notes(tmp_path: Path) -> None:
    row = {"First Name": "Dan", "Birthday": "sometime in June", "Notes": "Golf"}
    dan = parse_google_csv(build(tmp_path, CURRENT, [row])).people[0]
    assert dan.birthday is None
    assert dan.notes == ["Golf", "Birthday (not understood): sometime in June"]


def test_windows_1252_files_are_read(tmp_path: Path) -> None:
    row = {"First Name": "José", "Last Name": "Müller"}
    person = parse_google_csv(build(tmp_path, CURRENT, [row], encoding="cp1252")).people[0]
    assert person.name == "José Müller"


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = build(tmp_path, CURRENT, [ZOE])
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert parse_google_csv(path).people[0].name == "Zoë K. Ångström-Müller"


def test_a_header_only_file_is_an_empty_batch(tmp_path: Path) -> None:
    batch = parse_google_csv(build(tmp_path, CURRENT, []))
    assert (batch.people, batch.skipped) == ([], [])


@pytest.mark.parametrize(
    ("fixture", "hint"),
    [
        ("linkedin_connections_2018_header.txt", "import it as linkedin"),
        ("outlook_desktop_export_header.txt", "import it as outlook"),
        ("google_outlook_csv_export_header.txt", "import it as outlook"),
        ("thunderbird_csv_export_header.txt", "import it as outlook"),
    ],
)
def test_a_foreign_header_is_rejected_naming_line_1(
    tmp_path: Path, fixture: str, hint: str
) -> None:
    with pytest.raises(MalformedFile) as caught:
        parse_google_csv(build(tmp_path, fixture, [{"First Name": "Ann"}]))
    assert caught.value.line == 1
    assert "this is not a Google Contacts CSV" in caught.value.problem
    assert hint in caught.value.problem


def test_random_columns_are_rejected_naming_what_was_found(tmp_path: Path) -> None:
    path = tmp_path / "random.csv"
    path.write_text("id,amount,currency\n1,10,EUR\n", encoding="utf-8")
    with pytest.raises(MalformedFile) as caught:
        parse_google_csv(path)
    assert caught.value.line == 1
    assert "found 'id', 'amount', 'currency'" in caught.value.problem
    assert "'First Name'" in caught.value.problem


def test_a_truncated_quoted_cell_names_the_line_it_opens_on(tmp_path: Path) -> None:
    path = build(tmp_path, CURRENT, [ANN, ZOE])
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'Eve,,,,,,,,,,,,,,"Notes that never\nend\n', encoding="utf-8")
    with pytest.raises(MalformedFile) as caught:
        parse_google_csv(path)
    assert caught.value.line == 5
    assert "never closed" in caught.value.problem


def test_an_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(MalformedFile, match="empty") as caught:
        parse_google_csv(path)
    assert caught.value.line == 1


def test_utf8_damaged_midway_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = build(tmp_path, CURRENT, [ZOE, {"First Name": "Bad"}])
    path.write_bytes(path.read_bytes().replace(b"Bad", b"B\xe9d"))
    with pytest.raises(MalformedFile, match="UTF-8") as caught:
        parse_google_csv(path)
    assert caught.value.line == 3


def test_utf16_without_a_byte_order_mark_is_rejected(tmp_path: Path) -> None:
    path = build(tmp_path, CURRENT, [ZOE])
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    with pytest.raises(MalformedFile, match="NUL") as caught:
        parse_google_csv(path)
    assert caught.value.line == 1


def test_a_missing_file_is_reported_not_raised_as_os_error(tmp_path: Path) -> None:
    with pytest.raises(MalformedFile, match="cannot be read"):
        parse_google_csv(tmp_path / "nowhere.csv")


# --- addresses, nicknames and IM --------------------------------------------------------------

# Google's own Address 1 columns, renumbered: the group it adds for a second address.
ADDRESS_2 = tuple(
    column.replace("Address 1", "Address 2")
    for column in (HEADERS / CURRENT).read_text(encoding="utf-8").strip().split(",")
    if column.startswith("Address 1 - ")
)
IM_COLUMNS = ("IM 1 - Label", "IM 1 - Service", "IM 1 - Value")
IM_COLUMNS += ("IM 2 - Label", "IM 2 - Service", "IM 2 - Value")
ADDRESSED = {
    "First Name": "Ann",
    "Last Name": "Lee",
    "Nickname": "Annie",
    "Address 1 - Label": "Work",
    "Address 1 - Formatted": "1 Market St\nSuite 500\nSan Francisco, CA 94105\nUS",
    "Address 1 - Street": "1 Market St",
    "Address 1 - Extended Address": "Suite 500",
    "Address 1 - PO Box": "PO Box 77",
    "Address 1 - City": "San Francisco",
    "Address 1 - Region": "CA",
    "Address 1 - Postal Code": "94105",
    "Address 1 - Country": "United States",
    "Address 2 - Label": "* Home",
    "Address 2 - Street": "12 Elm Road",
    "Address 2 - City": "Oakland",
    "Address 2 - Country": "United States",
}


def test_every_address_group_is_read_part_by_part_and_the_starred_one_is_preferred(
    tmp_path: Path,
) -> None:
    path = build(tmp_path, CURRENT, [ADDRESSED], more=ADDRESS_2)
    ann = parse_google_csv(path).people[0]
    assert ann.addresses == [
        AddressRecord(
            label="work",
            po_box="PO Box 77",
            street="1 Market St\nSuite 500",
            city="San Francisco",
            region="CA",
            postcode="94105",
            country="United States",
        ),
        AddressRecord(
            label="home",
            street="12 Elm Road",
            city="Oakland",
            country="United States",
            preferred=True,
        ),
    ]
    assert (ann.city, ann.country) == ("Oakland", "United States")  # the preferred address's


def test_the_formatted_address_is_the_street_only_when_every_part_is_blank(
    tmp_path: Path,
) -> None:
    rows = [
        {
            "First Name": "Ann",
            "Address 1 - Label": "Home",
            "Address 1 - Formatted": "1 Elm Rd\nLeeds",
        },
        {"First Name": "Bob", "Address 1 - Formatted": "Ignored", "Address 1 - City": "York"},
        {"First Name": "Cy", "Address 1 - Label": "* Work"},  # a label alone is no address
    ]
    people = parse_google_csv(build(tmp_path, CURRENT, rows)).people
    assert [p.addresses for p in people] == [
        [AddressRecord(label="home", street="1 Elm Rd\nLeeds")],
        [AddressRecord(city="York")],
        [],
    ]


def test_two_addresses_with_one_label_share_a_group_value_by_value(tmp_path: Path) -> None:
    row = {
        "First Name": "Ann",
        "Address 1 - Label": "* Work",
        "Address 1 - Street": "1 Market St ::: 9 Dock Rd",
        "Address 1 - City": "San Francisco ::: Oakland",
        "Address 1 - Postal Code": "94105",
    }
    ann = parse_google_csv(build(tmp_path, CURRENT, [row])).people[0]
    assert ann.addresses == [
        AddressRecord("work", None, "1 Market St", "San Francisco", None, "94105", None, True),
        AddressRecord("work", None, "9 Dock Rd", "Oakland"),
    ]


def test_the_nickname_is_kept_and_still_names_a_contact_that_has_no_name(tmp_path: Path) -> None:
    rows = [ADDRESSED, {"Nickname": "Sunny", "E-mail 1 - Value": "sunny@example.org"}]
    people = parse_google_csv(build(tmp_path, CURRENT, rows, more=ADDRESS_2)).people
    assert [(p.name, p.nickname) for p in people] == [("Ann Lee", "Annie"), ("Sunny", "Sunny")]


def test_im_groups_become_handles_prefixed_with_the_scheme_of_their_service(tmp_path: Path) -> None:
    row = {
        "First Name": "Ann",
        "IM 1 - Label": "* Work",
        "IM 1 - Service": "Skype ::: Google Talk",
        "IM 1 - Value": "ann.lee ::: ann@gmail.com",
        "IM 2 - Label": "Home",
        "IM 2 - Service": " ::: Microsoft Teams",
        "IM 2 - Value": "sip:ann@contoso.com ::: ann@leesmith.example",
    }
    ann = parse_google_csv(build(tmp_path, CURRENT, [row], more=IM_COLUMNS)).people[0]
    assert ann.handles == [
        Handle("im", "skype:ann.lee", "work", preferred=True),
        Handle("im", "gtalk:ann@gmail.com", "work"),
        Handle("im", "sip:ann@contoso.com", "home"),
        Handle("im", "microsoftteams:ann@leesmith.example", "home"),
    ]


def test_legacy_layout_reads_typed_addresses_nicknames_and_im(tmp_path: Path) -> None:
    row = {
        "Name": "Bob Stone",
        "Nickname": "Bobby",
        "Address 1 - Type": "* Work",
        "Address 1 - Street": "10 Downing St",
        "Address 1 - Extended Address": "Floor 2",
        "Address 1 - City": "London",
        "Address 1 - Region": "Greater London",
        "Address 1 - Postal Code": "SW1A 2AA",
        "Address 1 - Country": "United Kingdom",
        "IM 1 - Type": "Other",
        "IM 1 - Service": "Skype",
        "IM 1 - Value": "skype:bob.stone",
    }
    more = ("IM 1 - Type", "IM 1 - Service", "IM 1 - Value")
    bob = parse_google_csv(build(tmp_path, LEGACY, [row], more=more)).people[0]
    assert (bob.name, bob.nickname) == ("Bob Stone", "Bobby")
    assert bob.addresses == [
        AddressRecord(
            label="work",
            street="10 Downing St\nFloor 2",
            city="London",
            region="Greater London",
            postcode="SW1A 2AA",
            country="United Kingdom",
            preferred=True,
        )
    ]
    assert bob.handles == [Handle("im", "skype:bob.stone", "other")]


def test_only_address_groups_the_header_has_are_read_row_by_row(tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("First Name,Last Name,E-mail 1 - Value\nAnn,Lee,ann@x.example\n")
    for path, groups in ((plain, 0), (build(tmp_path, CURRENT, [ANN], more=ADDRESS_2), 2)):
        table = read_table(path, accept=(Layout.GOOGLE,), what="Google", expected="")
        assert len(google_plan(table).addresses) == groups


RELATIONS = tuple(f"Relation {n} - {part}" for n in (1, 2) for part in ("Label", "Value"))


def test_columns_without_a_field_are_kept_in_one_note_and_the_industry_is_read(
    tmp_path: Path,
) -> None:
    row = {
        "First Name": "Ann",
        "Name Prefix": "Dr.",
        "Organization Department": "Treasury",
        "Event 1 - Label": "Anniversary",
        "Event 1 - Value": "2010-05-01",
        "Event 2 - Label": "",
        "Event 2 - Value": "2012-09-09",
        "Custom Field 1 - Label": "Industry",
        "Custom Field 1 - Value": "Fintech",
        "Photo": "https://lh3.googleusercontent.com/a/photo",
    }
    [ann] = parse_google_csv(build(tmp_path, CURRENT, [row])).people
    assert ann.industry == "Fintech"  # as goodword's own CSV export writes it
    assert ann.notes == [
        "From the address book: Name Prefix: Dr.; Organization Department: Treasury; "
        "Anniversary: 2010-05-01; Event 2: 2012-09-09"
    ]


def test_a_contact_with_those_columns_empty_gets_no_such_note(tmp_path: Path) -> None:
    [ann] = parse_google_csv(build(tmp_path, CURRENT, [ADDRESSED], more=ADDRESS_2)).people
    assert not any(note.startswith("From the address book") for note in ann.notes)


def test_unread_columns_of_one_label_name_or_none_are_all_kept(tmp_path: Path) -> None:
    row = {
        "First Name": "Ann",
        "Relation 1 - Label": "Child",
        "Relation 1 - Value": "Tom",
        "Relation 2 - Label": "Child",
        "Relation 2 - Value": "Sue",
        "Custom Field 1 - Label": "industry",
        "Custom Field 1 - Value": "Fintech",
    }
    path = build(tmp_path, CURRENT, [row], more=RELATIONS)
    # A column without a name, as a spreadsheet adds when a cell right of the header is used.
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{text[0]},\n{text[1]},loose end\n", encoding="utf-8")
    [ann] = parse_google_csv(path).people
    assert ann.industry == "Fintech"
    assert ann.notes == [
        f"From the address book: Child: Tom, Sue; Column {len(text[0].split(',')) + 1}: loose end"
    ]
