"""`goodword import FORMAT FILE`: every format end to end, on SQLite and PostgreSQL.

Each format gets a small realistic file (vCard and iCalendar are copies of tests/data files,
the CSVs use the exact headers of tests/data/csv-headers) and is checked the same four ways:
the `--json` report counts, a second import that changes no row, a `--dry-run` that reports
the same and changes no row, and malformed variants that fail with one line naming the file and
the line while leaving every row as it was. The malformed part comes after several good records,
so a partial write would show. Format-specific behaviour (the owner in calendars and mail,
LinkedIn's since-date, relationship references) follows.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cli.support import PERSON_FIELDS, Cli, Database, Rows, assert_user_error
from goodword.models import metadata

DATA = Path(__file__).parents[1] / "data"
HEADERS = DATA / "csv-headers"
VCARDS = DATA / "vcard" / "ez-vcard"
CALENDARS = DATA / "ics" / "ical4j"
TODAY = datetime.now(UTC).date()  # the CLI imports calendars around the real clock

# The counts a report carries; a case names those it expects, the rest must be zero.
COUNTS = (
    "created",
    "merged",
    "unchanged",
    "skipped",
    "photos_not_kept",
    "organisations_created",
    "ties_created",
    "ties_updated",
    "interactions_created",
    "interactions_unchanged",
)

OWNER_ICS = "meher.tendjoukian@verdisoft.com"  # the organiser of tmeher.ics
OWNER_MAIL = "ann@example.com"


# --- building files ---------------------------------------------------------------------------


def header_text(name: str) -> str:
    """A header file of tests/data/csv-headers verbatim (LinkedIn's preamble included)."""
    return (HEADERS / name).read_text(encoding="utf-8").rstrip("\r\n") + "\n"


def csv_rows(header_file: str, rows: list[dict[str, str]]) -> str:
    """The exact header, then one line per row; cells are placed by header name."""
    text = header_text(header_file)
    header = next(csv.reader([text.rstrip("\n").split("\n")[-1]]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        assert set(row) <= set(header), set(row) - set(header)
        writer.writerow([row.get(column, "") for column in header])
    return text + out.getvalue()


def first_row_line(header_file: str) -> int:
    return header_text(header_file).count("\n") + 1


def shifted_calendar(name: str, first: date, to: date) -> str:
    """A tests/data calendar with its DTSTART/DTEND dates moved so `first` falls on `to`.

    The CLI imports meetings within two years before the real clock, and these requests are
    from 2004 and 2005; nothing but the dates changes.
    """
    delta = to - first

    def move(match: re.Match[str]) -> str:
        moved = datetime.strptime(match[0], "%Y%m%d").date() + delta
        return moved.strftime("%Y%m%d")

    lines = (CALENDARS / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(
        re.sub(r"\d{8}(?=T)", move, line) if re.match(r"(DTSTART|DTEND)[;:]", line) else line
        for line in lines
    ).rstrip("\r\n")


def write(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def vcard_text() -> str:
    """An address book: Gmail's three cards, the iPhone's John Doe (photo), RFC 6350's example.

    Byte for byte, line ends included (the iPhone file ends its lines with CR CR LF).
    """
    parts = ("gmail-list.vcf", "John_Doe_IPHONE.vcf", "rfc6350-example.vcf")
    return "".join((VCARDS / p).read_bytes().decode("utf-8").rstrip("\r\n") + "\r\n" for p in parts)


def build_vcard(tmp: Path) -> Path:
    return write(tmp / "contacts.vcf", vcard_text())


GOOGLE = "google_csv_current_header.txt"
GOOGLE_ROWS = [
    {
        "First Name": "Ann",
        "Last Name": "Lee",
        "Organization Name": "Acme",
        "Organization Title": "CFO",
        "Labels": "* myContacts ::: Clients",
        "E-mail 1 - Label": "* Work",
        "E-mail 1 - Value": "Ann@Acme.io ::: ann.lee@home.example",
        "Phone 1 - Label": "Mobile",
        "Phone 1 - Value": "+1 415 555 0100",
        "Birthday": "--06-21",
        "Notes": "Met at the summit",
    },
    {
        "First Name": "José",
        "Last Name": "Núñez",
        "Organization Name": "Globex",
        "Labels": "* myContacts",
        "E-mail 1 - Label": "* Home",
        "E-mail 1 - Value": "jose@globex.example",
        "Address 1 - City": "Madrid",
        "Address 1 - Country": "Spain",
    },
    {
        "First Name": "Bob",
        "Last Name": "Stone",
        "E-mail 1 - Value": "bob@stone.example",
        "Website 1 - Value": "https://www.linkedin.com/in/bobstone",
    },
    {"Organization Name": "Initech"},  # a company alone: the organisation's own contact
    {"Labels": "* myContacts"},  # nothing to go by
]


def build_google(tmp: Path) -> Path:
    return write(tmp / "google.csv", "\ufeff" + csv_rows(GOOGLE, GOOGLE_ROWS))


OUTLOOK = "outlook_desktop_export_header.txt"
OUTLOOK_ROWS = [
    {
        "First Name": "Ann",
        "Last Name": "Lee",
        "Company": "Acme",
        "Job Title": "CFO",
        "E-mail Address": "ann@acme.io",
        "Business Phone": "(415) 555-0100",
        "Business City": "Boston",
        "Business Country/Region": "United States",
        "Categories": "Clients;VIP",
        "Birthday": "6/21/1980",
    },
    {
        "Title": "Dr.",
        "First Name": "Carol",
        "Last Name": "Diaz",
        "Company": "Globex",
        "E-mail Address": "carol@globex.example",
        "E-mail 2 Address": "carol.diaz@home.example",
        "Mobile Phone": "+44 20 7946 0958",
        "Birthday": "0/0/00",
    },
    {"First Name": "Dan", "Last Name": "Wu", "Notes": "Neighbour, plays chess"},
]


def build_outlook(tmp: Path) -> Path:
    return write(tmp / "outlook.csv", csv_rows(OUTLOOK, OUTLOOK_ROWS), encoding="cp1252")


LINKEDIN = "linkedin_connections_2020plus_preamble_and_header.txt"
LINKEDIN_ROWS = [
    {
        "First Name": "Ann",
        "Last Name": "Lee",
        "URL": "https://www.linkedin.com/in/annlee",
        "Email Address": "ann@acme.io",
        "Company": "Acme",
        "Position": "CFO",
        "Connected On": "15 Mar 2024",
    },
    {
        "First Name": "Bob",
        "Last Name": "Stone",
        "URL": "https://www.linkedin.com/in/bobstone",
        "Company": "Stone & Sons, Ltd.",
        "Position": "Owner",
        "Connected On": "02 Jan 2023",
    },
    {
        "First Name": "Carol",
        "Last Name": "Diaz",
        "URL": "https://www.linkedin.com/in/caroldiaz",
        "Company": "Globex",
        "Position": "VP, Sales",
        "Connected On": "28 Feb 2022",
    },
    {"Connected On": "10 Oct 2021"},  # a member who hides their profile
]


def build_linkedin(tmp: Path) -> Path:
    return write(tmp / "Connections.csv", csv_rows(LINKEDIN, LINKEDIN_ROWS))


def calendar_text() -> str:
    """Two meeting requests in one file: Exchange's (the owner organises it, a month ago) and
    Lotus Notes' daily series of five (three weeks ago), as a calendar client concatenates them.
    """
    exchange = shifted_calendar("tmeher.ics", date(2004, 10, 11), TODAY - timedelta(days=30))
    notes = shifted_calendar("calconnect.ics", date(2005, 4, 11), TODAY - timedelta(days=21))
    return exchange + "\n" + notes + "\n"


def build_ics(tmp: Path) -> Path:
    return write(tmp / "meetings.ics", calendar_text())


def mail(sender: str, headers: list[str]) -> str:
    return f"From {sender} Mon Mar  2 09:00:00 2026\n" + "\n".join(headers) + "\n\nHello.\n\n"


MESSAGES = [
    mail(
        OWNER_MAIL,
        [
            "From: Ann Lee <Ann@Example.com>",
            "To: Bob Stone <bob@example.org>",
            "Cc: Carol Diaz <carol@example.net>",
            "Subject: Lunch?",
            "Date: Mon, 2 Mar 2026 10:00:00 +0100",
            "Message-ID: <m1@example.com>",
        ],
    ),
    mail(
        "bob@example.org",
        [
            'From: "Stone, Bob" <bob@example.org>',
            "To: Ann Lee <ann@example.com>",
            "Subject: Re: Lunch?",
            "Date: Mon, 2 Mar 2026 11:30:00 +0100",
            "Message-ID: <m2@example.org>",
            "In-Reply-To: <m1@example.com>",
        ],
    ),
    mail(
        "news@lists.example.org",
        [
            "From: Weekly News <news@lists.example.org>",
            f"To: {OWNER_MAIL}",
            "List-Id: <news.lists.example.org>",
            "Subject: This week",
            "Date: Tue, 3 Mar 2026 08:00:00 +0000",
            "Message-ID: <n1@lists.example.org>",
        ],
    ),
    mail(
        "carol@example.net",
        [
            "From: Carol Diaz <carol@example.net>",
            f"To: {OWNER_MAIL}",
            "Cc: Dan Wu <dan.wu@example.com>",
            "Subject: Intro: Dan",
            "Date: Wed, 4 Mar 2026 16:45:00 -0500",
            "Message-ID: <c1@example.net>",
        ],
    ),
]
MBOX = "".join(MESSAGES)
MAILING_LIST_LINE = 1 + sum(m.count("\n") for m in MESSAGES[:2])  # its `From ` line


def build_mbox(tmp: Path) -> Path:
    return write(tmp / "mail.mbox", MBOX)


RELATIONSHIPS = (
    "a,b,strength,kind,note\n"
    "me,ann@acme.io,0.8,client,Signed in March\n"
    "Ann Lee,Bob Stone,0.5,colleague,\n"
    'Bob Stone,carol@globex.example,,friend,"Met at ""the summit"", 2024"\n'
)


RELATED_PEOPLE = (
    "BEGIN:VCARD\nVERSION:4.0\nFN:Ann Lee\nEMAIL:ann@acme.io\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nFN:Bob Stone\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nFN:Carol Diaz\nEMAIL:carol@globex.example\nEND:VCARD\n"
)


def people_for_relationships(cli: Cli, tmp: Path) -> None:
    """The people the list names, known before it is imported (one import is quicker than
    three `person add`)."""
    cli.ok("import", "vcard", str(write(tmp / "known.vcf", RELATED_PEOPLE)))


def build_relationships(tmp: Path) -> Path:
    return write(tmp / "people.csv", RELATIONSHIPS)


@pytest.fixture(scope="session")
def archive_source(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive written by `export json` from a small network, once per run."""
    folder = tmp_path_factory.mktemp("archive-source")
    path = folder / "goodword.db"
    shutil.copyfile(sqlite_template, path)
    source = Cli(Database("sqlite", str(path), None))
    source.ok("me", "set", "--name", "Dana Owner", "--email", "dana@owner.example")
    source.ok(
        "person", "add", "Ann Lee", "--email", "ann@acme.io", "--phone", "+1 415 555 0100",
        "--org", "Acme", "--title", "CFO", "--tag", "client", "--birthday", "--06-21",
        "--note", "Met at the summit",
    )  # fmt: skip
    source.ok("person", "add", "Bob Stone", "--email", "bob@stone.example", "--org", "Globex")
    source.ok("knows", "Ann Lee", "Bob Stone", "--kind", "colleague")
    source.ok("log", "Ann Lee", "--kind", "coffee", "--note", "Budget talk")
    archive = folder / "archive.json"
    source.ok("export", "json", str(archive))
    return archive


def build_archive(tmp: Path, source: Path) -> Path:
    return Path(shutil.copyfile(source, tmp / "archive.json"))


# --- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    fmt: str
    build: Callable[[Path], Path]
    counts: dict[str, int]
    skips: list[tuple[int, str]] = field(default_factory=list)  # (line, words of the reason)
    setup: Callable[[Cli, Path], None] | None = None


CASES = {
    "vcard": Case(
        "vcard",
        build_vcard,
        {"created": 5, "photos_not_kept": 1, "organisations_created": 2},
    ),
    "google": Case(
        "google",
        build_google,
        {"created": 4, "skipped": 1, "organisations_created": 3},
        [(first_row_line(GOOGLE) + 4, "no name or e-mail")],
    ),
    "outlook": Case("outlook", build_outlook, {"created": 3, "organisations_created": 2}),
    "linkedin": Case(
        "linkedin",
        build_linkedin,
        {"created": 3, "skipped": 1, "organisations_created": 3, "ties_created": 3},
        [(first_row_line(LINKEDIN) + 3, "no name or e-mail")],
    ),
    "ics": Case(
        "ics",
        build_ics,
        # 4 attendees; the owner is recognised, not created; 1 + 5 meetings; 3 + 1 pairs.
        {"created": 4, "unchanged": 1, "ties_created": 4, "interactions_created": 6},
        setup=lambda cli, _: cli.ok("me", "set", "--email", OWNER_ICS),
    ),
    "mbox": Case(
        "mbox",
        build_mbox,
        {"created": 3, "unchanged": 1, "skipped": 1, "ties_created": 5, "interactions_created": 3},
        [(MAILING_LIST_LINE, "mailing list (List-Id)")],
        setup=lambda cli, _: cli.ok("me", "set", "--email", OWNER_MAIL),
    ),
    "relationships": Case(
        "relationships",
        build_relationships,
        {"ties_created": 3},
        setup=people_for_relationships,
    ),
    # Built from the `archive_source` fixture (see `build`). `created` is left out here:
    # test_export_commands.py::test_import_archive_reports_the_people_created_not_counting_you
    # checks it.
    "archive": Case("archive", lambda tmp: tmp / "archive.json", {}),
}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


def prepare(cli: Cli, case: Case, tmp: Path) -> None:
    """The case's setup, else any command: the first one creates the workspace and its owner,
    which is no part of what an import writes."""
    if case.setup:
        case.setup(cli, tmp)
    else:
        cli.ok("summary")


def build(case: Case, tmp: Path, request: pytest.FixtureRequest) -> Path:
    if case.fmt == "archive":
        return build_archive(tmp, request.getfixturevalue("archive_source"))
    return case.build(tmp)


def run_import(cli: Cli, fmt: str, path: Path, *options: str) -> dict[str, Any]:
    report: dict[str, Any] = cli.json("import", fmt, str(path), "--json", *options)
    return report


def counts_of(report: dict[str, Any]) -> dict[str, int]:
    return {name: report[name] for name in COUNTS if report[name]}


def skips_of(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(s["line"], s["reason"]) for s in report["skipped_items"]]


def check_report(case: Case, report: dict[str, Any]) -> None:
    found = counts_of(report)
    if case.fmt == "archive":
        found.pop("created", None)
    assert found == case.counts, report
    skips = skips_of(report)
    assert len(skips) == len(case.skips), report
    for (line, reason), (want_line, words) in zip(skips, case.skips, strict=True):
        assert line == want_line, report
        assert words in reason, report


def table(cli: Cli, rows: Rows, name: str) -> list[dict[str, Any]]:
    """The rows of one table in this test's workspace (PostgreSQL tests share one schema)."""
    workspace = cli.database.workspace or "default"
    [wid] = [w[0] for w in rows["workspace"] if w[1] == workspace]
    columns = [c.name for c in metadata.tables[name].columns]
    found = [dict(zip(columns, row, strict=True)) for row in rows[name]]
    return [row for row in found if row["workspace_id"] == wid]


# --- the same for every format ----------------------------------------------------------------


def test_import_reports_counts_and_importing_again_changes_nothing(
    cli: Cli, case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if case.setup:
        case.setup(cli, tmp_path)
    path = build(case, tmp_path, request)

    first = run_import(cli, case.fmt, path)
    check_report(case, first)
    assert (first["format"], first["file"], first["dry_run"]) == (case.fmt, str(path), False)
    after_first = cli.rows()

    if case.fmt == "archive":  # an archive fills an empty workspace; a second one is refused
        assert_user_error(cli("import", "archive", str(path)), "not empty", "--force")
    else:
        second = run_import(cli, case.fmt, path)
        assert second["created"] == second["merged"] == 0, second
        assert second["ties_created"] == second["ties_updated"] == 0, second
        assert second["interactions_created"] == 0, second
        assert second["interactions_unchanged"] == first["interactions_created"], second
        assert second["unchanged"] == first["created"] + first["merged"] + first["unchanged"]
        assert skips_of(second) == skips_of(first)
    assert cli.rows() == after_first


def test_dry_run_reports_what_the_import_does_and_changes_nothing(
    cli: Cli, case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    prepare(cli, case, tmp_path)
    path = build(case, tmp_path, request)
    before = cli.rows()

    dry = run_import(cli, case.fmt, path, "--dry-run")

    assert dry["dry_run"] is True
    check_report(case, dry)
    assert cli.rows() == before
    real = run_import(cli, case.fmt, path)
    assert {**dry, "dry_run": False} == real


def test_dry_run_without_json_says_would_import(cli: Cli, tmp_path: Path) -> None:
    result = cli.ok("import", "vcard", str(build_vcard(tmp_path)), "--dry-run")

    assert result.stdout.startswith(f"Would import {tmp_path / 'contacts.vcf'}: 5 created")
    assert "0 skipped; 0 ties and 0 interactions added; 1 photo not kept." in result.stdout
    assert cli.json("summary", "--json")["people"] == 0
    assert [p["name"] for p in cli.json("person", "list", "--json")] == ["Me"]


def test_import_without_json_summarises_the_report(cli: Cli, tmp_path: Path) -> None:
    result = cli.ok("import", "google", str(build_google(tmp_path)))

    assert result.stdout.startswith(f"Imported {tmp_path / 'google.csv'}: 4 created, 0 merged")
    assert result.stderr == ""


# --- malformed files: one line naming file and line, nothing written ---------------------------


def vcard_truncated(tmp: Path) -> tuple[Path, int]:
    """Five good cards, then one that never ends: named at its BEGIN."""
    good = vcard_text()
    cut = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve Cut\r\n"
    return write(tmp / "cut.vcf", good + cut), good.count("\n") + 1


def vcard_wrong_charset(tmp: Path) -> tuple[Path, int]:
    good = vcard_text()
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:M\xfcller;Eva\r\nEND:VCARD\r\n"
    path = tmp / "charset.vcf"
    path.write_bytes(good.encode("utf-8") + card.encode("cp1252"))
    return path, good.count("\n") + 3


def csv_truncated(header: str, rows: list[dict[str, str]], name: str) -> Callable[..., Any]:
    def make(tmp: Path) -> tuple[Path, int]:
        good = csv_rows(header, rows)
        cut = 'Eve,Cut,"a cell whose closing quote was cut off\n'
        return write(tmp / name, good + cut), good.count("\n") + 1

    return make


def csv_foreign_header(header: str, name: str) -> Callable[..., Any]:
    """A file of another format, named at its header line (LinkedIn's comes after a preamble)."""

    def make(tmp: Path) -> tuple[Path, int]:
        text = csv_rows(header, [{"First Name": "Ann", "Last Name": "Lee"}])
        return write(tmp / name, text), first_row_line(header) - 1

    return make


def google_wrong_encoding(tmp: Path) -> tuple[Path, int]:
    good = csv_rows(GOOGLE, GOOGLE_ROWS[:3])  # José Núñez: UTF-8 before the damaged byte
    path = tmp / "google.csv"
    path.write_bytes(good.encode("utf-8") + b"Eve,,Cut\xff\n")
    return path, good.count("\n") + 1


def ics_truncated(tmp: Path) -> tuple[Path, int]:
    """The second calendar of the file is cut inside its event: that calendar's BEGIN."""
    good = calendar_text()
    cut = good[: good.rindex("SUMMARY:")]
    line = good.count("\n", 0, good.index("BEGIN:VCALENDAR", 1)) + 1
    return write(tmp / "cut.ics", cut), line


def ics_single_truncated(tmp: Path) -> tuple[Path, int]:
    """One calendar whose END:VCALENDAR is missing: its BEGIN is line 1."""
    good = shifted_calendar("tmeher.ics", date(2004, 10, 11), TODAY - timedelta(days=30))
    return write(tmp / "cut.ics", good[: good.rindex("END:VCALENDAR")]), 1


def mbox_single_message(tmp: Path) -> tuple[Path, int]:
    """A saved e-mail (.eml) is not a mailbox. (mbox has no mid-file failure: a broken message
    is skipped with its reason, so the all-or-nothing half of this check is trivial here.)"""
    eml = MBOX.split("\n", 1)[1]
    return write(tmp / "saved.eml", eml), 1


def relationships_unknown_name(tmp: Path) -> tuple[Path, int]:
    return write(tmp / "people.csv", RELATIONSHIPS + "Ann Lee,Zebulon Quartermaine,,,\n"), 5


def relationships_strength_out_of_range(tmp: Path) -> tuple[Path, int]:
    return write(tmp / "people.csv", RELATIONSHIPS + "Ann Lee,carol@globex.example,1.5,,\n"), 5


def archive_broken_json(tmp: Path, source: Path) -> tuple[Path, int]:
    lines = source.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if '"bob@stone.example"' in line)
    lines[at] = lines[at].replace('"bob@stone.example"', "bob@stone.example", 1)
    return write(tmp / "archive.json", "\n".join(lines)), at + 1


def archive_wrong_encoding(tmp: Path, source: Path) -> tuple[Path, int]:
    lines = source.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if '"Bob Stone"' in line)
    path = tmp / "archive.json"
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes(data.replace(b'"Bob Stone"', b'"Bob St\xf6ne"', 1))
    return path, at + 1


MALFORMED: dict[str, tuple[str, Callable[..., tuple[Path, int]], str]] = {
    "vcard-truncated": ("vcard", vcard_truncated, "never ends"),
    "vcard-charset": ("vcard", vcard_wrong_charset, "CHARSET"),
    "google-truncated": (
        "google",
        csv_truncated(GOOGLE, GOOGLE_ROWS, "google.csv"),
        "never closed",
    ),
    "google-foreign-header": ("google", csv_foreign_header(LINKEDIN, "google.csv"), "linkedin"),
    "google-encoding": ("google", google_wrong_encoding, "0xff"),
    "outlook-truncated": (
        "outlook",
        csv_truncated(OUTLOOK, OUTLOOK_ROWS, "outlook.csv"),
        "never closed",
    ),
    "outlook-foreign-header": ("outlook", csv_foreign_header(GOOGLE, "outlook.csv"), "google"),
    "linkedin-truncated": (
        "linkedin",
        csv_truncated(LINKEDIN, LINKEDIN_ROWS, "Connections.csv"),
        "never closed",
    ),
    "ics-truncated": ("ics", ics_truncated, "never closed"),
    "ics-single-truncated": ("ics", ics_single_truncated, "never closed"),
    "mbox-eml": ("mbox", mbox_single_message, "single e-mail"),
    "relationships-unknown": ("relationships", relationships_unknown_name, "Zebulon Quartermaine"),
    "relationships-strength": ("relationships", relationships_strength_out_of_range, "0–1"),
    "archive-json": ("archive", archive_broken_json, "not valid JSON"),
    "archive-encoding": ("archive", archive_wrong_encoding, "archive"),
}


@pytest.mark.parametrize("variant", list(MALFORMED))
def test_malformed_file_fails_naming_file_and_line_and_changes_nothing(
    cli: Cli, variant: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fmt, make, words = MALFORMED[variant]
    prepare(cli, CASES[fmt], tmp_path)
    if fmt == "archive":
        path, line = make(tmp_path, request.getfixturevalue("archive_source"))
    else:
        path, line = make(tmp_path)
    before = cli.rows()

    result = cli("import", fmt, str(path))

    assert_user_error(result, f"{path.name}:{line}: ", words, "Nothing was imported")
    assert cli.rows() == before


def test_a_missing_file_is_named(cli: Cli, tmp_path: Path) -> None:
    assert_user_error(cli("import", "vcard", str(tmp_path / "nope.vcf")), "nope.vcf")


def test_an_unknown_format_lists_the_known_ones(cli: Cli, tmp_path: Path) -> None:
    assert_user_error(cli("import", "palm", str(build_vcard(tmp_path))), "palm", "vcard")


# --- vCard ------------------------------------------------------------------------------------


def test_vcard_people_keep_emails_phones_org_title_and_birthday(cli: Cli, tmp_path: Path) -> None:
    run_import(cli, "vcard", build_vcard(tmp_path))

    people = {p["name"]: p for p in cli.json("person", "list", "--json")}
    assert set(people) == {
        "Arnold Smith",
        "Chris Beatle",
        "Doug White",
        "Mr. John Richter James Doe Sr.",
        "Simon Perreault",
        "Me",
    }
    john = cli.json("person", "show", "john.doe@ibm.com", "--json")
    assert (john["org"], john["title"]) == ("IBM", "Money Counter")
    assert john["birthday"] == "2012-06-06"
    assert "+19055551234" in john["phones"]
    assert john["links"] == ["http://www.ibm.com"]
    assert john["nickname"] == "Johny"
    assert [(a["label"], a["street"], a["is_primary"]) for a in john["addresses"]] == [
        ("home", "Silicon Alley 5,", True),
        ("work", "Street4\nBuilding 6\nFloor 8", False),
    ]
    simon = people["Simon Perreault"]
    assert (simon["emails"], simon["org"]) == (["simon.perreault@viagenie.ca"], "Viagenie")
    [office] = cli.json("person", "show", "Simon Perreault", "--json")["addresses"]
    assert office["text"] == "2875 Laurier\nSuite D2-630\nQuebec QC G1V 2M2\nCanada"


def test_vcard_merges_into_people_already_known_by_email(cli: Cli, tmp_path: Path) -> None:
    known = cli.json("person", "add", "Arnold S.", "--email", "ASmithK@gmail.com", "--json")

    report = run_import(cli, "vcard", build_vcard(tmp_path))

    assert (report["created"], report["merged"]) == (4, 0)  # nothing new to add to Arnold
    assert report["unchanged"] == 1
    assert cli.json("person", "show", str(known["id"]), "--json")["name"] == "Arnold S."


# --- Google and Outlook -----------------------------------------------------------------------


def test_google_contact_keeps_every_value_of_a_cell_labels_and_birthday(
    cli: Cli, tmp_path: Path
) -> None:
    run_import(cli, "google", build_google(tmp_path))

    ann = cli.json("person", "show", "Ann Lee", "--json")
    assert ann["emails"] == ["ann@acme.io", "ann.lee@home.example"]
    assert ann["phones"] == ["+14155550100"]
    assert (ann["org"], ann["title"], ann["tags"]) == ("Acme", "CFO", ["clients"])
    assert (ann["birthday"], ann["notes"]) == ("--06-21", ["Met at the summit"])
    jose = cli.json("person", "show", "jose@globex.example", "--json")
    assert (jose["name"], jose["city"], jose["country"]) == ("José Núñez", "Madrid", "Spain")
    bob = cli.json("person", "show", "Bob Stone", "--json")
    assert bob["links"] == ["https://www.linkedin.com/in/bobstone"]


def test_outlook_windows_1252_file_keeps_categories_phones_and_birthday(
    cli: Cli, tmp_path: Path
) -> None:
    run_import(cli, "outlook", build_outlook(tmp_path))

    ann = cli.json("person", "show", "ann@acme.io", "--json")
    assert (ann["org"], ann["title"], sorted(ann["tags"])) == ("Acme", "CFO", ["clients", "vip"])
    assert (ann["phones"], ann["city"], ann["birthday"]) == (
        ["+14155550100"],
        "Boston",
        "1980-06-21",
    )
    carol = cli.json("person", "show", "Carol Diaz", "--json")  # `Title` is Dr., not a job
    assert (carol["title"], carol["birthday"]) == (None, None)
    assert carol["emails"] == ["carol@globex.example", "carol.diaz@home.example"]
    assert cli.json("person", "show", "Dan Wu", "--json")["notes"] == ["Neighbour, plays chess"]


LAYOUTS = {
    "google_csv_current_header.txt": (
        "google",
        {"First Name": "Ann", "Last Name": "Lee", "E-mail 1 - Value": "ann@acme.io"}
        | {"Organization Name": "Acme", "Organization Title": "CFO"},
    ),
    "google_csv_legacy_header.txt": (
        "google",
        {"Name": "Ann Lee", "E-mail 1 - Value": "ann@acme.io"}
        | {"Organization 1 - Name": "Acme", "Organization 1 - Title": "CFO"},
    ),
    "outlook_desktop_export_header.txt": (
        "outlook",
        {"First Name": "Ann", "Last Name": "Lee", "E-mail Address": "ann@acme.io"}
        | {"Company": "Acme", "Job Title": "CFO"},
    ),
    "outlook_com_people_export_header.txt": (
        "outlook",
        {"First Name": "Ann", "Last Name": "Lee", "E-mail Address": "ann@acme.io"}
        | {"Company": "Acme", "Job Title": "CFO"},
    ),
    "google_outlook_csv_export_header.txt": (
        "outlook",
        {"First Name": "Ann", "Last Name": "Lee", "E-mail Address": "ann@acme.io"}
        | {"Company": "Acme", "Job Title": "CFO"},
    ),
    "thunderbird_csv_export_header.txt": (
        "outlook",
        {"First Name": "Ann", "Last Name": "Lee", "Primary Email": "ann@acme.io"}
        | {"Organization": "Acme", "Job Title": "CFO"},
    ),
    "linkedin_connections_2018_header.txt": (
        "linkedin",
        {"First Name": "Ann", "Last Name": "Lee", "Email Address": "ann@acme.io"}
        | {"Company": "Acme", "Position": "CFO", "Connected On": "15 Mar 2024"},
    ),
    LINKEDIN: (
        "linkedin",
        {"First Name": "Ann", "Last Name": "Lee", "Email Address": "ann@acme.io"}
        | {"Company": "Acme", "Position": "CFO", "Connected On": "15 Mar 2024"},
    ),
}


def test_every_real_header_layout_imports_name_email_org_and_title(
    cli: Cli, tmp_path: Path
) -> None:
    """Google (both layouts), Outlook (desktop, Outlook.com, Google's Outlook option),
    Thunderbird and LinkedIn (2018, 2020+): one contact each, told apart by e-mail."""
    for number, (header, (fmt, row)) in enumerate(LAYOUTS.items()):
        # Another e-mail and organisation each, so no contact is taken for an earlier one.
        swap = {"ann@acme.io": f"ann{number}@acme.io", "Acme": f"Acme {number}"}
        cells = {k: swap.get(v, v) for k, v in row.items()}
        path = write(tmp_path / f"contacts{number}.csv", csv_rows(header, [cells]))
        assert run_import(cli, fmt, path)["created"] == 1, header

    people = [p for p in cli.json("person", "list", "--json") if not p["is_me"]]
    assert len(people) == len(LAYOUTS)
    assert sorted((p["name"], p["emails"], p["org"], p["title"]) for p in people) == sorted(
        ("Ann Lee", [f"ann{n}@acme.io"], f"Acme {n}", "CFO") for n in range(len(LAYOUTS))
    )


# --- LinkedIn ---------------------------------------------------------------------------------


def test_linkedin_connection_is_a_tie_with_you_since_the_connected_on_date(
    cli: Cli, tmp_path: Path
) -> None:
    run_import(cli, "linkedin", build_linkedin(tmp_path))

    mine = {t["person"]["name"]: t for t in cli.json("person", "show", "me", "--json")["ties"]}
    assert set(mine) == {"Ann Lee", "Bob Stone", "Carol Diaz"}
    assert {name: t["since"] for name, t in mine.items()} == {
        "Ann Lee": "2024-03-15",
        "Bob Stone": "2023-01-02",
        "Carol Diaz": "2022-02-28",
    }
    assert {t["source"] for t in mine.values()} == {"imported"}
    bob = cli.json("person", "show", "Bob Stone", "--json")
    assert (bob["org"], bob["title"]) == ("Stone & Sons, Ltd.", "Owner")
    assert bob["links"] == ["https://www.linkedin.com/in/bobstone"]
    assert cli.json("person", "show", "Carol Diaz", "--json")["title"] == "VP, Sales"


def test_linkedin_fills_in_a_missing_since_date_of_an_existing_tie(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("person", "add", "Ann Lee", "--email", "ann@acme.io")
    cli.ok("knows", "me", "Ann Lee")

    report = run_import(cli, "linkedin", build_linkedin(tmp_path))

    assert (report["created"], report["ties_created"], report["ties_updated"]) == (2, 2, 1)
    [tie] = [
        t
        for t in cli.json("person", "show", "Ann Lee", "--json")["ties"]
        if t["person"]["name"] == "Me"
    ]
    assert tie["since"] == "2024-03-15"


# --- iCalendar --------------------------------------------------------------------------------


def test_ics_meetings_include_you_and_attendees_who_get_inferred_ties(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("me", "set", "--email", OWNER_ICS)
    run_import(cli, "ics", build_ics(tmp_path))

    me = cli.json("person", "show", "me", "--json")
    meetings = [i for i in me["timeline"] if i["domain"] == "interaction"]
    assert [m["summary"] for m in meetings] == ["Now with descriptoin"]
    assert len(meetings[0]["people"]) == 3
    assert {t["person"]["name"]: t["source"] for t in me["ties"]} == {
        "Tendjoukian": "inferred",
        "Meher T": "inferred",
    }
    # Two attendees of the same meeting: a tie between them too.
    guest = cli.json("person", "show", "tendjoukian@yahoo.de", "--json")
    assert {t["person"]["name"] for t in guest["ties"]} == {"Me", "Meher T"}
    chair = cli.json("person", "show", "icalchair@coffeebean.com", "--json")
    daily = [i for i in chair["timeline"] if i["domain"] == "interaction"]
    assert len(daily) == 5  # the daily series, expanded
    assert [t["person"]["emails"] for t in chair["ties"]] == [["icalparticipant@coffeebean.com"]]


def test_ics_organiser_is_who_initiated_the_meeting(cli: Cli, tmp_path: Path) -> None:
    cli.ok("me", "set", "--email", OWNER_ICS)
    run_import(cli, "ics", build_ics(tmp_path))

    rows = cli.rows()
    owner = next(p["id"] for p in table(cli, rows, "person") if p["is_me"])
    chair = cli.json("person", "show", "icalchair@coffeebean.com", "--json")["id"]
    initiators = sorted(i["initiated_by_id"] for i in table(cli, rows, "interaction"))
    assert initiators == sorted([owner] + [chair] * 5)


# --- mbox -------------------------------------------------------------------------------------


def test_mbox_mails_include_you_replies_go_both_ways_and_lists_are_skipped(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("me", "set", "--email", OWNER_MAIL)
    report = run_import(cli, "mbox", build_mbox(tmp_path))

    assert skips_of(report) == [(MAILING_LIST_LINE, "mailing list (List-Id)")]
    rows = cli.rows()
    people = {p["id"]: p["name"] for p in table(cli, rows, "person")}
    assert sorted(people.values()) == ["Bob Stone", "Carol Diaz", "Dan Wu", "Me"]
    mails = {i["note"]: i for i in table(cli, rows, "interaction")}
    assert set(mails) == {"Lunch?", "Re: Lunch?", "Intro: Dan"}
    assert {i["kind"].value for i in mails.values()} == {"email"}
    # The reply: Bob answers you, so each of you initiated one of the two mails.
    assert people[mails["Lunch?"]["initiated_by_id"]] == "Me"
    assert people[mails["Re: Lunch?"]["initiated_by_id"]] == "Bob Stone"
    by_mail: dict[int, set[str]] = {}
    for p in table(cli, rows, "participant"):
        by_mail.setdefault(p["interaction_id"], set()).add(people[p["person_id"]])
    assert by_mail[mails["Lunch?"]["id"]] == {"Me", "Bob Stone", "Carol Diaz"}
    assert by_mail[mails["Intro: Dan"]["id"]] == {"Me", "Carol Diaz", "Dan Wu"}
    dan = cli.json("person", "show", "Dan Wu", "--json")
    assert {(t["person"]["name"], t["source"]) for t in dan["ties"]} == {
        ("Me", "inferred"),
        ("Carol Diaz", "inferred"),
    }


# --- relationships ----------------------------------------------------------------------------


def test_relationships_name_people_by_email_unique_name_and_me(cli: Cli, tmp_path: Path) -> None:
    people_for_relationships(cli, tmp_path)
    run_import(cli, "relationships", build_relationships(tmp_path))

    ann = {t["person"]["name"]: t for t in cli.json("person", "show", "Ann Lee", "--json")["ties"]}
    assert (ann["Me"]["kind"], ann["Me"]["source"], ann["Me"]["note"]) == (
        "client",
        "stated",
        "Signed in March",
    )
    assert (ann["Bob Stone"]["kind"], ann["Bob Stone"]["strength"]) == ("colleague", 0.5)
    bob = {
        t["person"]["name"]: t for t in cli.json("person", "show", "Bob Stone", "--json")["ties"]
    }
    assert (bob["Carol Diaz"]["kind"], bob["Carol Diaz"]["note"]) == (
        "friend",
        'Met at "the summit", 2024',
    )


def test_relationships_with_an_ambiguous_name_fail_naming_the_line(
    cli: Cli, tmp_path: Path
) -> None:
    people_for_relationships(cli, tmp_path)
    cli.ok("person", "add", "Bob Stone", "--org", "Globex")
    before = cli.rows()

    result = cli("import", "relationships", str(build_relationships(tmp_path)))

    assert_user_error(result, "people.csv:3: ", "Bob Stone")
    assert cli.rows() == before


# --- dedupe -----------------------------------------------------------------------------------


def test_dedupe_lists_likely_pairs_and_apply_merges_only_the_sure_ones(cli: Cli) -> None:
    first = cli.json(
        "person", "add", "Ann Lee", "--org", "Acme", "--email", "ann@acme.io", "--json"
    )
    cli.ok("person", "add", "Ann Lee", "--org", "Acme", "--email", "ann.lee@gmail.com")
    cli.ok("person", "add", "Jon Smith", "--org", "Globex")
    cli.ok("person", "add", "John Smith", "--org", "Globex")
    cli.ok("person", "add", "Sam Park", "--org", "Acme")
    cli.ok("person", "add", "Sam Park", "--org", "Initech")

    listed = cli.json("dedupe", "--json")

    assert listed.keys() == {"pairs", "merged"}
    assert listed["merged"] == []
    assert [set(p) for p in listed["pairs"]] == [{"keep", "other", "score", "reason"}] * 2
    assert all(p["keep"].keys() >= PERSON_FIELDS for p in listed["pairs"])
    found = [(p["keep"]["name"], p["other"]["name"], p["score"]) for p in listed["pairs"]]
    assert found[0] == ("Ann Lee", "Ann Lee", 100.0)
    assert found[1][:2] == ("Jon Smith", "John Smith")
    assert 90 <= found[1][2] < 100
    assert listed["pairs"][0]["keep"]["id"] == first["id"]

    applied = cli.json("dedupe", "--apply", "--json")

    assert [(p["keep"]["id"], p["score"]) for p in applied["merged"]] == [(first["id"], 100.0)]
    ann = cli.json("person", "show", "Ann Lee", "--json")
    assert (ann["id"], ann["emails"]) == (first["id"], ["ann@acme.io", "ann.lee@gmail.com"])
    again = cli.json("dedupe", "--json")
    assert [p["other"]["name"] for p in again["pairs"]] == ["John Smith"]
    assert len([p for p in cli.json("person", "list", "--json") if p["name"] == "Sam Park"]) == 2


# --- organisations' own contacts and titles at no organisation ------------------------------

ORGANISATION_CARDS = """BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:Acme Ltd
ORG:Acme Ltd;
X-ABShowAs:COMPANY
item1.EMAIL;type=INTERNET;type=pref:info@acme.example
item1.X-ABLabel:_$!<Other>!$_
TEL;type=WORK;type=VOICE:+44 20 7946 0000
NOTE:Switchboard closes at 5.
END:VCARD
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:ABC Marketing
ORG:ABC\\, Inc.;Marketing
TEL;VALUE=uri:tel:+1-415-555-0123
EMAIL:marketing@abc.example.com
ADR:;;456 Corporate Way;Business City;NY;10001;U.S.A.
END:VCARD
"""


def test_organisation_cards_are_kept_shown_and_exported_as_organisations(
    cli: Cli, tmp_path: Path
) -> None:
    cards = write(tmp_path / "companies.vcf", ORGANISATION_CARDS.replace("\n", "\r\n"))

    report = cli.json("import", "vcard", str(cards), "--json")

    assert (report["created"], report["skipped"], report["organisations_created"]) == (2, 0, 2)
    acme = cli.json("person", "show", "info@acme.example", "--json")
    assert (acme["name"], acme["kind"], acme["org"], acme["phones"], acme["notes"]) == (
        "Acme Ltd",
        "organisation",
        "Acme Ltd",
        ["+442079460000"],
        ["Switchboard closes at 5."],
    )
    abc = cli.json("person", "show", "marketing@abc.example.com", "--json")
    assert (abc["name"], abc["kind"], abc["org"], abc["phones"]) == (
        "ABC Marketing",
        "organisation",
        "ABC, Inc.",
        ["+14155550123"],
    )
    assert [a["city"] for a in abc["addresses"]] == ["Business City"]
    exported = tmp_path / "out.vcf"
    cli.ok("export", "vcard", str(exported))
    text = exported.read_bytes().decode("utf-8")
    assert text.count("KIND:org\r\n") == text.count("X-ABShowAs:COMPANY\r\n") == 2
    again = cli.json("import", "vcard", str(exported), "--json")
    assert (again["created"], again["merged"], again["unchanged"]) == (0, 0, 2)


def test_csv_rows_with_only_a_company_are_organisations_named_after_it(
    cli: Cli, tmp_path: Path
) -> None:
    google = {
        "Organization Name": "Initech",
        "E-mail 1 - Value": "info@initech.example",
        "Phone 1 - Value": "+1 415 555 0199",
    }
    outlook = {"Company": "Globex", "Business Phone": "+1 212 555 0100", "Notes": "Front desk"}
    cli.ok("import", "google", str(write(tmp_path / "g.csv", csv_rows(GOOGLE, [google]))))
    cli.ok("import", "outlook", str(write(tmp_path / "o.csv", csv_rows(OUTLOOK, [outlook]))))

    people = {p["name"]: p for p in cli.json("person", "list", "--json")}

    assert "info" not in people
    initech, globex = people["Initech"], people["Globex"]
    assert (initech["kind"], initech["emails"], initech["phones"]) == (
        "organisation",
        ["info@initech.example"],
        ["+14155550199"],
    )
    assert (globex["kind"], globex["phones"]) == ("organisation", ["+12125550100"])
    assert cli.json("person", "show", "Globex", "--json")["notes"] == ["Front desk"]
    exported = tmp_path / "out.csv"
    cli.ok("export", "csv", str(exported))
    with exported.open(encoding="utf-8", newline="") as rows:
        companies = {
            row["Organization Name"]: (row["First Name"], row["Last Name"])
            for row in csv.DictReader(rows)
        }
    assert companies == {"Initech": ("", ""), "Globex": ("", "")}


def test_a_linkedin_position_without_a_company_is_kept(cli: Cli, tmp_path: Path) -> None:
    row = {"First Name": "Sara", "Last Name": "Quinn", "Position": "Independent Consultant"}
    cli.ok("import", "linkedin", str(write(tmp_path / "c.csv", csv_rows(LINKEDIN, [row]))))

    sara = cli.json("person", "show", "Sara Quinn", "--json")

    assert (sara["org"], sara["title"]) == (None, "Independent Consultant")
