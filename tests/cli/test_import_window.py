"""`import ics|mbox --since D --until D`: which meetings and mail an import takes, by date.

The command runs on the real clock, so every date here is relative to today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cli.support import Cli, assert_user_error

TODAY = datetime.now(UTC).date()
ME = "dana@owner.example"


def ical(day: date) -> str:
    return f"{day:%Y%m%d}T090000Z"


def calendar(tmp: Path) -> Path:
    """A lunch five years ago, and a weekly call that started three years ago and goes on."""
    five_years_ago, three_years_ago = TODAY - timedelta(days=5 * 365), TODAY - timedelta(days=1095)
    path = tmp / "calendar.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        f"BEGIN:VEVENT\nUID:lunch@test\nSUMMARY:Lunch\nDTSTART:{ical(five_years_ago)}\n"
        f"ORGANIZER:mailto:{ME}\nATTENDEE:mailto:ann@acme.example\nEND:VEVENT\n"
        f"BEGIN:VEVENT\nUID:weekly@test\nSUMMARY:Weekly call\nDTSTART:{ical(three_years_ago)}\n"
        f"RRULE:FREQ=WEEKLY\nORGANIZER:mailto:{ME}\nATTENDEE:mailto:bob@stone.example\n"
        "END:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    return path


def mailbox(tmp: Path, *days: date) -> Path:
    path = tmp / "mail.mbox"
    path.write_text(
        "".join(
            f"From {ME} Mon Mar  2 09:00:00 2026\nFrom: {ME}\nTo: ann@acme.example\n"
            f"Subject: Note {n}\nDate: {day:%d %b %Y} 10:00:00 +0000\n"
            f"Message-ID: <m{n}@owner.example>\n\nHello.\n\n"
            for n, day in enumerate(days)
        ),
        encoding="utf-8",
    )
    return path


def meetings_with(cli: Cli, ref: str) -> list[str]:
    timeline = cli.json("person", "show", ref, "--json")["timeline"]
    return sorted(item["on"] for item in timeline if item["domain"] == "interaction")


def test_a_five_year_old_meeting_is_imported_and_a_series_from_two_years_back(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("me", "set", "--email", ME)

    report = cli.json("import", "ics", str(calendar(tmp_path)), "--json")

    [lunch] = meetings_with(cli, "ann@acme.example")
    assert lunch[:10] == str(TODAY - timedelta(days=5 * 365))
    weeks = (TODAY - timedelta(days=1095) + timedelta(weeks=n) for n in range(200))
    window = [str(w) for w in weeks if TODAY - timedelta(days=730) <= w <= TODAY + timedelta(30)]
    assert [call[:10] for call in meetings_with(cli, "bob@stone.example")] == window
    assert report["interactions_created"] == 1 + len(window)


def test_since_and_until_cut_a_recurring_series(cli: Cli, tmp_path: Path) -> None:
    cli.ok("me", "set", "--email", ME)
    since, until = TODAY - timedelta(days=3 * 365 - 7), TODAY - timedelta(days=3 * 365 - 34)
    path = str(calendar(tmp_path))

    report = cli.json("import", "ics", path, "--since", str(since), "--until", str(until), "--json")

    calls = meetings_with(cli, "bob@stone.example")
    assert len(calls) == 4  # the weeks of those four weeks
    assert all(str(since) <= call[:10] <= str(until) for call in calls)
    assert report["interactions_created"] == 4
    skipped = {s["reason"] for s in report["skipped_items"]}
    assert skipped == {f"outside the import window ({since} to {until})"}  # the lunch


def test_mbox_since_skips_older_mail(cli: Cli, tmp_path: Path) -> None:
    cli.ok("me", "set", "--email", ME)
    old, recent = TODAY - timedelta(days=2000), TODAY - timedelta(days=10)
    since = TODAY - timedelta(days=365)

    path = str(mailbox(tmp_path, old, recent))

    report = cli.json("import", "mbox", path, "--since", str(since), "--json")

    assert (report["interactions_created"], report["skipped"]) == (1, 1)
    assert report["skipped_items"][0]["reason"] == f"outside the import window (from {since})"
    assert [day[:10] for day in meetings_with(cli, "ann@acme.example")] == [str(recent)]


def test_mbox_until_skips_newer_mail(cli: Cli, tmp_path: Path) -> None:
    old, recent = TODAY - timedelta(days=2000), TODAY - timedelta(days=10)
    path = str(mailbox(tmp_path, old, recent))

    report = cli.json("import", "mbox", path, "--until", str(old), "--json")

    assert (report["interactions_created"], report["skipped"]) == (1, 1)


def test_a_window_is_refused_for_files_without_dates(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnn Lee,ann@acme.example\n", encoding="utf-8")
    result = cli("import", "outlook", str(path), "--since", "2024-01-01")
    assert_user_error(result, "--since and --until apply to calendars (ics) and mail (mbox)")


def test_a_bad_or_backwards_window_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = str(calendar(tmp_path))
    assert_user_error(cli("import", "ics", path, "--since", "1/2/2024"), "'1/2/2024'", "--since")
    backwards = cli("import", "ics", path, "--since", "2024-02-01", "--until", "2024-01-01")
    assert_user_error(backwards, "--since 2024-02-01 is after --until 2024-01-01")
