"""Ties from what happened: `log`, `met`, `referral add`, `give` and `got` tie the people
they name, so `person show` lists everyone you deal with among your ties."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import Cli, assert_user_error


def ties(cli: Cli, ref: str) -> dict[str, dict[str, Any]]:
    found = cli.json("person", "show", ref, "--json")["ties"]
    return {t["person"]["name"]: t for t in found}


def assert_inferred(tie: dict[str, Any], since: str) -> None:
    assert (tie["source"], tie["kind"], tie["since"]) == ("inferred", "knows", since)
    assert f"inferred; known since {since}" in tie["evidence"]


def test_log_ties_you_to_everyone_logged_and_them_to_each_other(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")

    cli.ok("log", "Ann Lee", "Bob Stone", "--kind", "coffee", "--at", "2026-02-01T09:30")

    mine = ties(cli, "me")
    assert set(mine) == {"Ann Lee", "Bob Stone"}
    assert_inferred(mine["Ann Lee"], "2026-02-01")
    assert mine["Ann Lee"]["evidence"].startswith("1 coffee in the last year")
    assert_inferred(ties(cli, "Ann Lee")["Bob Stone"], "2026-02-01")


def test_logging_the_same_person_again_keeps_one_tie(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    for day in ("2026-02-01", "2026-03-01", "2026-04-01"):
        cli.ok("log", "Ann Lee", "--kind", "call", "--at", day)

    [tie] = cli.json("person", "show", "Ann Lee", "--json")["ties"]
    assert_inferred(tie, "2026-02-01")
    assert tie["evidence"].startswith("3 calls")
    assert cli.json("summary", "--json")["ties"] == 1


def test_a_stated_tie_with_a_strength_is_untouched_by_what_happened(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("knows", "me", "Ann Lee", "--strength", "0.9", "--kind", "mentor", "--note", "YC")
    cli.ok("event", "add", "Gala", "--on", "2026-01-10")

    cli.ok("log", "Ann Lee", "--kind", "coffee", "--at", "2026-02-01")
    cli.ok("met", "Gala", "Ann Lee")
    cli.ok("give", "Ann Lee", "--kind", "help", "--on", "2026-02-02")
    cli.ok("got", "Ann Lee", "--kind", "help", "--on", "2026-02-03")
    cli.ok("referral", "add", "--from", "Ann Lee", "--prospect", "Dee Park", "--on", "2026-02-04")

    tie = ties(cli, "me")["Ann Lee"]
    assert (tie["source"], tie["kind"], tie["strength"], tie["note"], tie["since"]) == (
        "stated", "mentee", 0.9, "YC", None,
    )  # fmt: skip
    assert_inferred(ties(cli, "Ann Lee")["Dee Park"], "2026-02-04")


def test_met_ties_you_to_each_person_met_from_the_events_day(cli: Cli) -> None:
    cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("met", "Chamber", "Ann Lee", "Cara Diaz")

    assert result.stdout.startswith("Met at Chamber breakfast")
    mine = ties(cli, "me")
    assert set(mine) == {"Ann Lee", "Cara Diaz"}
    assert_inferred(mine["Cara Diaz"], "2026-03-05")
    assert set(ties(cli, "Ann Lee")) == {"Me"}


def test_referral_add_ties_referrer_receiver_and_each_link_of_the_chain(cli: Cli) -> None:
    for name in ("Ann Lee", "Bob Stone", "Cy Ng"):
        cli.ok("person", "add", name)

    cli.ok(
        "referral", "add", "--from", "Ann Lee", "--prospect", "Dee Park",
        "--via", "Bob Stone", "--via", "Cy Ng", "--on", "2026-04-02",
    )  # fmt: skip

    assert set(ties(cli, "me")) == {"Ann Lee"}
    assert set(ties(cli, "Ann Lee")) == {"Me", "Bob Stone"}
    assert set(ties(cli, "Cy Ng")) == {"Bob Stone", "Dee Park"}
    assert_inferred(ties(cli, "Dee Park")["Cy Ng"], "2026-04-02")


def test_a_referral_passed_on_ties_its_receiver_not_you(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")

    cli.ok("referral", "add", "--from", "me", "--to", "Bob Stone", "--prospect", "Ann Lee")

    assert set(ties(cli, "me")) == {"Bob Stone", "Ann Lee"}
    assert set(ties(cli, "Bob Stone")) == {"Me"}


@pytest.mark.parametrize("command", ["give", "got"])
def test_give_and_got_tie_you_to_the_other_person(cli: Cli, command: str) -> None:
    cli.ok("person", "add", "Ann Lee")

    cli.ok(command, "Ann Lee", "--kind", "introduction", "--on", "2026-02-01")

    [tie] = cli.json("person", "show", "Ann Lee", "--json")["ties"]
    assert tie["person"]["is_me"]
    assert_inferred(tie, "2026-02-01")


def test_deleting_what_happened_leaves_the_inferred_tie(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("log", "Ann Lee", "--kind", "call", "--at", "2026-02-01")
    [interaction] = cli.json("interaction", "list", "--json")

    cli.ok("interaction", "delete", str(interaction["id"]), "--yes")

    [tie] = cli.json("person", "show", "Ann Lee", "--json")["ties"]
    assert tie["source"] == "inferred"
    assert tie["evidence"] == "no contact recorded; inferred; known since 2026-02-01"


def test_a_failed_log_creates_no_tie(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    assert_user_error(cli("log", "Ann Lee", "Nobody Known", "--kind", "call"), "Nobody Known")

    assert cli.json("summary", "--json")["ties"] == 0


def test_person_show_lists_the_inferred_tie_with_its_evidence(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("log", "Ann Lee", "--kind", "call", "--at", "2026-02-01")
    # Wide enough that the evidence column is not cut short, whatever the ids' widths.
    result = cli("person", "show", "Ann Lee", env={"COLUMNS": "200"})

    assert result.exit_code == 0, result.output
    shown = result.stdout

    assert "Me (#" in shown
    assert "inferred; known since 2026-02-01" in " ".join(shown.split())
