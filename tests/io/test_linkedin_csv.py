"""LinkedIn Connections.csv, 2018 and 2020+ (with its `Notes:` preamble), on the real headers,
and the Outlook-layout export LinkedIn wrote until about 2014."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from goodword.io.addressbook import BadDate
from goodword.io.errors import MalformedFile
from goodword.io.linkedin_csv import parse_connected_on, parse_linkedin_csv
from goodword.io.records import ME, Handle, Skip, TieRecord

HEADERS = Path(__file__).parents[1] / "data" / "csv-headers"
V2018 = "linkedin_connections_2018_header.txt"
V2020 = "linkedin_connections_2020plus_preamble_and_header.txt"


def build(tmp_path: Path, fixture: str, rows: list[dict[str, str]], *, bom: bool = False) -> Path:
    """A file made of the fixture's exact preamble and header, then `rows` by column name."""
    head = (HEADERS / fixture).read_text(encoding="utf-8").rstrip("\n").split("\n")
    columns = next(csv.reader([head[-1]]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        assert set(row) <= set(columns), set(row) - set(columns)
        writer.writerow([row.get(column, "") for column in columns])
    path = tmp_path / "Connections.csv"
    text = "\n".join(head) + "\n" + out.getvalue()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


ANN = {
    "First Name": "Ann",
    "Last Name": "Lee",
    "Email Address": "ann@leesmith.example",
    "Company": "Lee, Smith & Partners",
    "Position": "Managing Partner",
    "Connected On": "15 Mar 2024",
}
RAJ = {
    "First Name": "Raj",
    "Last Name": "Patel 🚀",
    "URL": "https://www.linkedin.com/in/rajpatel",
    "Company": 'Patel "Growth" Labs',
    "Position": "Head of Partnerships,\nEMEA",
    "Connected On": "02 Jan 2019",
}


def test_2018_layout_gives_people_and_ties_to_the_owner(tmp_path: Path) -> None:
    batch = parse_linkedin_csv(build(tmp_path, V2018, [ANN]))
    ann = batch.people[0]
    assert (ann.name, ann.org, ann.title) == (
        "Ann Lee",
        "Lee, Smith & Partners",
        "Managing Partner",
    )
    assert ann.handles == [Handle("email", "ann@leesmith.example")]
    assert (ann.connected_on, ann.line) == (date(2024, 3, 15), 2)
    assert batch.ties == [
        TieRecord(a=ME, b=ann.key, line=2, kind="knows", source="imported", since=date(2024, 3, 15))
    ]


def test_2020_layout_skips_the_notes_preamble_and_keeps_real_line_numbers(tmp_path: Path) -> None:
    batch = parse_linkedin_csv(build(tmp_path, V2020, [RAJ, {**ANN, "URL": ""}], bom=True))
    raj, ann = batch.people
    assert raj.name == "Raj Patel 🚀"
    assert raj.handles == [Handle("linkedin", "https://www.linkedin.com/in/rajpatel")]
    assert (raj.org, raj.title) == ('Patel "Growth" Labs', "Head of Partnerships,\nEMEA")
    assert (raj.line, ann.line) == (5, 7)
    assert [t.since for t in batch.ties] == [date(2019, 1, 2), date(2024, 3, 15)]
    assert [t.b for t in batch.ties] == [raj.key, ann.key]


def test_a_position_without_a_company_is_kept(tmp_path: Path) -> None:
    freelancer = {**ANN, "Company": "", "Position": "Independent Consultant"}
    [ann] = parse_linkedin_csv(build(tmp_path, V2020, [freelancer])).people
    assert (ann.org, ann.title) == (None, "Independent Consultant")


def test_members_who_hide_their_name_are_skipped_with_the_reason(tmp_path: Path) -> None:
    hidden = {"Connected On": "01 Feb 2023"}
    batch = parse_linkedin_csv(build(tmp_path, V2020, [hidden, ANN]))
    assert batch.skipped == [Skip(5, "no name or e-mail")]
    assert len(batch.people) == len(batch.ties) == 1


def test_a_date_that_cannot_be_read_is_kept_in_the_notes(tmp_path: Path) -> None:
    batch = parse_linkedin_csv(build(tmp_path, V2018, [{**ANN, "Connected On": "last spring"}]))
    assert batch.people[0].connected_on is None
    assert batch.people[0].notes == ["Connected on LinkedIn (date not understood): last spring"]
    assert batch.ties[0].since is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("1 Sept 2021", date(2021, 9, 1)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("03/15/2024", date(2024, 3, 15)),
        ("15/03/2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("", None),
    ],
)
def test_connected_on_formats(text: str, expected: date | None) -> None:
    assert parse_connected_on(text) == expected


@pytest.mark.parametrize(
    "text", ["31 Feb 2024", "Mar 2024", "yesterday", "13/13/2024", "1 Jan 99999999999999999999"]
)
def test_impossible_connected_on_dates_are_refused(text: str) -> None:
    with pytest.raises(BadDate):
        parse_connected_on(text)


# LinkedIn's 2014 export (`linkedin_connections_export_microsoft_outlook.csv`): Outlook's
# columns, of which LinkedIn filled the names, the e-mail, the company and the job title.
V2014 = (
    '"Title","First Name","Middle Name","Last Name","Suffix","E-mail Address",'
    '"E-mail 2 Address","E-mail 3 Address","Business Street","Business City","Business State",'
    '"Business Postal Code","Business Country","Home Street","Home City","Home State",'
    '"Home Postal Code","Home Country","Company","Department","Job Title","Business Phone",'
    '"Home Phone","Mobile Phone","Birthday","Notes","Web Page"\r\n'
)


def test_the_2014_outlook_layout_gives_people_every_column_and_ties_to_the_owner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "linkedin_connections_export_microsoft_outlook.csv"
    row = '"","Ann","","Lee","","ann@leesmith.example",,,,,,,,,,,,,"Lee, Smith & Partners",'
    row += '"Tax","Managing Partner",,,"+44 20 7946 0958",,"Met in Leeds",\r\n'
    path.write_text(V2014 + row + ",,,,,,,,,,,,,,,,,,,,,,,,,,\r\n", encoding="utf-8")

    batch = parse_linkedin_csv(path)

    [ann] = batch.people
    assert (ann.name, ann.org, ann.title, ann.line) == (
        "Ann Lee",
        "Lee, Smith & Partners",
        "Managing Partner",
        2,
    )
    assert [(h.kind, h.value) for h in ann.handles] == [
        ("email", "ann@leesmith.example"),
        ("phone", "+44 20 7946 0958"),
    ]
    assert ann.notes[0] == "Met in Leeds"
    assert any("Department: Tax" in note for note in ann.notes)  # kept, not dropped
    assert batch.ties == [TieRecord(a=ME, b=ann.key, line=2, source="imported")]


@pytest.mark.parametrize(
    "fixture", ["google_csv_current_header.txt", "thunderbird_csv_export_header.txt"]
)
def test_a_foreign_header_is_rejected_naming_line_1(tmp_path: Path, fixture: str) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text((HEADERS / fixture).read_text(encoding="utf-8") + "Ann,Lee\n", "utf-8")
    with pytest.raises(MalformedFile) as caught:
        parse_linkedin_csv(path)
    assert caught.value.line == 1
    assert "this is not a LinkedIn Connections.csv" in caught.value.problem


def test_a_preamble_without_a_header_is_rejected(tmp_path: Path) -> None:
    preamble = (HEADERS / V2020).read_text(encoding="utf-8").split("\n\n")[0]
    path = tmp_path / "Connections.csv"
    path.write_text(preamble + "\n\nAnn,Lee,,,Acme,CEO,15 Mar 2024\n", encoding="utf-8")
    with pytest.raises(MalformedFile, match="found 'Notes:'") as caught:
        parse_linkedin_csv(path)
    assert caught.value.line == 1
