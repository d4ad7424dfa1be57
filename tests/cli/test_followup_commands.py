"""`goodword followup …`: schedule, complete, snooze and list follow-ups."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cli.support import PERSON_FIELDS, Cli

FAR_FUTURE = "2099-01-01"


def open_followups(cli: Cli, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = cli.json("followup", "list", *args, "--json")
    return found


def test_followup_add_schedules_a_one_off_followup(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01", "--reason", "thank her")

    [followup] = open_followups(cli)
    assert result.stdout.strip() == f"Follow-up #{followup['id']} with Ann Lee due 2026-12-01"
    assert followup["person"].keys() >= PERSON_FIELDS
    assert followup["person"]["name"] == "Ann Lee"
    assert (followup["due_on"], followup["reason"], followup["rule"]) == (
        "2026-12-01",
        "thank her",
        None,
    )
    assert (followup["done_at"], followup["snoozed_until"]) == (None, None)
    assert cli.json("summary", "--json")["open_followups"] == 1


def test_followup_add_every_stores_the_normalised_rule(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01", "--every", "Quarterly")

    assert result.stdout.rstrip().endswith(", every 3 months")
    [followup] = open_followups(cli)
    assert followup["rule"] == "every 3 months"


def test_followup_list_is_ordered_by_due_date(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-20")
    cli.ok("followup", "add", "Bob Stone", "--on", "2026-12-01")

    listed = open_followups(cli)

    assert [(f["due_on"], f["person"]["name"]) for f in listed] == [
        ("2026-12-01", "Bob Stone"),
        ("2026-12-20", "Ann Lee"),
    ]


def test_followup_done_closes_a_one_off_followup(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01")
    [followup] = open_followups(cli)

    result = cli.ok("followup", "done", str(followup["id"]))

    assert result.stdout.strip() == f"Follow-up #{followup['id']} done"
    assert open_followups(cli) == []
    [closed] = open_followups(cli, "--all")
    assert closed["id"] == followup["id"]
    assert closed["done_at"] is not None


def test_followup_done_on_a_recurring_one_schedules_the_next_from_today(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-01-01", "--every", "every 30 days")
    [first] = open_followups(cli)
    today = datetime.now(UTC).date()

    result = cli.ok("followup", "done", str(first["id"]))

    [following] = open_followups(cli)
    assert following["id"] != first["id"]
    assert f"; next #{following['id']} due {following['due_on']}" in result.stdout
    assert following["rule"] == "every 30 days"
    due = datetime.fromisoformat(following["due_on"]).date()
    assert (due - today).days in (29, 30)  # 30 days after completion (UTC may pass midnight)


def test_followup_snooze_puts_it_off_until_the_date(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-01-01")
    [followup] = open_followups(cli)

    result = cli.ok("followup", "snooze", str(followup["id"]), "--until", FAR_FUTURE)

    assert result.stdout.strip() == f"Follow-up #{followup['id']} snoozed until {FAR_FUTURE}"
    [snoozed] = open_followups(cli)
    assert snoozed["snoozed_until"] == FAR_FUTURE


def test_followup_list_without_json_shows_the_person(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01", "--reason", "thank her")

    result = cli.ok("followup", "list")

    assert "Ann Lee" in result.stdout
    assert "thank her" in result.stdout
