"""The same words mean the same thing in every command: names, search, kinds, money, dates."""

from __future__ import annotations

import pytest

from cli.support import Cli, assert_user_error


def test_person_show_finds_a_name_ignoring_case_and_accents(cli: Cli) -> None:
    added = cli.json("person", "add", "Siobhán O'Connor", "--json")
    for ref in ("siobhan", "SIOBHAN O'CONNOR", "o'connor"):
        assert cli.json("person", "show", ref, "--json")["id"] == added["id"]


def test_met_finds_an_event_ignoring_case_and_accents(cli: Cli) -> None:
    event = cli.json("event", "add", "Café Networking", "--on", "2026-03-05", "--json")
    cli.ok("met", "cafe networking", "Ann Lee")
    [row] = cli.json("event", "list", "--json")
    assert (row["id"], row["met"]) == (event["id"], 1)


def test_an_unknown_event_suggests_the_near_one_and_changes_nothing(cli: Cli) -> None:
    event = cli.json("event", "add", "GM Chamber Breakfast", "--on", "2026-03-05", "--json")
    before = cli.rows()
    line = assert_user_error(cli("met", "GM Chamber Brunch club", "Ann Lee"))
    assert line.startswith("Error: No event matches 'GM Chamber Brunch club'. Did you mean ")
    assert f"'GM Chamber Breakfast' (#{event['id']})" in line
    assert cli.rows() == before


def test_person_list_query_matches_title_and_city(cli: Cli) -> None:
    ann = cli.json("person", "add", "Ann Lee", "--title", "Head of Risk", "--json")
    bob = cli.json("person", "add", "Bob Stone", "--city", "Malmö", "--json")
    [found] = cli.json("person", "list", "--query", "risk", "--json")
    assert found["id"] == ann["id"]
    [found] = cli.json("person", "list", "--query", "MALMO", "--json")
    assert found["id"] == bob["id"]


def test_a_paged_search_says_how_many_it_found_in_all(cli: Cli) -> None:
    for n in range(3):
        cli.ok("person", "add", f"Person {n}", "--city", "Manchester")
    result = cli.ok("person", "list", "--query", "manchester", "--limit", "2")
    assert "People (2 of 3)" in result.stdout


def test_knows_takes_either_role_of_a_tie_and_swaps_the_people(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    result = cli.ok("knows", "Ann Lee", "Bob Stone", "--kind", "adviser")
    assert result.stdout.strip() == "Ann Lee (adviser) — Bob Stone"
    [from_ann] = cli.json("person", "show", "Ann Lee", "--json")["ties"]
    assert from_ann["kind"] == "client"


def test_every_tie_kind_the_demo_writes_is_accepted_by_knows(cli: Cli) -> None:
    cli.ok("demo", "--people", "80", "--seed", "3")
    shown: set[str] = set()
    for person in cli.json("person", "list", "--limit", "0", "--json"):
        shown |= {
            tie["kind"] for tie in cli.json("person", "show", str(person["id"]), "--json")["ties"]
        }
        if {"adviser", "customer", "mentee"} <= shown:
            break
    assert {"adviser", "customer"} <= shown
    for n, kind in enumerate(sorted(shown)):
        a, b = f"Ann Lee {n}", f"Bob Stone {n}"
        cli.ok("person", "add", a)
        cli.ok("person", "add", b)
        result = cli.ok("knows", a, b, "--kind", kind)
        assert result.stdout.strip() == f"{a} ({kind}) — {b}"


def test_an_unknown_tie_kind_lists_every_word_and_changes_nothing(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    before = cli.rows()
    assert_user_error(cli("knows", "Ann Lee", "Bob Stone", "--kind", "enemy"), "adviser", "mentee")
    assert cli.rows() == before


@pytest.mark.parametrize(("code", "suggested"), [("GPB", "Did you mean GBP?"), ("XYZ", "GBP")])
def test_a_currency_that_is_not_iso_4217_is_refused_with_a_suggestion(
    cli: Cli, code: str, suggested: str
) -> None:
    cli.ok("me", "show")  # the workspace is created by the first command
    before = cli.rows()
    result = cli("event", "add", "Gala", "--on", "2026-01-01", "--cost", "5", "--currency", code)
    assert_user_error(result, f"'{code}' is not an ISO 4217 currency code", suggested)
    assert_user_error(cli("me", "set", "--currency", code), code, suggested)
    assert cli.rows() == before


def test_the_workspace_currency_is_set_with_me_set_and_used_when_none_is_named(cli: Cli) -> None:
    assert cli.json("me", "show", "--json")["currency"] == "USD"
    cli.ok("me", "set", "--currency", "gbp")
    assert cli.json("me", "show", "--json")["currency"] == "GBP"
    event = cli.json("event", "add", "Gala", "--on", "2026-01-01", "--cost", "45", "--json")
    assert (event["cost"], event["currency"]) == ("45.00", "GBP")
    euro = cli.json(
        "event", "add", "Salon", "--on", "2026-01-02", "--cost", "9", "--currency", "EUR", "--json"
    )
    assert euro["currency"] == "EUR"


def test_init_currency_sets_the_workspace_currency(empty_cli: Cli) -> None:
    empty_cli.ok("init", "--currency", "EUR")
    assert empty_cli.json("me", "show", "--json")["currency"] == "EUR"


def test_init_with_a_bad_currency_creates_nothing(empty_cli: Cli) -> None:
    assert_user_error(empty_cli("init", "--currency", "GPB"), "Did you mean GBP?")
    assert empty_cli.json("db", "current", "--json")["current"] is None


def test_every_date_option_takes_a_time(cli: Cli) -> None:
    event = cli.json("event", "add", "Breakfast", "--on", "2026-11-30T07:30", "--json")
    assert (event["starts_on"], event["time"]) == ("2026-11-30", "07:30")
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01T09:00")
    [followup] = cli.json("followup", "list", "--json")
    assert followup["due_on"] == "2026-12-01"
    cli.ok("followup", "snooze", str(followup["id"]), "--until", "2099-12-08T09:00")
    cli.ok("give", "Ann Lee", "--kind", "help", "--on", "2026-11-30T10:15")


@pytest.mark.parametrize(
    "args",
    [
        ["event", "add", "Breakfast", "--on", "30/11/2026"],
        ["log", "Ann Lee", "--kind", "coffee", "--at", "yesterday"],
        ["followup", "add", "Ann Lee", "--on", "2026-13-01"],
    ],
)
def test_a_date_error_names_every_accepted_form(cli: Cli, args: list[str]) -> None:
    cli.ok("person", "add", "Ann Lee")
    before = cli.rows()
    assert_user_error(cli(*args), "YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    assert cli.rows() == before


def test_a_birthday_error_names_both_forms(cli: Cli) -> None:
    assert_user_error(
        cli("person", "add", "Ann Lee", "--birthday", "21/06"), "YYYY-MM-DD", "--MM-DD"
    )
