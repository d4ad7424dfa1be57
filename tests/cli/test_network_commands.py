"""Who knows whom, events and interactions: `knows`, `event …`, `met`, `log`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cli.support import Cli, assert_user_error


def ties_of(cli: Cli, ref: str) -> list[dict[str, Any]]:
    ties: list[dict[str, Any]] = cli.json("person", "show", ref, "--json")["ties"]
    return ties


def test_knows_records_a_tie_with_strength_kind_and_note(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")

    result = cli.ok(
        "knows", "Ann Lee", "Bob Stone", "--strength", "0.8", "--kind", "mentor", "--note", "YC"
    )

    assert result.stdout.strip() == "Ann Lee (mentor) — Bob Stone"
    [from_ann] = ties_of(cli, "Ann Lee")
    assert (from_ann["person"]["name"], from_ann["kind"]) == ("Bob Stone", "mentee")
    assert from_ann["strength"] == 0.8
    assert from_ann["evidence"] == "stated 0.8, set by you; no contact recorded"
    assert from_ann["note"] == "YC"
    [from_bob] = ties_of(cli, "Bob Stone")
    assert (from_bob["person"]["name"], from_bob["kind"]) == ("Ann Lee", "mentor")


def test_knows_without_options_is_a_plain_stated_tie(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")

    cli.ok("knows", "Ann Lee", "Bob Stone")

    [tie] = ties_of(cli, "Ann Lee")
    assert (tie["kind"], tie["strength"]) == ("knows", 0.5)
    assert tie["evidence"] == "no contact recorded; stated"


def test_knows_me_connects_you(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    cli.ok("knows", "me", "Ann Lee", "--kind", "friend")

    assert [t["person"]["is_me"] for t in ties_of(cli, "Ann Lee")] == [True]


def test_knows_again_updates_the_one_tie_between_a_pair(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone", "--strength", "0.3")

    cli.ok("knows", "Bob Stone", "Ann Lee", "--strength", "0.9", "--kind", "colleague")

    [tie] = ties_of(cli, "Ann Lee")
    assert (tie["kind"], tie["strength"]) == ("colleague", 0.9)
    assert cli.json("summary", "--json")["ties"] == 1


def test_shared_interactions_show_in_a_ties_evidence(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone")
    ten_days_ago = (datetime.now(UTC) - timedelta(days=10)).date().isoformat()

    cli.ok("log", "Ann Lee", "Bob Stone", "--kind", "meeting", "--at", ten_days_ago)

    [tie] = [t for t in ties_of(cli, "Ann Lee") if t["person"]["name"] == "Bob Stone"]
    assert tie["evidence"].startswith("1 meeting in the last year, last ")
    assert tie["strength"] > 0.5


def test_more_contact_makes_a_tie_stronger_and_keeps_full_precision(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "me", "Ann Lee")
    cli.ok("knows", "me", "Bob Stone")
    for day in range(1, 7):
        cli.ok("log", "Ann Lee", "--kind", "coffee", "--at", f"2026-0{day}-10")
    cli.ok("log", "Bob Stone", "--kind", "coffee", "--at", "2026-06-10")

    ann, bob = sorted(ties_of(cli, "me"), key=lambda t: t["person"]["name"])

    assert ann["strength"] > bob["strength"]
    assert ann["strength"] != round(ann["strength"], 3)


def test_who_reached_out_shows_in_the_evidence(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("knows", "me", "Ann Lee")
    cli.ok("log", "Ann Lee", "--kind", "call", "--at", "2026-03-01", "--they-initiated")
    cli.ok("log", "Ann Lee", "--kind", "call", "--at", "2026-04-01")

    [tie] = ties_of(cli, "me")
    [from_ann] = ties_of(cli, "Ann Lee")

    assert "Ann Lee initiated 1 of 2" in tie["evidence"]
    assert "you initiated 1 of 2" in from_ann["evidence"]


def test_people_met_at_the_same_event_have_a_little_evidence_of_a_tie(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone")
    cli.ok("event", "add", "Breakfast", "--on", "2026-03-01")

    cli.ok("met", "Breakfast", "Ann Lee", "Bob Stone")

    [tie] = [t for t in ties_of(cli, "Ann Lee") if t["person"]["name"] == "Bob Stone"]
    assert "1 event attended together" in tie["evidence"]
    assert 0.5 < tie["strength"] < 0.6


def test_event_add_json_returns_the_event(cli: Cli) -> None:
    event = cli.json(
        "event", "add", "Chamber breakfast", "--on", "2026-03-05",
        "--place", "Town Hall", "--cost", "25", "--json",
    )  # fmt: skip

    assert event == {
        "id": event["id"],
        "name": "Chamber breakfast",
        "starts_on": "2026-03-05",
        "time": None,
        "place": "Town Hall",
        "cost": "25.00",
        "currency": "USD",
        "met": 0,
    }


def test_event_add_without_json_says_what_was_added(cli: Cli) -> None:
    result = cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")

    assert "Added event Chamber breakfast on 2026-03-05 (#" in result.stdout


def test_event_list_json_lists_events_newest_first(cli: Cli) -> None:
    cli.ok("event", "add", "Gala", "--on", "2026-01-10", "--cost", "120.5", "--currency", "eur")
    cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")

    events = cli.json("event", "list", "--json")

    assert [(e["name"], e["starts_on"]) for e in events] == [
        ("Chamber breakfast", "2026-03-05"),
        ("Gala", "2026-01-10"),
    ]
    assert (events[1]["cost"], events[1]["currency"]) == ("120.50", "EUR")
    assert (events[0]["cost"], events[0]["place"]) == (None, None)


def test_event_add_keeps_the_time_of_day_as_written(cli: Cli) -> None:
    event = cli.json("event", "add", "Breakfast", "--on", "2026-11-20T07:30", "--json")
    printed = cli.ok("event", "add", "Launch", "--on", "2026-11-20T18:00:30+01:00").stdout

    assert (event["starts_on"], event["time"]) == ("2026-11-20", "07:30")
    assert "Added event Launch on 2026-11-20 18:00:30 (#" in printed


def test_event_list_shows_each_events_time_latest_first_within_a_day(cli: Cli) -> None:
    cli.ok("event", "add", "Breakfast", "--on", "2026-11-20T07:30")
    cli.ok("event", "add", "Fair", "--on", "2026-11-20")
    cli.ok("event", "add", "Drinks", "--on", "2026-11-20T18:00")

    events = cli.json("event", "list", "--json")
    printed = cli.ok("event", "list").stdout

    assert [(e["name"], e["time"]) for e in events] == [
        ("Drinks", "18:00"),
        ("Breakfast", "07:30"),
        ("Fair", None),
    ]
    assert "2026-11-20 07:30" in printed
    assert "2026-11-20 18:00" in printed


def test_event_add_with_a_time_that_is_no_time_adds_nothing(cli: Cli) -> None:
    before = cli.rows()

    assert_user_error(cli("event", "add", "Gala", "--on", "2026-11-20T7h30"), "2026-11-20T7h30")

    assert cli.rows() == before


def test_event_list_without_json_shows_the_events(cli: Cli) -> None:
    cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")

    assert "Chamber breakfast" in cli.ok("event", "list").stdout


def test_met_records_people_and_creates_unknown_names(cli: Cli) -> None:
    cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("met", "Chamber", "Ann Lee", "Cara Diaz", "dev.patel@example.com")

    assert result.stdout.strip() == "Met at Chamber breakfast: Ann Lee, Cara Diaz, Dev Patel"
    assert result.stderr.strip() == "New people added: Cara Diaz, Dev Patel"
    [event] = cli.json("event", "list", "--json")
    assert event["met"] == 3
    dev = cli.json("person", "show", "dev.patel@example.com", "--json")
    assert dev["name"] == "Dev Patel"
    assert [(i["domain"], i["summary"]) for i in dev["timeline"]] == [
        ("event", "Met at Chamber breakfast")
    ]


def test_met_twice_counts_each_person_once(cli: Cli) -> None:
    event = cli.json("event", "add", "Gala", "--on", "2026-01-10", "--json")

    cli.ok("met", str(event["id"]), "Ann Lee")
    result = cli.ok("met", "Gala", "Ann Lee")

    assert result.stderr == ""
    assert cli.json("event", "list", "--json")[0]["met"] == 1
    assert cli.json("summary", "--json")["people"] == 1


def test_log_records_one_interaction_with_everyone_named(cli: Cli) -> None:
    ann = cli.json("person", "add", "Ann Lee", "--json")
    bob = cli.json("person", "add", "Bob Stone", "--json")
    me = cli.json("person", "show", "me", "--json")

    result = cli.ok(
        "log", "Ann Lee", "Bob Stone", "--kind", "Coffee",
        "--at", "2026-02-01T09:30", "--note", "talked hiring", "--they-initiated",
    )  # fmt: skip

    assert result.stdout.startswith("Logged coffee #")
    assert result.stdout.rstrip().endswith("with Ann Lee, Bob Stone")
    [item] = cli.json("person", "show", "Bob Stone", "--json")["timeline"]
    assert (item["domain"], item["type"], item["summary"]) == (
        "interaction",
        "coffee",
        "talked hiring",
    )
    assert item["on"].startswith("2026-02-01T09:30")
    assert sorted(item["people"]) == sorted([me["id"], ann["id"], bob["id"]])
    assert cli.json("summary", "--json")["interactions"] == 1


def test_log_without_at_is_dated_now(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    cli.ok("log", "Ann Lee", "--kind", "call")

    [item] = cli.json("person", "show", "Ann Lee", "--json")["timeline"]
    assert (item["type"], item["summary"]) == ("call", "call")
    logged_at = datetime.fromisoformat(item["on"])
    assert abs(datetime.now(UTC) - logged_at) < timedelta(minutes=5)
