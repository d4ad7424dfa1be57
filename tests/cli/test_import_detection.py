"""`goodword import FILE`: the format is detected, said in the report, and never overrides one
that is named; a file of no known format is refused with one line naming what was tried.

Every file `test_import_commands.py` imports by name is imported here without it, and must
give the same report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.support import Cli, assert_user_error
from cli.test_import_commands import (  # archive_source: a fixture the archive case needs
    CASES,
    Case,
    archive_source,  # noqa: F401
    build,
    build_outlook,
    prepare,
)
from cli.test_import_layouts import LINKEDIN_2014

# The layout each case's file is detected as.
LAYOUTS = {
    "vcard": "vcard",
    "google": "google",
    "outlook": "outlook-desktop",
    "linkedin": "linkedin-2020",
    "ics": "ics",
    "mbox": "mbox",
    "relationships": "relationships",
    "archive": "json-archive",
}
DETECTION = ("detected", "layout", "description")


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


def without_detection(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in DETECTION}


def test_every_format_is_detected_and_imports_as_when_named(
    cli: Cli, case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    prepare(cli, case, tmp_path)
    path = build(case, tmp_path, request)

    detected = cli.json("import", str(path), "--dry-run", "--json")
    named = cli.json("import", case.fmt, str(path), "--dry-run", "--json")

    assert (detected["format"], detected["layout"], detected["detected"]) == (
        case.fmt,
        LAYOUTS[case.fmt],
        True,
    )
    assert detected["description"]
    assert (named["detected"], named["layout"], named["description"]) == (False, None, None)
    assert without_detection(detected) == without_detection(named)


def test_the_report_says_which_format_was_chosen(cli: Cli, tmp_path: Path) -> None:
    path = build_outlook(tmp_path)

    result = cli.ok("import", str(path))

    assert result.stdout.startswith(
        f"Imported {path} as an Outlook desktop CSV (outlook): 3 created, 0 merged"
    )


def test_a_text_file_of_no_known_format_is_refused_naming_what_was_tried(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("summary")
    before = cli.rows()
    path = tmp_path / "network.txt"
    path.write_text("1 2 1082040961\n3 4 1082155839\n", encoding="utf-8")

    line = assert_user_error(cli("import", str(path)), "network.txt: ", "'1 2 1082040961'")

    assert "tried vCard, iCalendar, mbox, a goodword archive (JSON or SQLite backup)" in line
    assert "Google Contacts, Outlook, Thunderbird, LinkedIn and relationships" in line
    assert cli.rows() == before


def test_minimal_and_old_csv_layouts_are_detected(cli: Cli, tmp_path: Path) -> None:
    emails = tmp_path / "emails.csv"
    emails.write_text("E-mail Address,E-mail 2 Address\ndan@wu.example,\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email\nCarol Diaz,carol@globex.example\n", encoding="utf-8")
    old = tmp_path / "linkedin_connections_export_microsoft_outlook.csv"
    old.write_text(LINKEDIN_2014, encoding="utf-8")

    reports = [cli.json("import", str(path), "--json") for path in (emails, sheet, old)]

    assert [(r["format"], r["layout"]) for r in reports] == [
        ("outlook", "outlook"),
        ("outlook", "outlook"),
        ("linkedin", "linkedin-2014"),
    ]
    assert [r["created"] for r in reports] == [1, 1, 2]
    assert reports[2]["ties_created"] == 2  # LinkedIn connections: people you know


def test_a_named_format_wins_over_detection(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "linkedin_connections_export_microsoft_outlook.csv"
    old.write_text(LINKEDIN_2014, encoding="utf-8")

    report = cli.json("import", "outlook", str(old), "--json")

    assert (report["format"], report["created"], report["ties_created"]) == ("outlook", 2, 0)


def test_a_named_format_that_looks_wrong_names_the_likely_one(cli: Cli, tmp_path: Path) -> None:
    path = build_outlook(tmp_path)
    line = assert_user_error(
        cli("import", "vcard", str(path)),
        "outlook.csv: no vCard found",
        "it looks like an Outlook desktop CSV: import it as outlook",
        "Nothing was imported",
    )
    assert line.count("import it as") == 1
    google = cli("import", "google", str(path))
    assert_user_error(google, "(it looks like an Outlook CSV: import it as outlook)")


def test_a_format_without_a_file_or_two_files_are_a_usage_error(cli: Cli) -> None:
    for arguments in (["vcard"], ["vcard", "a.vcf", "b.vcf"]):
        result = cli("import", *arguments)
        assert result.exit_code == 2, arguments
        assert "give one file, after its format if you name it" in result.output


def test_a_window_on_a_detected_format_without_dates_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(build_outlook(tmp_path)), "--since", "2024-01-01")
    assert_user_error(result, "apply to calendars (ics) and mail (mbox), not to outlook files")
