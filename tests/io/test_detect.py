"""Telling a file's format from its first bytes: every real exporter's file the tests import,
each CSV flavour by its header, and the files that are none of the formats.

The real files are tests/data (verbatim copies) and, where it is found beside the clone, the
shared fixture folder they were copied from (`../shared/fixtures`, read-only in CI).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from goodword.errors import InvalidInput
from goodword.io.csvfile import Layout, detect_layout, header_key
from goodword.io.detect import (
    HEAD,
    TRIED,
    Detected,
    detect_format,
    naming_the_likely_format,
    sniff,
)
from goodword.io.errors import MalformedFile
from goodword.io.formats import ImportFormat

DATA = Path(__file__).parents[1] / "data"


def shared_fixtures() -> Path | None:
    """`shared/fixtures` beside the clone, or beside a folder above it (a worktree's)."""
    for folder in Path(__file__).resolve().parents:
        if (found := folder / "shared" / "fixtures").is_dir():
            return found
    return None


SHARED = shared_fixtures()
ROOTS = [DATA, *([SHARED] if SHARED else [])]

# Each header file as the tests import it: (format, layout).
HEADERS = {
    "google_csv_current_header.txt": ("google", "google"),
    "google_csv_legacy_header.txt": ("google", "google-legacy"),
    "google_outlook_csv_export_header.txt": ("outlook", "google-outlook"),
    "outlook_com_people_export_header.txt": ("outlook", "outlook-com"),
    "outlook_desktop_export_header.txt": ("outlook", "outlook-desktop"),
    "thunderbird_csv_export_header.txt": ("outlook", "thunderbird"),
    "linkedin_connections_2018_header.txt": ("linkedin", "linkedin-2018"),
    "linkedin_connections_2020plus_preamble_and_header.txt": ("linkedin", "linkedin-2020"),
}
EXTENSIONS = {".vcf": ("vcard", "vcard"), ".ics": ("ics", "ics")}


def expected(path: Path) -> tuple[str, str] | None:
    """The format a test imports the file as; None for a file no format reads."""
    if path.suffix in EXTENSIONS:
        return EXTENSIONS[path.suffix]
    if path.parent.name == "csv-headers":
        return HEADERS[path.name]
    return None


def real_files() -> list[tuple[Path, Path]]:
    """(root, file) of every file of an importable kind, and of the network data no format is."""
    text = ("csv-headers", "collegemsg")
    return [
        (root, path)
        for root in ROOTS
        for path in sorted(root.rglob("*"))
        if path.suffix in EXTENSIONS or (path.suffix == ".txt" and path.parent.name in text)
    ]


FILES = real_files()


def test_the_real_files_are_all_there() -> None:
    from_data = [path for root, path in FILES if root == DATA]
    assert len([p for p in from_data if p.suffix == ".vcf"]) == 61
    assert len([p for p in from_data if p.suffix == ".ics"]) == 137
    assert {p.name for p in from_data if p.suffix == ".txt"} == set(HEADERS)


@pytest.mark.skipif(SHARED is None, reason="no shared/fixtures beside this clone")
def test_the_shared_fixtures_are_found_beside_the_clone() -> None:
    assert len([path for root, path in FILES if root == SHARED]) > 200


@pytest.mark.parametrize(
    ("root", "path"), FILES, ids=[f"{r.parent.name}/{p.relative_to(r)}" for r, p in FILES]
)
def test_every_real_file_is_detected_as_the_format_its_test_imports_it_as(
    root: Path, path: Path
) -> None:
    want = expected(path)
    if want is None:
        with pytest.raises(MalformedFile, match="is not a format goodword imports"):
            detect_format(path)
        return
    found = detect_format(path)
    assert (found.format.value, found.layout) == want


# --- markers ----------------------------------------------------------------------------------


def test_a_sqlite_backup_and_a_json_archive_are_archives(tmp_path: Path) -> None:
    db = tmp_path / "backup.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert detect_format(db).layout == "sqlite-backup"
    archive = tmp_path / "everything.json"
    archive.write_bytes(b'\xef\xbb\xbf\n  {"format": "goodword-archive"}')
    assert detect_format(archive) == Detected(
        ImportFormat.ARCHIVE, "json-archive", "a goodword JSON archive"
    )


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"From ann@example.com Mon Mar  4 09:00:00 2024\nFrom: ann@example.com\n", "mbox"),
        (b"\r\n\r\nbegin:vcard\r\nversion:3.0\r\n", "vcard"),
        (b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n", "ics"),
        ("BEGIN:VCARD\r\n".encode("utf-16"), "vcard"),
        (b"BEGIN:VEVENT\r\nSUMMARY:a part of a calendar\r\n", "ics"),
    ],
)
def test_text_formats_are_known_by_their_first_line(head: bytes, fmt: str) -> None:
    found = sniff(head)
    assert found is not None
    assert found.format == fmt


