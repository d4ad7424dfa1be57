"""`suggest-intros`, `introduce` and the ledger's give/get ratio, on a small network whose
right introductions are plain to see."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import PERSON_FIELDS, Cli, assert_user_error


@pytest.fixture
def network(cli: Cli) -> Cli:
    """Ann needs web design, which Bob offers; Ann, Cy and Dee seek startups, Eve is one.
    Cy is an accountant like Ann (a competitor); Gil and Hal match but know each other;
    Zed matches Ann but is no contact of mine; Ivy is a contact only through a coffee."""
    add = cli.ok
    add("person", "add", "Ann Lee", "--industry", "Accounting", "--city", "Lyon",
        "--tag", "needs:Web design", "--tag", "seeks:startups")  # fmt: skip
    add("person", "add", "Bob Roy", "--industry", "Design", "--tag", "offers:web design")
    add("person", "add", "Cy Dunn", "--industry", "Accounting", "--city", "Lyon",
        "--tag", "seeks:startups")  # fmt: skip
    add(
        "person", "add", "Dee Fox", "--industry", "Law", "--city", "Lyon", "--tag", "seeks:Startups"
    )
    add("person", "add", "Eve Kim", "--title", "Founder", "--tag", "startup")
    add("person", "add", "Gil Orr", "--tag", "needs:seo")
    add("person", "add", "Hal Ito", "--tag", "offers:SEO")
    add("person", "add", "Zed Ray", "--industry", "Design", "--tag", "offers:web design")
    add("person", "add", "Ivy Poe", "--tag", "offers:bookkeeping")
    add("person", "add", "Jo Park", "--tag", "needs:bookkeeping")
    for name in ("Ann Lee", "Bob Roy", "Cy Dunn", "Dee Fox", "Eve Kim", "Gil Orr", "Hal Ito",
                 "Jo Park"):  # fmt: skip
        add("knows", "me", name, "--strength", "0.7")
    add("knows", "Gil Orr", "Hal Ito")
    add("knows", "Zed Ray", "Bob Roy")
    add("log", "Ivy Poe", "--kind", "coffee", "--at", "2026-11-20")
    return cli


def pairs(rows: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(p["name"] for p in row["people"]) for row in rows}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def test_suggestions_pair_needs_with_offers_and_seekers_with_what_they_seek(
    network: Cli,
) -> None:
    rows = network.json("suggest-intros", "--top", "50", "--json")

    assert pairs(rows) == {
        pair("Ann Lee", "Bob Roy"),
        pair("Jo Park", "Ivy Poe"),
        pair("Ann Lee", "Eve Kim"),
        pair("Cy Dunn", "Eve Kim"),
        pair("Dee Fox", "Eve Kim"),
        pair("Ann Lee", "Dee Fox"),
        pair("Cy Dunn", "Dee Fox"),
    }
    for row in rows:
        assert set(row) >= {"people", "reason", "score"}
        assert all(set(person) >= PERSON_FIELDS for person in row["people"])
    best = rows[0]
    assert pairs([best]) in ({pair("Ann Lee", "Bob Roy")}, {pair("Jo Park", "Ivy Poe")})
    by_pair = {frozenset(p["name"] for p in r["people"]): r for r in rows}
    assert (
        "Ann Lee needs web design; Bob Roy offers it"
        in by_pair[pair("Ann Lee", "Bob Roy")]["reason"]
    )
    assert "Eve Kim is one (startup)" in by_pair[pair("Dee Fox", "Eve Kim")]["reason"]
    assert "(Law)" in by_pair[pair("Ann Lee", "Dee Fox")]["reason"]


def test_competitors_people_already_tied_and_strangers_are_not_suggested(network: Cli) -> None:
    found = pairs(network.json("suggest-intros", "--top", "50", "--json"))

    assert pair("Ann Lee", "Cy Dunn") not in found  # same industry, same offering
    assert pair("Gil Orr", "Hal Ito") not in found  # they already know each other
    assert not any("Zed Ray" in p for p in found)  # not a contact of mine


def test_advisers_whose_clients_share_an_industry_are_suggested_as_partners(cli: Cli) -> None:
    for name, industry in (("Kai Lund", "Law"), ("Lou Berg", "Banking"), ("Max Voss", "Law")):
        cli.ok("person", "add", name, "--industry", industry)
        cli.ok("knows", "me", name)
    for client, adviser in (("Nia", "Kai Lund"), ("Oli", "Lou Berg"), ("Pat", "Max Voss")):
        cli.ok("person", "add", client, "--industry", "Fintech")
        cli.ok("knows", client, adviser, "--kind", "client")

    rows = cli.json("suggest-intros", "--json")

    assert pairs(rows) == {pair("Kai Lund", "Lou Berg"), pair("Lou Berg", "Max Voss")}
    assert "both have clients in Fintech" in rows[0]["reason"]


def test_two_contacts_who_met_are_not_suggested(network: Cli) -> None:
    network.ok("log", "Ivy Poe", "Jo Park", "--kind", "meeting", "--at", "2026-11-25")

    found = pairs(network.json("suggest-intros", "--top", "50", "--json"))

    assert pair("Ivy Poe", "Jo Park") not in found


def test_top_limits_the_suggestions_and_the_table_names_the_pairs(network: Cli) -> None:
    assert len(network.json("suggest-intros", "--top", "2", "--json")) == 2
    out = network.ok("suggest-intros").stdout
    assert "Introductions you can make" in out
    assert "Bob Roy" in out


def test_introduce_records_the_gives_the_tie_and_the_email(network: Cli) -> None:
    made = network.json(
        "introduce", "Ann Lee", "Bob Roy", "--note", "new website", "--at", "2026-11-30", "--json"
    )

    assert [p["name"] for p in made["people"]] == ["Ann Lee", "Bob Roy"]
    assert made["tie_kind"] == "introduced"
    assert made["tie_was_new"] is True
    ledger = network.json("ledger", "--json")
    gives = [(e["giver"]["is_me"], e["receiver"]["name"], e["kind"]) for e in ledger["entries"]]
    assert sorted(gives) == [(True, "Ann Lee", "introduction"), (True, "Bob Roy", "introduction")]
    assert {e["id"] for e in ledger["entries"]} == set(made["ledger_entry_ids"])
    ann = network.json("person", "show", "Ann Lee", "--json")
    [tie] = [t for t in ann["ties"] if t["person"]["name"] == "Bob Roy"]
    assert tie["kind"].startswith("introduced")
    listed = network.json("interaction", "list", "--json")
    [email] = [i for i in listed if i["id"] == made["interaction_id"]]
    assert email["kind"] == "email"
    assert sorted(p["name"] for p in email["people"]) == ["Ann Lee", "Bob Roy", "Me"]
    assert "new website" in email["note"]
    again = pairs(network.json("suggest-intros", "--top", "50", "--json"))
    assert pair("Ann Lee", "Bob Roy") not in again


def test_introducing_people_already_tied_keeps_their_tie(network: Cli) -> None:
    network.ok("knows", "Ann Lee", "Dee Fox", "--kind", "colleague", "--strength", "0.9")

    made = network.json("introduce", "Dee Fox", "Ann Lee", "--json")

    assert made["tie_kind"] == "colleague"
    assert made["tie_was_new"] is False
    ann = network.json("person", "show", "Ann Lee", "--json")
    [tie] = [t for t in ann["ties"] if t["person"]["name"] == "Dee Fox"]
    assert tie["kind"] == "colleague"
    assert tie["strength"] == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("refs", "message"),
    [
        (("Ann Lee", "Nobody Here"), "No person matches 'Nobody Here'"),
        (("Ann Lee", "Ann Lee"), "name two different people"),
        (("me", "Ann Lee"), "between two of your contacts"),
    ],
    ids=["unknown", "same-person", "owner"],
)
def test_a_bad_ref_changes_nothing(network: Cli, refs: tuple[str, str], message: str) -> None:
    before = network.rows()

    assert_user_error(network("introduce", *refs, "--note", "hello"), message)

    assert network.rows() == before


def test_ledger_shows_the_give_get_ratio_and_who_you_owe_most(network: Cli) -> None:
    network.ok("give", "Ann Lee", "--kind", "help")
    network.ok("give", "Ann Lee", "--kind", "information")
    network.ok("give", "Bob Roy", "--kind", "help")
    for _ in range(3):
        network.ok("got", "Bob Roy", "--kind", "referral")
    network.ok("got", "Dee Fox", "--kind", "recommendation")
    network.ok("give", "Eve Kim", "--kind", "help")
    network.ok("got", "Eve Kim", "--kind", "help")

    ledger = network.json("ledger", "--json")

    assert (ledger["given"], ledger["received"]) == (4, 5)
    assert ledger["give_get_ratio"] == 0.8
    owed = [(b["person"]["name"], b["given"], b["received"]) for b in ledger["owe_most"]]
    assert owed == [("Bob Roy", 1, 3), ("Dee Fox", 0, 1)]
    assert {"entries", "balances"} <= set(ledger)
    table = network.ok("ledger").stdout
    assert "give/get ratio 0.8" in table
    assert "You owe most" in table
