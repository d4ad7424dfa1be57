"""`agenda`, `tier` and `settings` as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cli.support import Cli, assert_user_error

TODAY = datetime.now(UTC).date()
TOMORROW = TODAY + timedelta(days=1)


def agenda(cli: Cli, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = cli.json("agenda", "--all", "--json", *args)
    return {item["person"]["name"]: item for item in found["items"]}


def test_settings_list_set_and_refuse_what_is_not_a_setting(cli: Cli) -> None:
    listed = {s["key"]: s for s in cli.json("settings", "list", "--json")}
    assert listed["cadence.inner"] | {"help": ""} == {
        "key": "cadence.inner", "value": 30, "default": 30, "is_default": True, "unit": "days",
        "help": "",
    }  # fmt: skip
    assert {listed[k]["value"] for k in ("cadence.active", "cadence.potential")} == {60, 90}
    assert listed["agenda.limit"]["value"] == 10

    assert (
        "cadence.inner = 21 days (default 30)"
        in cli.ok("settings", "set", "cadence.inner", "21").stdout
    )
    assert {s["key"]: s["value"] for s in cli.json("settings", "list", "--json")}[
        "cadence.inner"
    ] == 21

    before = cli.rows()
    assert_user_error(
        cli("settings", "set", "cadence.close", "5"), "Unknown setting", "agenda.limit"
    )
    assert_user_error(cli("settings", "set", "cadence.inner", "0"), "from 1 to 3650")
    assert_user_error(cli("settings", "set", "agenda.limit", "ten"), "agenda.limit", "'ten'")
    assert cli.rows() == before


def test_tier_is_set_shown_by_person_show_and_set_back_to_auto(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    said = cli.ok("tier", "Ann Lee", "inner").stdout
    assert "Ann Lee: tier inner (set by you, every 30 days; suggested: none)" in said
    shown = cli.json("person", "show", "Ann Lee", "--json")
    assert shown["tier"] | {"reason": ""} == {
        "value": "inner", "suggested": "none", "set_by_you": True, "cadence_days": 30,
        "reason": "",
    }  # fmt: skip
    assert shown["ladder"]["rung"] is None
    assert shown["ladder"]["rungs"][0] == "met"

    cli.ok("tier", "Ann Lee", "auto")
    assert cli.json("person", "show", "Ann Lee", "--json")["tier"]["set_by_you"] is False

    before = cli.rows()
    assert_user_error(cli("tier", "Ann Lee", "close"), "Unknown tier 'close'", "auto")
    assert_user_error(cli("tier", "me", "inner"), "not on your own agenda")
    assert cli.rows() == before


def test_the_agenda_follows_up_the_event_until_log_answers_it(cli: Cli) -> None:
    cli.ok("event", "add", "Chamber breakfast", "--on", (TODAY - timedelta(days=1)).isoformat())
    cli.ok("met", "Chamber breakfast", "Ann Lee", "Bob Stone")

    items = agenda(cli)
    assert {items["Ann Lee"]["kind"], items["Bob Stone"]["kind"]} == {"event"}
    assert items["Ann Lee"]["action"] == "Follow up after Chamber breakfast"
    assert set(items["Ann Lee"]) >= {
        "person", "action", "reason", "priority", "due_on", "kind", "also", "followup_id",
    }  # fmt: skip

    cli.ok("log", "Ann Lee", "--kind", "email")
    cli.ok("followup", "add", "Bob Stone", "--on", (TODAY + timedelta(days=5)).isoformat())

    assert agenda(cli) == {}  # Ann is answered; Bob's planned follow-up holds him back


def test_followup_snooze_moves_its_item_and_done_clears_it(cli: Cli) -> None:
    cli.ok("person", "add", "Cara Diaz")
    cli.ok("followup", "add", "Cara Diaz", "--on", TODAY.isoformat(), "--reason", "Send the deck")
    [followup] = cli.json("followup", "list", "--json")

    cara = agenda(cli)["Cara Diaz"]
    assert (cara["kind"], cara["action"], cara["followup_id"]) == (
        "followup", "Send the deck", followup["id"],
    )  # fmt: skip

    cli.ok("followup", "snooze", str(followup["id"]), "--until", TOMORROW.isoformat())
    assert "Cara Diaz" not in agenda(cli)
    assert "Cara Diaz" in agenda(cli, "--date", TOMORROW.isoformat())

    cli.ok("followup", "done", str(followup["id"]))
    assert "Cara Diaz" not in agenda(cli, "--date", TOMORROW.isoformat())


def test_give_clears_a_give_back(cli: Cli) -> None:
    cli.ok("person", "add", "Gus Hale")
    for _ in range(3):
        cli.ok("got", "Gus Hale", "--kind", "help")
    assert agenda(cli)["Gus Hale"]["kind"] == "give_back"

    cli.ok("give", "Gus Hale", "--kind", "introduction")
    cli.ok("give", "Gus Hale", "--kind", "help")

    assert "Gus Hale" not in agenda(cli)


def test_the_limit_leaves_the_rest_for_later_and_all_shows_everything(cli: Cli) -> None:
    cli.ok("event", "add", "Mixer", "--on", TODAY.isoformat())
    cli.ok("met", "Mixer", "Ann Lee", "Bob Stone", "Cara Diaz")

    limited = cli.json("agenda", "--limit", "1", "--json")
    assert (len(limited["items"]), limited["limit"], len(limited["later"])) == (1, 1, 2)
    assert set(limited["later"][0]) == {"person_id", "name", "kind", "action", "priority", "due_on"}

    cli.ok("settings", "set", "agenda.limit", "2")
    assert len(cli.json("agenda", "--json")["items"]) == 2
    everything = cli.json("agenda", "--all", "--json")
    assert (len(everything["items"]), everything["later"]) == (3, [])

    table = cli.ok("agenda", "--limit", "1")
    assert "Agenda for" in table.stdout
    assert "Later (2)" in table.stdout


def test_a_bad_agenda_date_is_a_user_error(cli: Cli) -> None:
    assert_user_error(cli("agenda", "--date", "someday"), "agenda date")


def test_an_agenda_date_off_the_calendar_is_a_user_error(cli: Cli) -> None:
    assert_user_error(cli("agenda", "--date", "0001-01-01"), "between 1900-01-01")
