"""The same words mean the same thing in every command: names, search, kinds, money, dates."""

from __future__ import annotations

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
