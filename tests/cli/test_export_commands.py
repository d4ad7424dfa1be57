"""`goodword export`, `backup` and `restore`, end to end on SQLite and PostgreSQL.

What leaves goodword must come back: the JSON archive and a backup restore a network into a
fresh database, vCard and CSV exports import again, and the follow-up calendar is one that
icalendar reads.
"""

from __future__ import annotations

import csv
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from cli.support import Cli, Database, assert_user_error

DEMO_PEOPLE = "12"  # the demo's smallest networks still fill every table


@pytest.fixture
def fresh(database: Database, request: pytest.FixtureRequest, tmp_path: Path) -> Cli:
    """A second migrated database (SQLite) or workspace (PostgreSQL), empty, to copy into."""
    if database.backend == "sqlite":
        path = tmp_path / "fresh" / "goodword.db"
        path.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return Cli(Database("sqlite", str(path), None))
    return Cli(Database("postgresql", database.target, f"test-{uuid.uuid4().hex}"))


def without_ids(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(({k: v for k, v in p.items() if k != "id"} for p in people), key=repr)


def people_of(cli: Cli) -> list[dict[str, Any]]:
    return without_ids(cli.json("person", "list", "--json"))


def rows_per_table(path: Path) -> dict[str, int]:
    return {name: len(rows) for name, rows in json.loads(path.read_text())["tables"].items()}


def small_network(cli: Cli) -> None:
    """People with several handles, an organisation and title, tags, a birthday and a note."""
    cli.ok(
        "person", "add", "Ann Lee", "--email", "ann@acme.io", "--email", "ann.lee@home.example",
        "--phone", "+1 415 555 0100", "--linkedin", "linkedin.com/in/annlee",
        "--org", "Acme", "--title", "CFO", "--city", "Boston", "--country", "US",
        "--tag", "client", "--tag", "chamber", "--birthday", "--06-21", "--note", "Likes golf",
    )  # fmt: skip
    cli.ok(
        "person", "add", "José Núñez", "--email", "jose@globex.example", "--org", "Globex",
        "--title", "VP, Sales", "--tag", "prospect", "--birthday", "1980-02-29",
    )  # fmt: skip
    cli.ok("person", "add", "Bob Stone", "--phone", "+44 20 7946 0958")


# --- the archive ------------------------------------------------------------------------------


def test_export_json_then_import_archive_into_a_fresh_database_reproduces_it(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    cli.ok("demo", "--people", DEMO_PEOPLE)
    archive = tmp_path / "network.json"
    exported = cli.ok("export", "json", str(archive))
    assert (
        exported.stdout.strip()
        == f"Exported {sum(rows_per_table(archive).values())} rows to {archive}"
    )
    assert all(rows_per_table(archive).values()), "the demo must fill every table"

    fresh.json("import", "archive", str(archive), "--json")

    assert fresh.json("summary", "--json") == cli.json("summary", "--json")
    assert people_of(fresh) == people_of(cli)
    again = tmp_path / "again.json"
    fresh.ok("export", "json", str(again))
    assert rows_per_table(again) == rows_per_table(archive)
    assert (
        fresh.json("me", "show", "--json")["me"]["name"]
        == cli.json("me", "show", "--json")["me"]["name"]
    )


def test_import_archive_reports_the_people_created_not_counting_you(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    archive = tmp_path / "network.json"
    cli.ok("export", "json", str(archive))

    report = fresh.json("import", "archive", str(archive), "--json")

    # Three people; the archive's owner becomes this workspace's owner, it is not created.
    assert fresh.json("summary", "--json")["people"] == 3
    assert report["created"] == 3


def test_import_archive_with_force_replaces_what_the_workspace_held(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    archive = tmp_path / "network.json"
    cli.ok("export", "json", str(archive))
    fresh.ok("person", "add", "Zed Old")

    fresh.ok("import", "archive", str(archive), "--force")

    assert people_of(fresh) == people_of(cli)


def test_import_archive_with_a_dangling_reference_names_the_file_and_changes_nothing(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(fresh)
    archive = tmp_path / "network.json"
    fresh.ok("export", "json", str(archive))
    data = json.loads(archive.read_text())
    data["tables"]["handle"][-1]["person_id"] = 999_999  # after people and most handles
    archive.write_text(json.dumps(data, indent=1))
    cli.ok("summary")
    before = cli.rows()

    result = cli("import", "archive", str(archive))

    assert_user_error(result, "network.json", "handle", "999999")
    assert cli.rows() == before


# --- backup and restore -----------------------------------------------------------------------


def test_backup_then_restore_into_a_fresh_database_reproduces_it(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    cli.ok("demo", "--people", DEMO_PEOPLE)
    backup = tmp_path / "goodword.backup"

    result = cli.ok("backup", str(backup))

    how = "SQLite copy" if cli.database.backend == "sqlite" else "JSON archive"
    assert result.stdout.strip() == f"Backed up to {backup} ({how})"
    fresh.ok("restore", str(backup))
    assert fresh.json("summary", "--json") == cli.json("summary", "--json")
    assert people_of(fresh) == people_of(cli)


def test_restore_says_how_many_people_not_counting_you(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    backup = tmp_path / "goodword.backup"
    cli.ok("backup", str(backup))

    result = fresh.ok("restore", str(backup))

    assert result.stdout.strip() == f"Restored 3 people from {backup}"


def test_restore_into_a_workspace_with_data_needs_force(cli: Cli, tmp_path: Path) -> None:
    small_network(cli)
    backup = tmp_path / "goodword.backup"
    cli.ok("backup", str(backup))
    cli.ok("person", "add", "Dan Wu")
    before = cli.rows()

    refused = cli("restore", str(backup))

    assert_user_error(refused, "not empty", "--force")
    assert cli.rows() == before
    cli.ok("restore", str(backup), "--force")
    assert "Dan Wu" not in [p["name"] for p in people_of(cli)]
    assert len(people_of(cli)) == 4  # the three, and you


def test_backup_refuses_to_overwrite_a_file_unless_told(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "goodword.backup"
    backup.write_bytes(b"keep me")

    assert_user_error(cli("backup", str(backup)), "already exists", "--overwrite")
    assert backup.read_bytes() == b"keep me"
    cli.ok("backup", str(backup), "--overwrite")
    assert backup.read_bytes() != b"keep me"


def test_restore_of_a_file_that_is_no_backup_names_it(cli: Cli, tmp_path: Path) -> None:
    cli.ok("summary")
    before = cli.rows()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("just some notes\n")

    assert_user_error(cli("restore", str(bogus)), "notes.txt")
    assert cli.rows() == before


def test_restore_of_an_archive_keeps_each_events_time(cli: Cli, fresh: Cli, tmp_path: Path) -> None:
    cli.ok("event", "add", "Breakfast", "--on", "2026-11-20T07:30")
    cli.ok("event", "add", "Fair", "--on", "2026-11-21")
    archive = tmp_path / "network.json"
    cli.ok("export", "json", str(archive))

    fresh.ok("restore", str(archive))

    restored = fresh.json("event", "list", "--json")
    assert [(e["name"], e["starts_on"], e["time"]) for e in restored] == [
        ("Fair", "2026-11-21", None),
        ("Breakfast", "2026-11-20", "07:30"),
    ]


@pytest.mark.parametrize("where", ["event", "workspace"])
def test_restore_of_an_archive_with_a_currency_outside_iso_4217_names_the_file_and_record(
    cli: Cli, fresh: Cli, tmp_path: Path, where: str
) -> None:
    small_network(fresh)
    fresh.ok("event", "add", "Gala", "--on", "2026-11-20", "--cost", "45", "--currency", "GBP")
    archive = tmp_path / "network.json"
    fresh.ok("export", "json", str(archive))
    data = json.loads(archive.read_text())
    if where == "event":
        data["tables"]["event"][0]["cost_currency"] = "GPB"  # shaped like a code, but no code
    else:
        data["workspace"]["currency"] = "GPB"
    archive.write_text(json.dumps(data, indent=1))
    cli.ok("summary")
    before = cli.rows()

    line = assert_user_error(cli("restore", str(archive)), "network.json", "'GPB'", "ISO 4217")

    assert ("'event' row 1: cost_currency" if where == "event" else "workspace currency") in line
    assert "Did you mean GBP?" in line
    assert cli.rows() == before


# --- vCard and CSV ----------------------------------------------------------------------------


def test_export_vcard_is_read_by_vobject_and_imports_back_the_same_people(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    path = tmp_path / "people.vcf"

    result = cli.ok("export", "vcard", str(path))

    assert result.stdout.strip() == f"Exported 3 items to {path}"
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "vCard lines end in CRLF"
    cards = list(vobject.readComponents(raw.decode("utf-8")))
    assert sorted(card.fn.value for card in cards) == ["Ann Lee", "Bob Stone", "José Núñez"]
    report = fresh.json("import", "vcard", str(path), "--json")
    assert (report["created"], report["skipped"]) == (3, 0)
    assert people_of(fresh) == people_of(cli)
    ann = fresh.json("person", "show", "ann@acme.io", "--json")
    assert (ann["birthday"], ann["notes"]) == ("--06-21", ["Likes golf"])


def test_export_csv_is_a_google_csv_that_imports_back_the_same_people(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    path = tmp_path / "people.csv"

    cli.ok("export", "csv", str(path))

    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [r["First Name"] + " " + r["Last Name"] for r in rows] == [
        "Ann Lee",
        "José Núñez",
        "Bob Stone",
    ]
    report = fresh.json("import", "google", str(path), "--json")
    assert (report["created"], report["skipped"]) == (3, 0)
    assert people_of(fresh) == people_of(cli)
    jose = fresh.json("person", "show", "jose@globex.example", "--json")
    assert jose["birthday"] == "1980-02-29"


def test_export_of_an_unknown_format_lists_the_known_ones(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "people.xml"

    assert_user_error(cli("export", "xml", str(path)), "'xml'", "vcard, csv, json, ics")
    assert not path.exists()


# --- the follow-up calendar -------------------------------------------------------------------


def test_export_ics_is_a_calendar_of_open_followups_icalendar_reads(
    cli: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01", "--reason", "Send the deck")
    cli.ok("followup", "add", "Bob Stone", "--on", "2026-12-03", "--every", "monthly")
    cli.ok("followup", "add", "jose@globex.example", "--on", "2026-12-02")
    done = next(f for f in cli.json("followup", "list", "--json") if f["due_on"] == "2026-12-02")
    cli.ok("followup", "done", str(done["id"]))
    path = tmp_path / "followups.ics"

    result = cli.ok("export", "ics", str(path))

    assert result.stdout.strip() == f"Exported 2 items to {path}"
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Follow up with Ann Lee: Send the deck",
        "Follow up with Bob Stone",
    ]
    assert [e.decoded("DTSTART").isoformat() for e in events] == ["2026-12-01", "2026-12-03"]
    assert events[1]["RRULE"]["FREQ"] == ["MONTHLY"]
    assert len({str(e["UID"]) for e in events}) == 2
    assert all(not getattr(e, "errors", None) for e in events)


@pytest.mark.parametrize("fmt", ["vcard", "csv", "json", "ics"])
def test_export_into_a_missing_folder_is_one_clear_line(cli: Cli, tmp_path: Path, fmt: str) -> None:
    result = cli("export", fmt, str(tmp_path / "missing" / f"out.{fmt}"))
    assert_user_error(result, "does not exist")
    assert not (tmp_path / "missing").exists()


def test_a_failed_export_leaves_the_previous_file_as_it_was(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "people.vcf"
    target.write_text("previous export")
    result = cli("export", "yaml", str(target))
    assert result.exit_code == 1
    assert target.read_text() == "previous export"


def test_export_takes_the_format_in_any_case_as_import_does(cli: Cli, tmp_path: Path) -> None:
    cli.ok("person", "add", "Ann Lee", "--email", "ann@acme.io")
    path = tmp_path / "people.vcf"
    cli.ok("export", "VCARD", str(path))
    assert "ann@acme.io" in path.read_text(encoding="utf-8")


def test_import_archive_reads_a_backup_as_restore_does(
    cli: Cli, fresh: Cli, tmp_path: Path
) -> None:
    small_network(cli)
    backup = tmp_path / "goodword.backup"  # a SQLite copy on SQLite, the archive otherwise
    cli.ok("backup", str(backup))
    fresh.ok("import", "archive", str(backup))
    assert people_of(fresh) == people_of(cli)


# --- organisations' own contacts and titles at no organisation ------------------------------


@pytest.mark.parametrize("how", ["backup", "vcard", "csv"])
def test_organisations_and_titles_at_none_survive_backup_and_exports(
    cli: Cli, fresh: Cli, tmp_path: Path, how: str
) -> None:
    cli.ok(
        "person", "add", "Acme Ltd", "--organisation",
        "--email", "info@acme.example", "--phone", "+44 20 7946 0000",
    )  # fmt: skip
    cli.ok("person", "add", "Sara Quinn", "--title", "Relationship Manager")
    path = tmp_path / f"copy.{how}"

    if how == "backup":
        cli.ok("backup", str(path))
        fresh.ok("restore", str(path))
    else:
        cli.ok("export", how, str(path))
        fresh.ok("import", "vcard" if how == "vcard" else "google", str(path))

    people = {p["name"]: p for p in fresh.json("person", "list", "--json")}
    acme, sara = people["Acme Ltd"], people["Sara Quinn"]
    assert (acme["kind"], acme["org"], acme["emails"], acme["phones"]) == (
        "organisation",
        "Acme Ltd",
        ["info@acme.example"],
        ["+442079460000"],
    )
    assert (sara["kind"], sara["org"], sara["title"]) == ("person", None, "Relationship Manager")
    assert people_of(fresh) == people_of(cli)
