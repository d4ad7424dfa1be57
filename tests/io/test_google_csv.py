"""Google Contacts CSV: files built on the exact header rows Google writes (tests/data)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from goodword.io.errors import MalformedFile
from goodword.io.google_csv import parse_google_csv
from goodword.io.records import Handle, OrgRecord, Skip

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
) -> Path:
    """A file made of the fixture's exact header, then `rows` given by column name."""
    head = (HEADERS / fixture).read_text(encoding="utf-8").rstrip("\n").split("\n")
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
    row = {"E-mail 1 - Value": "solo.founder@example.com", "Organization Name": "Solo Ltd"}
    person = parse_google_csv(build(tmp_path, CURRENT, [row])).people[0]
    assert (person.name, person.org) == ("solo.founder", "Solo Ltd")


def test_a_row_with_only_a_company_becomes_an_organisation(tmp_path: Path) -> None:
    row = {"Organization Name": "Acme, Inc.", "Address 1 - City": "Austin"}
    batch = parse_google_csv(build(tmp_path, CURRENT, [ANN, row]))
    assert batch.orgs == [OrgRecord(name="Acme, Inc.", line=4, city="Austin")]


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
    assert (batch.people, batch.orgs, batch.skipped) == ([], [], [])


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
