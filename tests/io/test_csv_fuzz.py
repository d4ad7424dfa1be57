"""Every CSV importer, fed valid files and mutated ones, returns a Batch or raises MalformedFile.

Valid files are built on the real header rows (tests/data/csv-headers) with random cells; the
mutations are what damaged files really suffer: flipped bytes, truncation, stray quotes, line
breaks and NULs, and the wrong encoding.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodword.io.errors import MalformedFile
from goodword.io.google_csv import parse_google_csv
from goodword.io.linkedin_csv import parse_linkedin_csv
from goodword.io.matching import name_key
from goodword.io.outlook_csv import parse_outlook_csv
from goodword.io.records import Batch
from goodword.io.relationships_csv import parse_relationships_csv
from goodword.relationships.kinds import TIE_WORDS

HEADERS = Path(__file__).parents[1] / "data" / "csv-headers"
PARSERS: dict[str, Callable[[Path], Batch]] = {
    "google_csv_current_header.txt": parse_google_csv,
    "google_csv_legacy_header.txt": parse_google_csv,
    "google_outlook_csv_export_header.txt": parse_outlook_csv,
    "outlook_com_people_export_header.txt": parse_outlook_csv,
    "outlook_desktop_export_header.txt": parse_outlook_csv,
    "thunderbird_csv_export_header.txt": parse_outlook_csv,
    "linkedin_connections_2018_header.txt": parse_linkedin_csv,
    "linkedin_connections_2020plus_preamble_and_header.txt": parse_linkedin_csv,
}
ALL_PARSERS = (parse_google_csv, parse_outlook_csv, parse_linkedin_csv, parse_relationships_csv)
TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
# Cells shaped like dates reach the date parsers' corners (huge years, month names, -- prefix).
DATE_LIKE = st.builds(
    "{}{}{}{}{}".format,
    st.integers(0, 40),
    st.sampled_from([" ", "/", "-"]),
    st.sampled_from(["Mar", "sept", "06", "13", "0", ""]),
    st.sampled_from([" ", "/", "-"]),
    st.sampled_from(["1980", "80", "0", "00", "1604", "2024", "99999999999999999999"]),
)
CELL = st.one_of(TEXT, DATE_LIKE)
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "cp1252",
    "latin-1",
    "shift_jis",
]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@st.composite
def contact_files(draw: st.DrawFn) -> tuple[str, str, list[list[str]]]:
    """(fixture, text, data rows): the fixture's header, then rows of random cells."""
    fixture = draw(st.sampled_from(sorted(PARSERS)))
    head = (HEADERS / fixture).read_text(encoding="utf-8").rstrip("\n").split("\n")
    width = len(next(csv.reader([head[-1]])))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=5))
    out = io.StringIO()
    # Python's writer quotes a cell holding a line break only if the break is in its terminator.
    if draw(st.booleans()):
        csv.writer(out, lineterminator="\r\n").writerows(rows)
    else:
        csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return fixture, "\n".join(head) + "\n" + out.getvalue(), rows


@st.composite
def relationship_files(draw: st.DrawFn) -> tuple[str, int]:
    """(text, number of rows) of a valid relationships CSV: each row names two people.

    Names equal but for case and accents (`Ĕ` and `ĕ`) name one person, as the importer
    compares them, so a row of two such names is no tie and the file is not valid.
    """
    names = st.text(st.characters(categories=["L", "Nd"]), min_size=1, max_size=10)
    two_people = st.tuples(names, names).filter(lambda p: name_key(p[0]) != name_key(p[1]))
    pairs = draw(st.lists(two_people, max_size=5))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["a", "b", "strength", "kind", "note"])
    for a, b in pairs:
        strength = draw(st.one_of(st.just(""), st.floats(0, 1).map(repr)))
        writer.writerow([a, b, strength, draw(st.sampled_from(sorted(TIE_WORDS))), draw(CELL)])
    return out.getvalue(), len(pairs)


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """The damage real files suffer, applied a few times at random places."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        match draw(st.sampled_from(["flip", "truncate", "insert", "delete", "recode"])):
            case "flip":
                data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
            case "truncate":
                data = data[:at]
            case "insert":
                junk = draw(
                    st.sampled_from([b'"', b"\n", b"\r", b"\x00", b",", b"\xff", b"\xef\xbb\xbf"])
                )
                data = data[:at] + junk + data[at:]
            case "delete":
                data = data[:at] + data[at + draw(st.integers(1, 8)) :]
            case "recode":
                text = data.decode("utf-8", "replace")
                data = text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    return data


def outcome(parse: Callable[[Path], Batch], path: Path) -> Batch | MalformedFile:
    try:
        return parse(path)
    except MalformedFile as exc:
        return exc


@SETTINGS
@given(file=contact_files())
def test_valid_contact_files_account_for_every_row(
    workdir: Path, file: tuple[str, str, list[list[str]]]
) -> None:
    fixture, text, rows = file
    path = workdir / "valid.csv"
    path.write_text(text, encoding="utf-8")
    batch = PARSERS[fixture](path)
    accounted = len(batch.people) + len(batch.skipped)
    assert accounted == sum(1 for row in rows if any(row))
    assert len({p.key for p in batch.people}) == len(batch.people)


@SETTINGS
@given(file=relationship_files())
def test_valid_relationship_files_give_one_tie_a_row(workdir: Path, file: tuple[str, int]) -> None:
    text, count = file
    path = workdir / "relationships.csv"
    path.write_text(text, encoding="utf-8")
    assert len(parse_relationships_csv(path).ties) == count


@SETTINGS
@given(data=st.data())
def test_every_parser_returns_a_batch_or_malformed_file_for_damaged_files(
    workdir: Path, data: st.DataObject
) -> None:
    if data.draw(st.booleans()):
        text = data.draw(contact_files())[1]
    else:
        text = data.draw(relationship_files())[0]
    damaged = data.draw(mutations(text.encode(data.draw(st.sampled_from(ENCODINGS)), "replace")))
    path = workdir / "damaged.csv"
    path.write_bytes(damaged)
    for parse in ALL_PARSERS:
        result = outcome(parse, path)  # anything else raised fails the test
        if isinstance(result, MalformedFile):
            assert result.line is None or result.line >= 1
        else:
            assert isinstance(result, Batch)
