"""Outlook CSV (desktop, Outlook.com, Google's Outlook option) and Thunderbird, on real headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from goodword.io.addressbook import BadDate, parse_birthday
from goodword.io.errors import MalformedFile
from goodword.io.outlook_csv import parse_outlook_csv
from goodword.io.records import ORGANISATION, AddressRecord, Handle, Skip

HEADERS = Path(__file__).parents[1] / "data" / "csv-headers"
DESKTOP = "outlook_desktop_export_header.txt"
OUTLOOK_COM = "outlook_com_people_export_header.txt"
GOOGLE_OUTLOOK = "google_outlook_csv_export_header.txt"
THUNDERBIRD = "thunderbird_csv_export_header.txt"


def build(
    tmp_path: Path,
    fixture: str,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """A file made of the fixture's exact header, then `rows` given by column name."""
    header = (HEADERS / fixture).read_text(encoding="utf-8").rstrip("\n")
    columns = next(csv.reader([header]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", delimiter=delimiter)
    if delimiter != ",":
        writer.writerow(columns)
    for row in rows:
        assert set(row) <= set(columns), set(row) - set(columns)
        writer.writerow([row.get(column, "") for column in columns])
    path = tmp_path / "contacts.csv"
    text = out.getvalue() if delimiter != "," else header + "\r\n" + out.getvalue()
    path.write_bytes(text.encode(encoding))
    return path


JURGEN = {
    "Title": "Dr.",
    "First Name": "Jürgen",
    "Last Name": "Weiß",
    "Suffix": "Jr.",
    "Company": "Müller & Söhne, GmbH",
    "Job Title": "Geschäftsführer",
    "Business City": "München",
    "Business Country/Region": "Germany",
    "Home City": "Starnberg",
    "Business Phone": "+49 89 1234567",
    "Mobile Phone": "+49 171 1234567",
    "Home Fax": "+49 8151 1234",
    "Birthday": "6/21/1980",
    "Categories": "Clients;Golf ; VIP",
    "E-mail Address": "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=jw",
    "E-mail Type": "EX",
    "E-mail 2 Address": "juergen@mueller.example",
    "E-mail 2 Type": "SMTP",
    "Notes": "Met at the trade fair.\r\nSends referrals in Q4.",
    "Web Page": "https://www.linkedin.com/in/jweiss/",
    "Department": "Vertrieb",
    "Referred By": "Anna Schmidt",
    "Priority": "Normal",
    "Private": "False",
    "Anniversary": "0/0/00",
    "Initials": "J.W.",
}


def test_desktop_export_maps_every_field(tmp_path: Path) -> None:
    batch = parse_outlook_csv(build(tmp_path, DESKTOP, [JURGEN], encoding="cp1252"))
    person = batch.people[0]
    assert person.name == "Jürgen Weiß Jr."
    assert (person.org, person.title) == ("Müller & Söhne, GmbH", "Geschäftsführer")
    assert (person.city, person.country) == ("München", "Germany")
    assert person.birthday == (1980, 6, 21)
    assert person.tags == ["Clients", "Golf", "VIP"]
    assert person.notes == [
        "Met at the trade fair.\nSends referrals in Q4.",
        # Columns with no field of their own, without Outlook's defaults and derived ones.
        "From the address book: Name prefix: Dr.; Department: Vertrieb; Referred By: Anna Schmidt",
    ]
    assert person.line == 2


def test_phone_labels_come_from_column_names_and_exchange_names_are_dropped(
    tmp_path: Path,
) -> None:
    person = parse_outlook_csv(build(tmp_path, DESKTOP, [JURGEN])).people[0]
    assert person.handles == [
        Handle("email", "juergen@mueller.example"),
        Handle("phone", "+49 171 1234567", "mobile"),
        Handle("phone", "+49 89 1234567", "work"),
        Handle("phone", "+49 8151 1234", "home fax"),
        Handle("linkedin", "https://www.linkedin.com/in/jweiss/"),
    ]


def test_record_lines_follow_multi_line_notes(tmp_path: Path) -> None:
    rows = [JURGEN, {"First Name": "Ann", "Birthday": "0/0/00"}, {"Company": "Acme"}]
    batch = parse_outlook_csv(build(tmp_path, DESKTOP, rows))
    assert [(p.name, p.line, p.birthday) for p in batch.people] == [
        ("Jürgen Weiß Jr.", 2, (1980, 6, 21)),
        ("Ann", 4, None),
        ("Acme", 5, None),
    ]
    assert batch.people[-1].kind == ORGANISATION


def test_outlook_com_year_1604_means_no_year(tmp_path: Path) -> None:
    row = {
        "Nickname": "Sunny",
        "E-mail Address": "sunny@example.org",
        "Birthday": "6/21/1604",
        "Home City": "Lyon",
        "Home Country/Region": "France",
        "Personal Web Page": "https://sunny.example",
    }
    person = parse_outlook_csv(build(tmp_path, OUTLOOK_COM, [row])).people[0]
    assert person.name == "Sunny"
    assert person.birthday == (None, 6, 21)
    assert (person.city, person.country) == ("Lyon", "France")
    assert person.handles == [
        Handle("email", "sunny@example.org", preferred=True),
        Handle("url", "https://sunny.example", "personal"),
    ]


def test_googles_outlook_option(tmp_path: Path) -> None:
    row = {
        "First Name": "Priya",
        "Last Name": "Raman",
        "E-mail Address": "priya@raman.example",
        "E-mail 2 Address": "p.raman@example.com",
        "Mobile Phone": "+91 98765 43210",
        "Company": "Raman Advisory",
        "Job Title": "Founder",
        "Home City": "Chennai",
        "Home Country": "India",
        "Birthday": "1985-01-31",
        "Categories": "* myContacts ::: Referral partners",
    }
    person = parse_outlook_csv(build(tmp_path, GOOGLE_OUTLOOK, [row])).people[0]
    assert (person.name, person.org, person.title) == ("Priya Raman", "Raman Advisory", "Founder")
    assert (person.city, person.country, person.birthday) == ("Chennai", "India", (1985, 1, 31))
    assert person.tags == ["Referral partners"]
    assert [h.value for h in person.handles] == [
        "priya@raman.example",
        "p.raman@example.com",
        "+91 98765 43210",
    ]


def test_thunderbird_export(tmp_path: Path) -> None:
    row = {
        "Display Name": "Tomás Ó Briain",
        "Primary Email": "tomas@obriain.example",
        "Secondary Email": "tob@example.com",
        "Mobile Number": "+353 87 123 4567",
        "Work City": "Dublin",
        "Work Country": "Ireland",
        "Organization": "Ó Briain Accountants",
        "Job Title": "Partner",
        "Birth Month": "3",
        "Birth Day": "17",
        "Web Page 1": "https://obriain.example",
        "Notes": "Rugby club",
    }
    person = parse_outlook_csv(build(tmp_path, THUNDERBIRD, [row, {"Birth Year": "1970"}]))
    tomas = person.people[0]
    assert (tomas.name, tomas.org, tomas.title) == (
        "Tomás Ó Briain",
        "Ó Briain Accountants",
        "Partner",
    )
    assert (tomas.city, tomas.country, tomas.birthday) == ("Dublin", "Ireland", (None, 3, 17))
    assert tomas.handles[0] == Handle("email", "tomas@obriain.example", preferred=True)
    assert tomas.handles[2] == Handle("phone", "+353 87 123 4567", "mobile")
    assert tomas.notes == ["Rugby club"]
    assert person.skipped == [Skip(3, "no name or e-mail")]


def test_semicolon_separated_files_from_european_excel(tmp_path: Path) -> None:
    row = {"First Name": "Anna", "Last Name": "Rossi", "Company": "Rossi; Bianchi"}
    path = build(tmp_path, OUTLOOK_COM, [row], delimiter=";", encoding="cp1252")
    person = parse_outlook_csv(path).people[0]
    assert (person.name, person.org) == ("Anna Rossi", "Rossi; Bianchi")


@pytest.mark.parametrize(
    ("header", "row", "name", "emails"),
    [
        ("E-mail Address,E-mail 2 Address", "ann@acme.io,ann@home.example", "ann", 2),
        ("Name,Email", "Ann Lee,ann@acme.io", "Ann Lee", 1),
        ("Full Name;E-mail", "Ann Lee;ann@acme.io", "Ann Lee", 1),
        ("Email", "ann@acme.io", "ann", 1),
        ("Name,Email Address,Phone", "Ann Lee,ann@acme.io,555", "Ann Lee", 1),
    ],
)
def test_a_file_with_only_some_known_columns_is_read(
    tmp_path: Path, header: str, row: str, name: str, emails: int
) -> None:
    path = tmp_path / "few.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    [person] = parse_outlook_csv(path).people
    assert person.name == name
    assert [h.value for h in person.handles if h.kind == "email"][:1] == ["ann@acme.io"]
    assert len([h for h in person.handles if h.kind == "email"]) == emails


def test_decomposed_text_is_read_composed_each_cell_on_its_own(tmp_path: Path) -> None:
    """NFC turns a Greek question mark into `;`: a cell is normalised after the split, so the
    mark, now `;`, stays in its cell instead of splitting the row."""
    row = {"First Name": "Le\u0301a", "Last Name": "Rossi", "Notes": "Perche\u0301\u037e"}
    path = build(tmp_path, OUTLOOK_COM, [row], delimiter=";")
    person = parse_outlook_csv(path).people[0]
    assert (person.name, person.notes) == ("Léa Rossi", ["Perché;"])


def test_short_rows_are_padded_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("First Name,Last Name,Company,Job Title\nAnn,Lee\n", encoding="utf-8")
    person = parse_outlook_csv(path).people[0]
    assert (person.name, person.org, person.title) == ("Ann Lee", None, None)


@pytest.mark.parametrize(
    ("fixture", "hint"),
    [
        ("google_csv_current_header.txt", "import it as google"),
        ("google_csv_legacy_header.txt", "import it as google"),
        ("linkedin_connections_2018_header.txt", "import it as linkedin"),
    ],
)
def test_a_foreign_header_is_rejected_naming_line_1(
    tmp_path: Path, fixture: str, hint: str
) -> None:
    path = tmp_path / "foreign.csv"
    header = (HEADERS / fixture).read_text(encoding="utf-8")
    path.write_text(header + "Ann,Lee\n", encoding="utf-8")
    with pytest.raises(MalformedFile) as caught:
        parse_outlook_csv(path)
    assert caught.value.line == 1
    assert "this is not an Outlook CSV" in caught.value.problem
    assert hint in caught.value.problem


@pytest.mark.parametrize(
    ("text", "birthday"),
    [
        ("", None),
        ("0/0/00", None),
        ("6/21/1980", (1980, 6, 21)),
        ("21/6/1980", (1980, 6, 21)),  # the day comes first when it cannot be a month
        ("6/21/80", (1980, 6, 21)),
        ("6/21/1604", (None, 6, 21)),
        ("1980-06-21", (1980, 6, 21)),
        ("1604-06-21", (None, 6, 21)),
        ("--06-21", (None, 6, 21)),
        ("--0621", (None, 6, 21)),
        ("2/29/1604", (None, 2, 29)),
        ("6/21/1980 0:00:00", (1980, 6, 21)),
    ],
)
def test_birthday_formats(text: str, birthday: tuple[int | None, int, int] | None) -> None:
    assert parse_birthday(text) == birthday


@pytest.mark.parametrize(
    "text",
    ["2/29/1981", "13/13/1980", "June 21", "1980-06", "6/21/98765", "0/06/99999999999999999999"],
)
def test_impossible_birthdays_are_refused(text: str) -> None:
    with pytest.raises(BadDate):
        parse_birthday(text)


# --- addresses, nicknames and IM --------------------------------------------------------------


def test_desktop_business_address_comes_first_and_is_preferred(tmp_path: Path) -> None:
    row = {
        **JURGEN,
        "Business Street": "Leopoldstraße 1",
        "Business Street 2": "Gebäude B",
        "Business Street 3": "3. OG",
        "Business Address PO Box": "Postfach 12",
        "Business State": "Bayern",
        "Business Postal Code": "80802",
        "Home Street": "Seestraße 5",
        "Home Postal Code": "82319",
        "Other Street": "",
    }
    person = parse_outlook_csv(build(tmp_path, DESKTOP, [row])).people[0]
    assert person.addresses == [
        AddressRecord(
            label="work",
            po_box="Postfach 12",
            street="Leopoldstraße 1\nGebäude B\n3. OG",
            city="München",
            region="Bayern",
            postcode="80802",
            country="Germany",
            preferred=True,
        ),
        AddressRecord(label="home", street="Seestraße 5", city="Starnberg", postcode="82319"),
    ]


def test_outlook_com_reads_nickname_im_address_and_home_and_other_addresses(
    tmp_path: Path,
) -> None:
    rows = [
        {
            "First Name": "Sunita",
            "Nickname": "Sunny",
            "IMAddress": "sip:sunny@contoso.com",
            "Home Street": "3 Rue de la Paix",
            "Home City": "Lyon",
            "Home Postal Code": "69002",
            "Home Country/Region": "France",
            "Other City": "Annecy",
            "Other State": "Haute-Savoie",
        },
        {"First Name": "Tom", "IMAddress": "tom.k"},
    ]
    sunny, tom = parse_outlook_csv(build(tmp_path, OUTLOOK_COM, rows)).people
    assert sunny.nickname == "Sunny"
    assert sunny.handles == [Handle("im", "sip:sunny@contoso.com")]
    assert tom.handles == [Handle("im", "tom.k")]  # no service known: kept as written
    assert sunny.addresses == [
        AddressRecord(
            label="home",
            street="3 Rue de la Paix",
            city="Lyon",
            postcode="69002",
            country="France",
        ),
        AddressRecord(label="other", city="Annecy", region="Haute-Savoie"),
    ]
    assert (sunny.city, sunny.country) == ("Lyon", "France")


def test_googles_outlook_option_reads_addresses_with_the_formatted_one_as_a_fall_back(
    tmp_path: Path,
) -> None:
    row = {
        "First Name": "Priya",
        "Business Address": "Raman Advisory\n4 Anna Salai\nChennai 600002",
        "Home Address": "ignored: the parts are there",
        "Home Street": "7 Beach Rd",
        "Home Address PO Box": "PO Box 9",
        "Home City": "Chennai",
        "Home State": "Tamil Nadu",
        "Home Postal Code": "600001",
        "Home Country": "India",
    }
    person = parse_outlook_csv(build(tmp_path, GOOGLE_OUTLOOK, [row])).people[0]
    assert person.addresses == [
        AddressRecord(
            label="work",
            street="Raman Advisory\n4 Anna Salai\nChennai 600002",
            preferred=True,
        ),
        AddressRecord("home", "PO Box 9", "7 Beach Rd", "Chennai", "Tamil Nadu", "600001", "India"),
    ]
    assert (person.city, person.country) == ("Chennai", "India")  # the first with a city


def test_thunderbird_reads_work_and_home_addresses_and_the_nickname(tmp_path: Path) -> None:
    row = {
        "Display Name": "Tomás Ó Briain",
        "Nickname": "Tom",
        "Home Address": "5 Strand Rd",
        "Home City": "Howth",
        "Home Country": "Ireland",
        "Work Address": "1 Grand Canal Sq",
        "Work Address 2": "Floor 4",
        "Work City": "Dublin",
        "Work State": "Co. Dublin",
        "Work ZipCode": "D02 P820",
        "Work Country": "Ireland",
    }
    tomas = parse_outlook_csv(build(tmp_path, THUNDERBIRD, [row])).people[0]
    assert tomas.nickname == "Tom"
    assert tomas.addresses == [
        AddressRecord(
            label="work",
            street="1 Grand Canal Sq\nFloor 4",
            city="Dublin",
            region="Co. Dublin",
            postcode="D02 P820",
            country="Ireland",
            preferred=True,
        ),
        AddressRecord(label="home", street="5 Strand Rd", city="Howth", country="Ireland"),
    ]
