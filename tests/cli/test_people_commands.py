"""`goodword person …`: add, list, show, edit, merge and delete people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cli.support import PERSON_FIELDS, Cli, assert_user_error, describe


def names(people: list[dict[str, Any]]) -> list[str]:
    return [p["name"] for p in people]


def test_person_add_with_every_option_stores_each_field(cli: Cli) -> None:
    cli.ok("event", "add", "Chamber breakfast", "--on", "2026-03-05")
    cli.ok("person", "add", "Bob Stone")

    added = cli.json(
        "person", "add", "Ann Lee",
        "--email", "Ann@Acme.io", "--email", "ann.lee@home.example",
        "--phone", "+1 415 555 0100",
        "--org", "Acme", "--title", "CFO", "--industry", "Fintech",
        "--city", "Boston", "--country", "US",
        "--tag", "founder", "--tag", "Chamber",
        "--linkedin", "linkedin.com/in/annlee",
        "--birthday", "--06-21",
        "--nickname", "Annie",
        "--im", "Skype:ann.lee",
        "--note", "likes golf",
        "--met-at", "Chamber",
        "--introduced-by", "Bob Stone",
        "--json",
    )  # fmt: skip

    assert added.keys() >= PERSON_FIELDS
    assert added["name"] == "Ann Lee"
    assert added["emails"] == ["ann@acme.io", "ann.lee@home.example"]
    assert added["phones"] == ["+14155550100"]
    assert added["links"] == ["https://www.linkedin.com/in/annlee"]
    assert (added["nickname"], added["ims"]) == ("Annie", ["skype:ann.lee"])
    assert (added["org"], added["title"]) == ("Acme", "CFO")
    assert (added["industry"], added["city"], added["country"]) == ("Fintech", "Boston", "US")
    assert sorted(added["tags"]) == ["chamber", "founder"]
    assert added["is_me"] is False

    shown = cli.json("person", "show", str(added["id"]), "--json")
    assert shown["birthday"] == "--06-21"
    assert shown["notes"] == ["likes golf"]
    assert {(i["domain"], i["summary"]) for i in shown["timeline"]} >= {
        ("event", "Met at Chamber breakfast"),
        ("note", "likes golf"),
    }
    ties = {t["person"]["name"]: t for t in shown["ties"]}
    assert ties["Bob Stone"]["kind"] == "introduced"  # the role Bob played: he introduced Ann
    assert (ties["Me"]["source"], ties["Me"]["since"]) == ("inferred", "2026-03-05")  # met there


def test_person_add_without_json_says_who_was_added(cli: Cli) -> None:
    result = cli.ok("person", "add", "Ann Lee")

    assert "Added Ann Lee (#" in result.stdout
    assert result.stderr == ""


def test_person_add_accepts_a_full_birthday(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--birthday", "1980-02-29")

    assert cli.json("person", "show", "Ann Lee", "--json")["birthday"] == "1980-02-29"


def test_person_list_json_lists_everyone_including_you(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")

    listed = cli.json("person", "list", "--json")

    assert names(listed) == ["Ann Lee", "Bob Stone", "Me"]
    assert all(p.keys() >= PERSON_FIELDS for p in listed)
    assert [p["is_me"] for p in listed] == [False, False, True]


def test_person_list_query_matches_name_email_org_and_tag(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--org", "Acme")
    cli.ok("person", "add", "Bob Stone", "--email", "bob@acme.io")
    cli.ok("person", "add", "Cara Diaz", "--tag", "acme-alumni")
    cli.ok("person", "add", "Dev Patel", "--org", "Globex")

    assert names(cli.json("person", "list", "--query", "acme", "--json")) == [
        "Ann Lee",
        "Bob Stone",
        "Cara Diaz",
    ]
    assert names(cli.json("person", "list", "--query", "Patel", "--json")) == ["Dev Patel"]


def test_person_list_tag_keeps_only_people_with_that_tag(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--tag", "founder")
    cli.ok("person", "add", "Bob Stone", "--tag", "golf")
    cli.ok("person", "add", "Cara Diaz", "--tag", "Founder", "--tag", "golf")

    assert names(cli.json("person", "list", "--tag", "founder", "--json")) == [
        "Ann Lee",
        "Cara Diaz",
    ]


def test_person_list_without_json_shows_a_table_of_names(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("person", "list")

    assert "Ann Lee" in result.stdout


def test_person_show_json_has_the_stable_fields_timeline_and_ties(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--email", "ann@acme.io", "--org", "Acme", "--title", "CFO")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone", "--strength", "0.8", "--kind", "mentor")
    cli.ok("log", "Ann Lee", "--kind", "coffee", "--at", "2026-02-01", "--note", "hiring")

    shown = cli.json("person", "show", "ann@acme.io", "--json")

    assert shown.keys() >= PERSON_FIELDS
    assert (shown["name"], shown["emails"], shown["org"], shown["title"], shown["tags"]) == (
        "Ann Lee",
        ["ann@acme.io"],
        "Acme",
        "CFO",
        [],
    )
    assert isinstance(shown["timeline"], list)
    assert any(i["domain"] == "interaction" and i["type"] == "coffee" for i in shown["timeline"])
    tie, mine = shown["ties"]  # strongest first: the stated one, then the coffee's
    assert {"person", "strength", "kind", "evidence"} <= tie.keys()
    assert tie["person"]["name"] == "Bob Stone"
    assert (mine["person"]["name"], mine["source"]) == ("Me", "inferred")
    assert tie["strength"] == 0.8
    assert tie["kind"] == "mentee"
    assert tie["evidence"].startswith("stated 0.8, set by you")


def test_person_show_accepts_id_hash_id_email_name_and_me(cli: Cli) -> None:
    added = cli.json("person", "add", "Ann Lee", "--email", "ann@acme.io", "--json")

    for ref in (str(added["id"]), f"#{added['id']}", "ann@acme.io", "Ann Lee", "ann lee", "Ann"):
        assert cli.json("person", "show", ref, "--json")["id"] == added["id"], ref
    assert cli.json("person", "show", "me", "--json")["is_me"] is True


def test_names_with_brackets_are_printed_as_typed(cli: Cli) -> None:
    cli.ok("person", "add", "Ann [/b] Lee", "--org", "[acme]")

    shown = cli.ok("person", "show", "Ann [/b] Lee")
    listed = cli.ok("person", "list")

    assert "Ann [/b] Lee" in shown.stdout
    assert "[acme]" in listed.stdout


def test_person_show_without_json_prints_the_name(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--org", "Acme")

    result = cli.ok("person", "show", "Ann Lee")

    assert "Ann Lee" in result.stdout
    assert "Acme" in result.stdout


def test_person_edit_sets_fields_adds_handles_and_tags_and_removes_tags(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--email", "ann@acme.io", "--tag", "founder", "--tag", "x")

    edited = cli.json(
        "person", "edit", "Ann Lee",
        "--name", "Ann Lee-Park",
        "--email", "ann@park.example",
        "--org", "Globex", "--title", "COO",
        "--city", "Denver",
        "--tag", "board", "--untag", "x",
        "--note", "changed jobs",
        "--json",
    )  # fmt: skip

    assert edited["name"] == "Ann Lee-Park"
    assert edited["emails"] == ["ann@acme.io", "ann@park.example"]
    assert (edited["org"], edited["title"], edited["city"]) == ("Globex", "COO", "Denver")
    assert sorted(edited["tags"]) == ["board", "founder"]
    assert cli.json("person", "show", "Ann Lee-Park", "--json")["notes"] == ["changed jobs"]


def test_person_edit_without_json_says_who_was_updated(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("person", "edit", "Ann Lee", "--city", "Boston")

    assert "Updated Ann Lee (#" in result.stdout


def test_person_merge_folds_the_other_into_keep_with_all_handles_and_ties(cli: Cli) -> None:
    keep = cli.json("person", "add", "Ann Lee", "--email", "ann@acme.io", "--json")
    other = cli.json(
        "person", "add", "Ann L.", "--email", "ann@home.example", "--tag", "golf", "--json"
    )
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann L.", "Bob Stone", "--kind", "friend")

    result = cli.ok("person", "merge", "Ann Lee", "Ann L.")

    assert f"Merged Ann L. (#{other['id']}) into Ann Lee (#{keep['id']})" in result.stdout
    merged = cli.json("person", "show", str(keep["id"]), "--json")
    assert sorted(merged["emails"]) == ["ann@acme.io", "ann@home.example"]
    assert merged["tags"] == ["golf"]
    assert [(t["person"]["name"], t["kind"]) for t in merged["ties"]] == [("Bob Stone", "friend")]
    gone = cli("person", "show", str(other["id"]), "--json")
    assert gone.exit_code == 1, describe(gone)
    assert "No person matches" in gone.stderr


def test_person_delete_with_yes_removes_the_person_everywhere(cli: Cli) -> None:
    ann = cli.json("person", "add", "Ann Lee", "--email", "ann@acme.io", "--tag", "x", "--json")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone")
    cli.ok("log", "Ann Lee", "--kind", "call")
    cli.ok("give", "Ann Lee", "--kind", "help")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01")

    result = cli.ok("person", "delete", "Ann Lee", "--yes")

    assert f"Deleted Ann Lee (#{ann['id']})" in result.stdout
    assert names(cli.json("person", "list", "--json")) == ["Bob Stone", "Me"]
    assert cli.json("person", "show", "Bob Stone", "--json")["ties"] == []
    assert cli.json("ledger", "--json")["entries"] == []
    assert cli.json("followup", "list", "--json") == []
    summary = cli.json("summary", "--json")
    assert (summary["ties"], summary["interactions"]) == (0, 0)
    # The e-mail is free again: nothing about her is left behind.
    cli.ok("person", "add", "Someone Else", "--email", "ann@acme.io")


def test_person_delete_without_yes_says_to_pass_it_and_deletes_nothing(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    before = cli.rows()

    assert_user_error(cli("person", "delete", "Ann Lee"), "Ann Lee", "--yes")

    assert cli.rows() == before


def test_a_title_needs_no_organisation(cli: Cli) -> None:
    added = cli.json("person", "add", "Sara Quinn", "--title", "Relationship Manager", "--json")

    assert (added["org"], added["title"]) == (None, "Relationship Manager")
    shown = cli.json("person", "show", "Sara Quinn", "--json")
    assert (shown["org"], shown["title"]) == (None, "Relationship Manager")
    assert "title: Relationship Manager" in cli.ok("person", "show", "Sara Quinn").stdout
    edited = cli.json("person", "edit", "Sara Quinn", "--title", "Senior Manager", "--json")
    assert (edited["org"], edited["title"]) == (None, "Senior Manager")
    later = cli.json("person", "edit", "Sara Quinn", "--org", "Quinn & Co", "--json")
    assert (later["org"], later["title"]) == ("Quinn & Co", "Senior Manager")


def test_person_add_organisation_adds_an_organisations_own_contact(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--org", "Acme Ltd")

    added = cli.json(
        "person", "add", "Acme Ltd", "--organisation",
        "--email", "info@acme.example", "--phone", "+44 20 7946 0000", "--json",
    )  # fmt: skip

    assert (added["kind"], added["org"], added["emails"]) == (
        "organisation",
        "Acme Ltd",
        ["info@acme.example"],
    )
    assert cli.json("person", "show", "info@acme.example", "--json")["kind"] == "organisation"
    assert "kind: organisation" in cli.ok("person", "show", "Acme Ltd").stdout
    assert "kind:" not in cli.ok("person", "show", "Ann Lee").stdout
    listed = cli.json("person", "list", "--query", "acme", "--json")
    assert [(p["name"], p["kind"]) for p in listed] == [
        ("Acme Ltd", "organisation"),
        ("Ann Lee", "person"),
    ]
    again = cli.json("person", "edit", "Acme Ltd", "--person", "--json")
    assert again["kind"] == "person"


def test_merging_a_person_into_an_organisation_card_makes_it_theirs(cli: Cli) -> None:
    cli.ok("person", "add", "Acme Ltd", "--organisation", "--email", "info@acme.example")
    cli.ok("person", "add", "Ann Lee", "--org", "Acme Ltd", "--title", "CFO")

    merged = cli.json("person", "merge", "Acme Ltd", "Ann Lee", "--json")

    assert (merged["name"], merged["kind"], merged["org"], merged["title"]) == (
        "Ann Lee",
        "person",
        "Acme Ltd",
        "CFO",
    )
    assert merged["emails"] == ["info@acme.example"]
    assert "Merged from" in " ".join(cli.json("person", "show", "Ann Lee", "--json")["notes"])


def test_person_show_prints_each_address_in_its_countrys_order(cli: Cli, tmp_path: Path) -> None:
    card = tmp_path / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        "ADR;TYPE=work:;;10 Downing Street;London;;SW1A 2AA;United Kingdom\r\n"
        "ADR;TYPE=home:;;Unter den Linden 1;Berlin;;10117;Deutschland\r\n"
        "ADR;TYPE=other:;;1-1 Chiyoda;Chiyoda-ku;Tokyo;100-8111;Japan\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    cli.ok("import", "vcard", str(card))

    shown = cli.json("person", "show", "Ann Lee", "--json")
    printed = cli.ok("person", "show", "Ann Lee").stdout

    assert [a["text"] for a in shown["addresses"]] == [
        "10 Downing Street\nLondon\nSW1A 2AA\nUnited Kingdom",
        "Unter den Linden 1\n10117 Berlin\nDeutschland",
        "100-8111\nTokyo Chiyoda-ku\n1-1 Chiyoda\nJapan",
    ]
    assert "address (work): 10 Downing Street, London, SW1A 2AA, United Kingdom" in printed
    assert "address (home): Unter den Linden 1, 10117 Berlin, Deutschland" in printed
    assert "address (other): 100-8111, Tokyo Chiyoda-ku, 1-1 Chiyoda, Japan" in printed