# --- CSV flavours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("E-mail Address,E-mail 2 Address\nann@acme.io,\n", "outlook"),
        ("Name,Email\nAnn Lee,ann@acme.io\n", "outlook"),
        ("Name;E-mail\nAnn Lee;ann@acme.io\n", "outlook"),  # Excel where ',' is the decimal mark
        ("Display Name\tPrimary Email\nAnn Lee\tann@acme.io\n", "thunderbird"),
        ("First Name,Last Name,Position\nAnn,Lee,CFO\n", "linkedin"),
        ("E-mail 1 - Value\nann@acme.io\n", "google"),
        ("Name,E-mail 1 - Value\nAnn Lee,ann@acme.io\n", "google-legacy"),
        ("a,b\nme,ann@acme.io\n", "relationships"),
        ("\ufeffA,B,Strength,Kind,Note\nme,Ann Lee,0.8,client,\n", "relationships"),
    ],
)
def test_a_csv_with_only_some_known_columns_is_known(text: str, layout: str) -> None:
    found = sniff(text.encode())
    assert found is not None
    assert found.layout == layout


def test_the_outlook_flavours_are_told_apart_by_the_columns_only_one_writes() -> None:
    def layout_of(name: str) -> str:
        header = (DATA / "csv-headers" / name).read_bytes()
        found = sniff(header + b"Ann,Lee\n")
        assert found is not None
        return found.layout

    assert {layout_of(name) for name, (fmt, _) in HEADERS.items() if fmt == "outlook"} == {
        "google-outlook",
        "outlook-com",
        "outlook-desktop",
        "thunderbird",
    }


def test_linkedins_2014_outlook_export_is_known_by_the_name_linkedin_gave_it() -> None:
    header = (DATA / "csv-headers" / "outlook_desktop_export_header.txt").read_bytes()
    named = sniff(header, name="linkedin_connections_export_microsoft_outlook.csv")
    assert named is not None
    assert (named.format, named.layout) == (ImportFormat.LINKEDIN, "linkedin-2014")
    unnamed = sniff(header, name="contacts.csv")
    assert unnamed is not None
    assert unnamed.format == ImportFormat.OUTLOOK


def test_only_the_head_of_a_file_is_read(tmp_path: Path) -> None:
    """A NUL byte past the head, and a quoted cell the head cuts in two, change nothing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "E-mail Address", "Notes"])
    for n in range(5000):
        writer.writerow(["Ann", f"Lee {n}", f"ann{n}@acme.io", "a note\nover two lines"])
    path = tmp_path / "big.csv"
    path.write_bytes(out.getvalue().encode() + b"\x00" * 10)
    assert path.stat().st_size > 2 * HEAD
    assert detect_format(path).format == ImportFormat.OUTLOOK


def test_detect_layout_and_the_sniffer_agree_on_every_real_header() -> None:
    for name, (fmt, _) in HEADERS.items():
        last = (DATA / "csv-headers" / name).read_text(encoding="utf-8").strip().split("\n")[-1]
        layout = detect_layout([header_key(cell) for cell in next(csv.reader([last]))])
        assert layout is not None
        found = sniff(last.encode())
        assert found is not None
        assert found.format == fmt, name
        assert (layout is Layout.THUNDERBIRD) == (found.layout == "thunderbird")


# --- none of them -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"\x1f\x8b\x08\x00rest", "gzip-compressed; decompress it first"),
        (b"PK\x03\x04rest", "zip archive; extract the file to import from it first"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f"is not text, nor a goodword SQLite backup; tried {TRIED}",
        ),
        (b"id,amount,currency\n1,10,EUR\n", "(its first line is 'id,amount,currency'); tried "),
        (b"Dear Ann,\nthanks for lunch.\n", f"(its first line is 'Dear Ann,'); tried {TRIED}"),
        (b'[{"name": "Ann"}]\n', "is not a format goodword imports"),
    ],
)
def test_a_file_that_is_none_of_them_is_refused_with_one_line_naming_what_was_tried(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(MalformedFile) as caught:
        detect_format(path)
    message = str(caught.value)
    assert words in message
    assert message.startswith("notes.txt: ")
    assert "\n" not in message


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="No such file"):
        detect_format(tmp_path / "nope.vcf")
    with pytest.raises(InvalidInput, match="No such file"):
        detect_format(tmp_path)


# --- an explicit format that looks wrong ------------------------------------------------------


def refusal(path: Path, fmt: ImportFormat, problem: str) -> str:
    with pytest.raises(MalformedFile) as caught, naming_the_likely_format(fmt, path):
        raise MalformedFile(path, 1, problem)
    return caught.value.problem


def test_a_refused_file_names_the_format_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    path.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", encoding="utf-8")
    problem = refusal(path, ImportFormat.VCARD, "no vCard found (BEGIN:VCARD)")
    assert problem == (
        "no vCard found (BEGIN:VCARD); it looks like an iCalendar file: import it as ics"
    )


def test_a_refusal_already_naming_a_format_or_of_the_right_format_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    path.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", encoding="utf-8")
    named = "not Outlook's (it looks like a Google Contacts CSV: import it as google)"
    assert refusal(path, ImportFormat.OUTLOOK, named) == named
    assert refusal(path, ImportFormat.ICS, "broken at line 1") == "broken at line 1"
    path.write_text("nothing known\n", encoding="utf-8")
    assert refusal(path, ImportFormat.VCARD, "no vCard found") == "no vCard found"
