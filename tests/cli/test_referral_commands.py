"""Give first and referrals: `give`, `got`, `ledger`, `referral add|move|list`."""

from __future__ import annotations

from typing import Any

from cli.support import PERSON_FIELDS, Cli


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
