"""The relationships CSV of DESIGN.md: `a,b,strength,kind,note`, one stated tie a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodword.io.errors import MalformedFile
from goodword.io.records import ME, TieRecord
from goodword.io.relationships_csv import parse_relationships_csv

HEADER = "a,b,strength,kind,note\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "relationships.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_each_row_is_a_stated_tie_between_refs_as_typed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + 'ann@lee.example,Bob Stone,0.8,colleague,"Worked together, 2019–2022"\n'
        "\n"
        "Zoë Ångström,  Carol   Ng ,,,\n"
        'me,Ann Lee,1,Mentor,"Coffee every month;\nintroduced me to the chamber"\n',
    )
    assert parse_relationships_csv(path).ties == [
        TieRecord(
            a="ann@lee.example",
            b="Bob Stone",
            line=2,
            kind="colleague",
            strength=0.8,
            note="Worked together, 2019–2022",
            source="stated",
        ),
        TieRecord(a="Zoë Ångström", b="Carol Ng", line=4, source="stated"),
        TieRecord(
            a=ME,
            b="Ann Lee",
            line=5,
            kind="mentor",
            strength=1.0,
            note="Coffee every month;\nintroduced me to the chamber",
            source="stated",
        ),
    ]


def test_only_a_and_b_are_required_and_columns_may_come_in_any_order(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffB,A\nbob@x.example,ann@x.example\n")
    assert parse_relationships_csv(path).ties == [
        TieRecord(a="ann@x.example", b="bob@x.example", line=2, source="stated")
    ]


def test_semicolons_and_decimal_commas_from_european_excel(tmp_path: Path) -> None:
    path = write(tmp_path, "a;b;strength;kind;note\nAnn;Bob;0,25;friend;Sailing\n", "cp1252")
    tie = parse_relationships_csv(path).ties[0]
    assert (tie.a, tie.b, tie.strength, tie.kind) == ("Ann", "Bob", 0.25, "friend")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Ann,Bob,high,,", "strength 'high' is not a number"),
        ("Ann,Bob,1.5,,", "strength 1.5 is outside 0–1"),
        ("Ann,Bob,-0.1,,", "outside 0–1"),
        ("Ann,Bob,nan,,", "outside 0–1"),
        ("Ann,Bob,,cousin,", "kind 'cousin' is not one of"),
        (",Bob,0.5,,", "column a is empty"),
        ("Ann,  ,0.5,,", "column b is empty"),
        ("Ann,ann,0.5,,", "a tie needs two people"),
    ],
)
def test_a_bad_row_rejects_the_file_naming_its_line(tmp_path: Path, row: str, problem: str) -> None:
    path = write(tmp_path, HEADER + "Carol,Dan,0.5,knows,\n" + row + "\n")
    with pytest.raises(MalformedFile) as caught:
        parse_relationships_csv(path)
    assert caught.value.line == 3
    assert problem in caught.value.problem


def test_a_contacts_file_is_not_a_relationships_file(tmp_path: Path) -> None:
    path = write(tmp_path, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    with pytest.raises(MalformedFile) as caught:
        parse_relationships_csv(path)
    assert caught.value.line == 1
    assert "this is not a relationships CSV" in caught.value.problem
    assert "import it as linkedin" in caught.value.problem


def test_a_header_only_file_has_no_ties(tmp_path: Path) -> None:
    assert parse_relationships_csv(write(tmp_path, HEADER)).ties == []


def test_classic_mac_and_mixed_line_breaks_keep_their_line_numbers(tmp_path: Path) -> None:
    text = 'a,b,note\rAnn,Bob,"two\r\nlines"\r\nCarol,Dan,\nEve,Fay,\r'
    ties = parse_relationships_csv(write(tmp_path, text)).ties
    assert [(t.a, t.line, t.note) for t in ties] == [
        ("Ann", 2, "two\nlines"),
        ("Carol", 4, None),
        ("Eve", 5, None),
    ]


def test_a_person_named_on_many_rows_is_one_string(tmp_path: Path) -> None:
    """A million-row list names each person many times: one string each keeps it small."""
    path = write(tmp_path, HEADER + "Ann  Lee,Bob,,,\nAnn Lee,Carol,0.5,,\nBob,Ann Lee,0.5,,\n")
    first, second, third = parse_relationships_csv(path).ties
    assert first.a is second.a is third.b
    assert second.strength is third.strength


@pytest.mark.parametrize(
    ("kind", "stored"), [("adviser", "client"), ("Introduced by", "introduced")]
)
def test_the_second_role_of_a_tie_swaps_the_two_people(
    tmp_path: Path, kind: str, stored: str
) -> None:
    path = write(tmp_path, HEADER + f"Ann Lee,Bob Stone,,{kind},\n")
    [tie] = parse_relationships_csv(path).ties
    assert (tie.a, tie.b, tie.kind) == ("Bob Stone", "Ann Lee", stored)
