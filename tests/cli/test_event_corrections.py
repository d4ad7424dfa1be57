"""`goodword event edit` and `event delete`: an event typed wrong can be put right or removed."""

from __future__ import annotations

import pytest

from cli.support import Cli, assert_user_error


@pytest.fixture
def breakfast(cli: Cli) -> int:
    event = cli.json("event", "add", "Chamber breakfast", "--on", "2026-11-20", "--json")
    cli.ok("met", "Chamber breakfast", "Ann Lee", "Bob Stone")
    return int(event["id"])


def test_event_edit_changes_what_is_given_and_prints_the_event(cli: Cli, breakfast: int) -> None:
    edited = cli.json(
        "event", "edit", "chamber", "--name", "GM Chamber Breakfast", "--on", "2026-11-21",
        "--place", "Town Hall", "--cost", "25", "--currency", "gbp", "--json",
    )  # fmt: skip

    assert edited == {
        "id": breakfast,
        "name": "GM Chamber Breakfast",
        "starts_on": "2026-11-21",
        "time": None,
        "place": "Town Hall",
        "cost": "25.00",
        "currency": "GBP",
        "met": 2,
    }
    assert cli.json("event", "list", "--json") == [edited]


def test_event_edit_by_id_without_json_says_what_changed(cli: Cli, breakfast: int) -> None:
    result = cli.ok("event", "edit", str(breakfast), "--place", "Town Hall")

    assert f"Updated event Chamber breakfast on 2026-11-20 (#{breakfast})" in result.stdout
    cli.ok("event", "edit", f"#{breakfast}", "--place", "", "--cost", "25")
    cleared = cli.json("event", "edit", f"#{breakfast}", "--cost", "", "--json")
    assert (cleared["place"], cleared["cost"], cleared["currency"]) == (None, None, None)


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["event", "edit", "Gala", "--place", "Hall"], ["No event matches 'Gala'"]),
        (["event", "edit", "99", "--place", "Hall"], ["No event #99"]),
        (["event", "edit", "Chamber", "--on", "20/11/2026"], ["20/11/2026", "YYYY-MM-DD"]),
        (["event", "edit", "Chamber", "--on", "2026-11-20T25:00"], ["2026-11-20T25:00"]),
        (["event", "edit", "Chamber", "--currency", "GBP"], ["no cost"]),
        (["event", "edit", "Chamber", "--name", " "], ["needs a name"]),
        (["event", "delete", "Gala", "--yes"], ["No event matches 'Gala'"]),
        (["event", "delete", "99", "--yes"], ["No event #99"]),
    ],
    ids=["unknown name", "unknown id", "bad date", "bad time", "currency without cost",
         "blank name", "delete unknown name", "delete unknown id"],
)  # fmt: skip
def test_event_edit_and_delete_errors_change_nothing(
    cli: Cli, breakfast: int, args: list[str], needles: list[str]
) -> None:
    before = cli.rows()

    assert_user_error(cli(*args), *needles)

    assert cli.rows() == before


def test_event_edit_on_sets_the_day_and_time_and_a_day_alone_clears_the_time(
    cli: Cli, breakfast: int
) -> None:
    timed = cli.json("event", "edit", "chamber", "--on", "2026-11-21T07:30", "--json")
    kept = cli.json("event", "edit", "chamber", "--place", "Town Hall", "--json")
    printed = cli.ok("event", "edit", "chamber", "--on", "2026-11-22T08:15").stdout
    cleared = cli.json("event", "edit", "chamber", "--on", "2026-11-22", "--json")

    assert (timed["starts_on"], timed["time"]) == ("2026-11-21", "07:30")
    assert (kept["starts_on"], kept["time"]) == ("2026-11-21", "07:30")
    assert f"Updated event Chamber breakfast on 2026-11-22 08:15 (#{breakfast})" in printed
    assert (cleared["starts_on"], cleared["time"]) == ("2026-11-22", None)


def test_an_ambiguous_event_lists_the_candidates(cli: Cli, breakfast: int) -> None:
    cli.ok("event", "add", "Chamber lunch", "--on", "2026-12-01")
    before = cli.rows()

    assert_user_error(cli("event", "delete", "Chamber", "--yes"), "matches 2 events")

    assert cli.rows() == before


def test_event_delete_removes_who_you_met_there_and_keeps_the_people(
    cli: Cli, breakfast: int
) -> None:
    result = cli.ok("event", "delete", "Chamber breakfast", "--yes")

    assert f"Deleted event 'Chamber breakfast' on 2026-11-20 (#{breakfast})" in result.stdout
    assert "met 2 people there; the people stay" in result.stdout
    assert cli.json("event", "list", "--json") == []
    names = [p["name"] for p in cli.json("person", "list", "--json")]
    assert names == ["Ann Lee", "Bob Stone", "Me"]
    timeline = cli.json("person", "show", "Ann Lee", "--json")["timeline"]
    assert [item for item in timeline if item["domain"] == "event"] == []


def test_event_delete_without_yes_says_what_goes_and_changes_nothing(
    cli: Cli, breakfast: int
) -> None:
    before = cli.rows()

    line = assert_user_error(cli("event", "delete", "Chamber breakfast"), "--yes")

    assert f"(#{breakfast})" in line
    assert "met 2 people there; the people stay" in line
    assert cli.rows() == before
