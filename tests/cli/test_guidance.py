"""A command line that guides: the command meant, and where the data went."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from cli.support import Cli, Database, describe
from goodword.cli.main import near_command

COMMANDS = ["person", "event", "referral", "followup", "log", "knows", "import", "export"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("people", "person"),
        ("contacts", "person"),
        ("events", "event"),
        ("refferal", "referral"),
        ("follow-up", "followup"),
        ("imprt", "import"),
    ],
)
def test_a_mistyped_command_names_the_one_meant(typed: str, meant: str) -> None:
    assert near_command(typed, COMMANDS) == meant


def test_a_word_like_no_command_suggests_nothing() -> None:
    assert near_command("xyzzy", COMMANDS) is None


def test_an_unknown_command_is_a_usage_error_suggesting_the_near_one(cli: Cli) -> None:
    result = cli("people", "list")
    assert result.exit_code == 2, describe(result)
    assert result.stdout == ""
    assert "No such command 'people'. Did you mean 'person'?" in result.stderr


def test_a_new_database_file_is_announced_once_with_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli = Cli(Database("sqlite", "folder/mine.db", None))
    first = cli("person", "list", "--json")
    assert first.exit_code == 0, describe(first)
    assert first.stderr == f"Created a new database at {tmp_path / 'folder' / 'mine.db'}\n"
    assert [p["name"] for p in json.loads(first.stdout)] == ["Me"]
    again = cli("person", "list", "--json")
    assert (again.exit_code, again.stderr) == (0, "")


@pytest.mark.parametrize("command", [["init"], ["db", "upgrade"], ["db", "current"]])
def test_init_and_db_commands_announce_a_new_file_too(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "new.db"
    result = Cli(Database("sqlite", str(path), None))(*command)
    assert result.exit_code == 0, describe(result)
    assert result.stderr == f"Created a new database at {path}\n"


def test_an_existing_database_is_opened_without_a_notice(cli: Cli) -> None:
    result = cli("person", "list", "--json")
    assert result.exit_code == 0, describe(result)
    assert result.stderr == ""


def test_summary_labels_read_as_words_and_json_keeps_its_keys(cli: Cli) -> None:
    result = cli.ok("summary")
    for label in ("referrals won", "ledger entries", "open follow-ups"):
        assert label in result.stdout
    assert "_" not in result.stdout
    assert {"referrals_won", "ledger_entries", "open_followups"} <= cli.json(
        "summary", "--json"
    ).keys()


def test_listings_that_grow_take_a_limit(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    for day in (1, 2, 3):
        on = f"2026-03-0{day}"
        cli.ok("event", "add", f"Breakfast {day}", "--on", on)
        cli.ok("give", "Ann Lee", "--kind", "help", "--on", on)
        cli.ok("referral", "add", "--from", "Ann Lee", "--prospect", f"Prospect {day}", "--on", on)
        cli.ok("followup", "add", "Ann Lee", "--on", f"2026-04-0{day}")

    events = cli.json("event", "list", "--limit", "2", "--json")
    assert [e["name"] for e in events] == ["Breakfast 3", "Breakfast 2"]
    referrals = cli.json("referral", "list", "--limit", "1", "--json")
    assert [r["prospect"]["name"] for r in referrals] == ["Prospect 3"]
    followups = cli.json("followup", "list", "--limit", "2", "--json")
    assert [f["due_on"] for f in followups] == ["2026-04-01", "2026-04-02"]
    ledger = cli.json("ledger", "--limit", "1", "--json")
    assert len(ledger["entries"]) == 1
    assert len(cli.json("ledger", "--json")["entries"]) > 1
    assert [b["person"]["name"] for b in ledger["balances"]] == ["Ann Lee"]

    result = cli.ok("event", "list", "--limit", "2")
    assert "Showing the first 2" in result.stderr
    assert "Showing the first" not in cli.ok("event", "list", "--limit", "5").stderr


def test_listings_keep_dates_whole_on_a_narrow_terminal(cli: Cli) -> None:
    cli.ok("person", "add", "Bartholomew Fitzgerald-Montgomery Oyelaran-Castellanos")
    reason = "Send the chamber breakfast slides and ask about the autumn workshop series"
    cli.ok("followup", "add", "Bartholomew", "--on", "2026-06-02", "--reason", reason)
    result = cli("followup", "list", env={"COLUMNS": "60"})
    assert result.exit_code == 0, describe(result)
    assert "2026-06-02" in result.stdout


def test_followup_list_all_marks_done_overdue_and_snoozed_and_sorts_by_the_new_date(
    cli: Cli,
) -> None:
    cli.ok("person", "add", "Ann Lee")
    today = date.today()
    for days, reason in ((-3, "late"), (1, "soon"), (2, "snoozed"), (5, "done")):
        on = (today + timedelta(days=days)).isoformat()
        cli.ok("followup", "add", "Ann Lee", "--on", on, "--reason", reason)
    ids = {f["reason"]: f["id"] for f in cli.json("followup", "list", "--json")}
    later = (today + timedelta(days=10)).isoformat()
    cli.ok("followup", "snooze", str(ids["snoozed"]), "--until", later)
    cli.ok("followup", "done", str(ids["done"]))

    listed = cli.json("followup", "list", "--all", "--json")

    assert [(f["reason"], f["status"]) for f in listed] == [
        ("late", "overdue"),
        ("soon", "open"),
        ("done", "done"),
        ("snoozed", "snoozed"),
    ]
    assert "overdue" in cli.ok("followup", "list", "--all").stdout


def test_person_show_names_timeline_rows_in_words(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--note", "Met through the chamber")
    cli.ok("log", "Ann Lee", "--kind", "coffee", "--at", "2026-03-01")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-04-01")
    shown = cli.ok("person", "show", "Ann Lee").stdout
    for words in ("coffee", "note", "follow-up due"):
        assert f"│ {words} " in shown
    assert "interaction:" not in shown
    assert "followup:" not in shown


def test_person_show_prints_phones_for_the_workspace_region_with_their_labels(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("me", "set", "--country", "GB")
    card = tmp_path / "priya.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Priya Shah\nTEL;TYPE=CELL:+44 161 496 0000\n"
        "TEL;TYPE=WORK:+1 415 555 0100\nEND:VCARD\n"
    )
    cli.ok("import", "vcard", str(card))
    shown = cli.ok("person", "show", "Priya Shah").stdout
    assert "phones: 0161 496 0000 (mobile), +1 415-555-0100 (work)" in shown
    phones = cli.json("person", "show", "Priya Shah", "--json")["phone_numbers"]
    assert phones[0] == {"value": "+441614960000", "label": "cell", "display": "0161 496 0000"}
