"""Give first and referrals: `give`, `got`, `ledger`, `referral add|give|move|list`."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import PERSON_FIELDS, Cli, assert_user_error


def add_people(cli: Cli, *names: str) -> None:
    for name in names:
        cli.ok("person", "add", name)


def referral_add(cli: Cli, *args: str) -> dict[str, Any]:
    referral: dict[str, Any] = cli.json("referral", "add", *args, "--json")
    return referral


def test_give_and_got_record_ledger_entries_with_you_as_giver_or_receiver(cli: Cli) -> None:
    add_people(cli, "Ann Lee")

    given = cli.ok(
        "give", "Ann Lee", "--kind", "introduction", "--value", "100",
        "--note", "to a tax lawyer", "--on", "2026-02-01",
    )  # fmt: skip
    got = cli.ok("got", "Ann Lee", "--kind", "Recommendation", "--on", "2026-02-03")

    assert "Me gave Ann Lee introduction" in given.stdout
    assert "Ann Lee gave Me recommendation" in got.stdout
    ledger = cli.json("ledger", "--json")
    entries = sorted(ledger["entries"], key=lambda e: e["on"])
    assert [
        (e["on"], e["kind"], e["giver"]["name"], e["receiver"]["name"], e["value"], e["note"])
        for e in entries
    ] == [
        ("2026-02-01", "introduction", "Me", "Ann Lee", "100.00", "to a tax lawyer"),
        ("2026-02-03", "recommendation", "Ann Lee", "Me", None, None),
    ]
    assert entries[0]["currency"] == "USD"
    [balance] = ledger["balances"]
    assert balance["person"]["name"] == "Ann Lee"
    assert (balance["given"], balance["received"], balance["net"]) == (1, 1, 0)
    assert balance["given_by_kind"] == {"introduction": 1}
    assert balance["received_by_kind"] == {"recommendation": 1}


def test_ledger_for_one_person_shows_only_their_entries(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")
    cli.ok("give", "Ann Lee", "--kind", "help")
    cli.ok("give", "Bob Stone", "--kind", "gift")
    cli.ok("give", "Bob Stone", "--kind", "information")

    ledger = cli.json("ledger", "Bob Stone", "--json")

    assert sorted(e["kind"] for e in ledger["entries"]) == ["gift", "information"]
    assert {e["receiver"]["name"] for e in ledger["entries"]} == {"Bob Stone"}
    assert [(b["person"]["name"], b["net"]) for b in ledger["balances"]] == [("Bob Stone", 2)]


def test_ledger_without_json_shows_balances_and_entries(cli: Cli) -> None:
    add_people(cli, "Ann Lee")
    cli.ok("give", "Ann Lee", "--kind", "help", "--note", "moved her desk")

    result = cli.ok("ledger")

    assert "Ann Lee" in result.stdout
    assert "moved her desk" in result.stdout


def test_referral_add_creates_the_prospect_and_returns_the_referral(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")

    referral = referral_add(
        cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--via", "Bob Stone",
        "--value", "6,000", "--note", "needs a CFO", "--on", "2026-02-10",
    )  # fmt: skip

    assert referral["status"] == "received"
    assert referral["referrer"]["name"] == "Ann Lee"
    assert referral["prospect"]["name"] == "Dev Patel"
    assert referral["receiver"]["is_me"] is True
    assert [p["name"] for p in referral["via"]] == ["Bob Stone"]
    assert referral["prospect"].keys() >= PERSON_FIELDS
    assert (referral["value"], referral["currency"]) == ("6000.00", "USD")
    assert (referral["received_on"], referral["note"]) == ("2026-02-10", "needs a CFO")
    assert [(s["status"], s["value"]) for s in referral["history"]] == [("received", "6000.00")]
    assert cli.json("person", "show", "Dev Patel", "--json")["id"] == referral["prospect"]["id"]


def test_referral_add_is_also_a_gift_in_the_ledger(cli: Cli) -> None:
    add_people(cli, "Ann Lee")

    referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--value", "500")

    [entry] = cli.json("ledger", "Ann Lee", "--json")["entries"]
    assert (entry["kind"], entry["giver"]["name"], entry["receiver"]["name"]) == (
        "referral",
        "Ann Lee",
        "Me",
    )
    assert entry["note"] == "Referred Dev Patel"


def test_referral_add_to_someone_else_records_a_referral_you_passed_on(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")

    referral = referral_add(
        cli, "--from", "me", "--to", "Bob Stone", "--prospect", "Ann Lee", "--currency", "eur"
    )

    assert referral["referrer"]["is_me"] is True
    assert referral["receiver"]["name"] == "Bob Stone"
    assert (referral["value"], referral["currency"]) == (None, "EUR")


def test_referral_add_without_json_names_referrer_and_prospect(cli: Cli) -> None:
    add_people(cli, "Ann Lee")

    result = cli.ok("referral", "add", "--from", "Ann Lee", "--prospect", "Dev Patel")

    assert result.stdout.startswith("Referral #")
    assert "Ann Lee → Dev Patel" in result.stdout


def test_referral_move_walks_the_pipeline_and_keeps_dated_history(cli: Cli) -> None:
    add_people(cli, "Ann Lee")
    referral = referral_add(
        cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--on", "2026-02-10"
    )
    rid = str(referral["id"])

    contacted = cli.ok("referral", "move", rid, "contacted", "--on", "2026-02-11")
    cli.ok("referral", "move", rid, "proposal", "--value", "7000", "--on", "2026-02-20")
    cli.ok("referral", "move", rid, "WON", "--on", "2026-03-01")

    assert contacted.stdout.strip() == f"Referral #{rid} is now contacted"
    [listed] = cli.json("referral", "list", "--json")
    assert (listed["status"], listed["value"]) == ("won", "7000.00")
    assert [(s["status"], s["at"][:10], s["value"]) for s in listed["history"]] == [
        ("received", "2026-02-10", None),
        ("contacted", "2026-02-11", None),
        ("proposal", "2026-02-20", "7000.00"),
        ("won", "2026-03-01", None),
    ]
    summary = cli.json("summary", "--json")
    assert (summary["referrals"], summary["referrals_won"]) == (1, 1)


def test_referral_move_to_the_same_status_with_a_value_updates_the_value(cli: Cli) -> None:
    add_people(cli, "Ann Lee")
    referral = referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel")

    cli.ok("referral", "move", str(referral["id"]), "received", "--value", "900")

    [listed] = cli.json("referral", "list", "--json")
    assert (listed["status"], listed["value"]) == ("received", "900.00")


def test_referral_list_json_lists_every_referral_with_its_history(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")
    first = referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--on", "2026-01-05")
    second = referral_add(cli, "--from", "Bob Stone", "--prospect", "Eve Ng", "--on", "2026-02-05")

    listed = cli.json("referral", "list", "--json")

    assert sorted(r["id"] for r in listed) == sorted([first["id"], second["id"]])
    assert all(len(r["history"]) == 1 for r in listed)
    assert {r["prospect"]["name"] for r in listed} == {"Dev Patel", "Eve Ng"}


def test_referral_list_without_json_shows_the_referrals(cli: Cli) -> None:
    add_people(cli, "Ann Lee")
    referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel")

    result = cli.ok("referral", "list")

    assert "Dev Patel" in result.stdout
    assert "received" in result.stdout


def a_referral_at(cli: Cli, *moves: str) -> str:
    """A referral from Ann Lee received 2026-02-10, moved a day apart through `moves`."""
    add_people(cli, "Ann Lee")
    rid = str(
        referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--on", "2026-02-10")[
            "id"
        ]
    )
    for day, status in enumerate(moves, start=11):
        cli.ok("referral", "move", rid, status, "--on", f"2026-02-{day}")
    return rid


@pytest.mark.parametrize(
    ("moves", "to", "needles"),
    [
        (
            ["proposal"],
            "contacted",
            ["is proposal, so it can move to won or lost, not back to contacted"],
        ),
        (["contacted", "met"], "received", ["is met", "proposal, won or lost"]),
        (["won"], "contacted", ["is won, which closed it", "--reopen"]),
        (["lost"], "won", ["is lost, which closed it", "--reopen"]),
    ],
)
def test_referral_move_against_the_pipeline_exits_1_and_changes_nothing(
    cli: Cli, moves: list[str], to: str, needles: list[str]
) -> None:
    rid = a_referral_at(cli, *moves)
    before = cli.rows()

    result = cli("referral", "move", rid, to, "--on", "2026-02-20")

    assert_user_error(result, f"Referral #{rid}", *needles)
    assert cli.rows() == before


def test_referral_move_may_skip_steps_forward(cli: Cli) -> None:
    rid = a_referral_at(cli, "met", "won")

    [listed] = cli.json("referral", "list", "--json")

    assert listed["id"] == int(rid)
    assert [s["status"] for s in listed["history"]] == ["received", "met", "won"]


def test_a_won_referral_moves_again_only_with_reopen_and_keeps_its_history(cli: Cli) -> None:
    rid = a_referral_at(cli, "contacted", "won")

    reopened = cli.ok("referral", "move", rid, "proposal", "--reopen", "--on", "2026-03-01")
    cli.ok("referral", "move", rid, "lost", "--on", "2026-03-05")

    assert reopened.stdout.strip() == f"Referral #{rid} is now proposal"
    [listed] = cli.json("referral", "list", "--json")
    assert [(s["status"], s["at"][:10]) for s in listed["history"]] == [
        ("received", "2026-02-10"),
        ("contacted", "2026-02-11"),
        ("won", "2026-02-12"),
        ("proposal", "2026-03-01"),
        ("lost", "2026-03-05"),
    ]


def test_referral_move_dated_before_its_last_step_exits_1(cli: Cli) -> None:
    rid = a_referral_at(cli, "contacted", "met")
    before = cli.rows()

    result = cli("referral", "move", rid, "proposal", "--on", "2026-02-11")

    assert_user_error(result, "moved to met on 2026-02-12", "2026-02-11")
    assert cli.rows() == before


def roles_of(cli: Cli, ref: str) -> list[str]:
    roles: list[str] = cli.json("person", "show", ref, "--json")["scores"]["roles"]
    return roles


def test_winning_a_referral_makes_its_prospect_a_client_and_its_ledger_entry_the_value_won(
    cli: Cli,
) -> None:
    rid = a_referral_at(cli, "proposal")

    cli.ok("referral", "move", rid, "won", "--value", "12,500", "--on", "2026-03-01")

    assert "client" in roles_of(cli, "Dev Patel")
    [entry] = cli.json("ledger", "--json")["entries"]
    assert (entry["referral_id"], entry["value"], entry["currency"]) == (
        int(rid),
        "12500.00",
        "USD",
    )
    cli.ok("referral", "move", rid, "proposal", "--reopen", "--on", "2026-03-02")
    assert "client" not in roles_of(cli, "Dev Patel")


def test_referral_give_records_a_referral_from_you_and_your_give_in_the_ledger(cli: Cli) -> None:
    add_people(cli, "Bob Stone")

    given = cli.json(
        "referral", "give", "--to", "Bob Stone", "--prospect", "Dev Patel", "--value", "3000",
        "--currency", "eur", "--note", "needs a lawyer", "--on", "2026-02-10", "--json",
    )  # fmt: skip

    assert given["referrer"]["is_me"] is True
    assert (given["receiver"]["name"], given["prospect"]["name"]) == ("Bob Stone", "Dev Patel")
    assert (given["value"], given["currency"], given["note"]) == (
        "3000.00",
        "EUR",
        "needs a lawyer",
    )
    ledger = cli.json("ledger", "--json")
    [entry] = ledger["entries"]
    assert (entry["id"], entry["referral_id"]) == (given["ledger_entry_id"], given["id"])
    assert (entry["giver"]["is_me"], entry["receiver"]["name"], entry["kind"]) == (
        True,
        "Bob Stone",
        "referral",
    )
    [balance] = ledger["balances"]
    assert (balance["person"]["name"], balance["given"], balance["received"]) == ("Bob Stone", 1, 0)
    tied = {t["person"]["name"] for t in cli.json("person", "show", "me", "--json")["ties"]}
    assert {"Bob Stone", "Dev Patel"} <= tied


def test_referral_give_without_json_says_who_you_referred_to_whom(cli: Cli) -> None:
    add_people(cli, "Bob Stone")

    result = cli.ok("referral", "give", "--to", "Bob Stone", "--prospect", "Dev Patel")

    assert result.stdout.startswith("Referral #")
    assert "you referred Dev Patel to Bob Stone" in result.stdout


def test_referral_give_to_yourself_exits_1_and_adds_nobody(cli: Cli) -> None:
    add_people(cli, "Bob Stone")
    before = cli.rows()

    result = cli("referral", "give", "--to", "me", "--prospect", "Dev Patel")

    assert_user_error(result, "goes to someone else")
    assert cli.rows() == before


def test_referral_list_shows_received_referrals_and_given_lists_yours(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")
    received = referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel")
    passed = referral_add(cli, "--from", "Ann Lee", "--to", "Bob Stone", "--prospect", "Eve Ng")
    given = cli.json("referral", "give", "--to", "Bob Stone", "--prospect", "Cat Wu", "--json")

    listed = cli.json("referral", "list", "--json")
    yours = cli.json("referral", "list", "--given", "--json")

    assert sorted(r["id"] for r in listed) == sorted([received["id"], passed["id"]])
    assert [r["id"] for r in yours] == [given["id"]]
    assert [r["id"] for r in cli.json("referral", "list", "--from", "me", "--json")] == [
        given["id"]
    ]
    assert "Referrals you gave" in cli.ok("referral", "list", "--given").stdout


def test_referral_list_filters_by_status_referrer_and_day(cli: Cli) -> None:
    add_people(cli, "Ann Lee", "Bob Stone")
    old = referral_add(cli, "--from", "Ann Lee", "--prospect", "Dev Patel", "--on", "2026-01-05")
    won = referral_add(cli, "--from", "Bob Stone", "--prospect", "Eve Ng", "--on", "2026-02-05")
    new = referral_add(cli, "--from", "Ann Lee", "--prospect", "Cat Wu", "--on", "2026-03-05")
    cli.ok("referral", "move", str(won["id"]), "won", "--on", "2026-02-20")

    def ids(*filters: str) -> list[int]:
        return [r["id"] for r in cli.json("referral", "list", *filters, "--json")]

    assert ids("--status", "WON") == [won["id"]]
    assert ids("--status", "received") == [new["id"], old["id"]]
    assert ids("--from", "Ann Lee") == [new["id"], old["id"]]
    assert ids("--since", "2026-02-05") == [new["id"], won["id"]]
    assert ids("--from", "ann lee", "--since", "2026-02-01", "--status", "received") == [new["id"]]
    assert ids("--limit", "1") == [new["id"]]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--status", "signed"], ["referral status 'signed'"]),
        (["--since", "2026-13-01"], ["--since date"]),
        (["--from", "Nobody Known"], ["Nobody Known"]),
        (["--from", "Ann Lee", "--given"], ["--from and --given"]),
    ],
)
def test_referral_list_with_a_bad_filter_exits_1(
    cli: Cli, args: list[str], needles: list[str]
) -> None:
    add_people(cli, "Ann Lee")

    assert_user_error(cli("referral", "list", *args), *needles)
