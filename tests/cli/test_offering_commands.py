"""`goodword me …` and `goodword icp …`: who you are, what you offer, whom you serve."""

from __future__ import annotations

from cli.support import PERSON_FIELDS, Cli


def test_me_alone_shows_you_and_your_offering(cli: Cli) -> None:
    result = cli.ok("me")

    assert "Me (#" in result.stdout
    assert "One-liner: —" in result.stdout


def test_me_show_json_starts_with_an_empty_offering(cli: Cli) -> None:
    shown = cli.json("me", "show", "--json")

    assert shown["me"].keys() >= PERSON_FIELDS
    assert (shown["me"]["name"], shown["me"]["is_me"]) == ("Me", True)
    assert shown["offering"] == {
        "one_liner": None,
        "problems": None,
        "for_whom": None,
        "results": None,
    }


def test_me_set_changes_your_name_email_and_offering(cli: Cli) -> None:
    result = cli.ok(
        "me", "set", "--name", "Dana Park", "--email", "dana@park.example",
        "--one-liner", "Accounting for tech founders",
        "--problems", "Messy books", "--for-whom", "Seed-stage founders",
        "--results", "Clean books in 30 days",
    )  # fmt: skip

    assert "Dana Park" in result.stdout
    shown = cli.json("me", "show", "--json")
    assert (shown["me"]["name"], shown["me"]["emails"]) == ("Dana Park", ["dana@park.example"])
    assert shown["offering"] == {
        "one_liner": "Accounting for tech founders",
        "problems": "Messy books",
        "for_whom": "Seed-stage founders",
        "results": "Clean books in 30 days",
    }
    assert cli.json("person", "show", "dana@park.example", "--json")["is_me"] is True


def test_me_set_leaves_fields_not_given_as_they_were(cli: Cli) -> None:
    cli.ok("me", "set", "--one-liner", "Accounting", "--results", "Clean books")

    cli.ok("me", "set", "--problems", "Messy books")

    offering = cli.json("me", "show", "--json")["offering"]
    assert (offering["one_liner"], offering["problems"], offering["results"]) == (
        "Accounting",
        "Messy books",
        "Clean books",
    )


def test_icp_add_and_list_json_return_the_criteria_in_order(cli: Cli) -> None:
    first = cli.ok("icp", "add", "industry", "is", "Fintech", "--weight", "2")
    cli.ok("icp", "add", "Tag", "any-of", "founder,cfo")
    cli.ok("icp", "add", "city", "contains", "Boston")

    criteria = cli.json("icp", "list", "--json")

    assert first.stdout.strip() == f"Added ICP criterion #{criteria[0]['id']}: industry is Fintech"
    assert [(c["field"], c["operator"], c["value"], c["weight"]) for c in criteria] == [
        ("industry", "is", "Fintech", 2.0),
        ("tag", "any-of", "founder,cfo", 1.0),
        ("city", "contains", "Boston", 1.0),
    ]


def test_icp_remove_deletes_one_criterion(cli: Cli) -> None:
    cli.ok("icp", "add", "industry", "is", "Fintech")
    cli.ok("icp", "add", "title", "contains", "CFO")
    first, second = cli.json("icp", "list", "--json")

    result = cli.ok("icp", "remove", str(first["id"]))

    assert result.stdout.strip() == f"Removed ICP criterion #{first['id']}"
    assert cli.json("icp", "list", "--json") == [second]


def test_icp_list_without_json_shows_the_criteria(cli: Cli) -> None:
    cli.ok("icp", "add", "industry", "is", "Fintech")

    assert "Fintech" in cli.ok("icp", "list").stdout
