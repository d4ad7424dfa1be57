"""`goodword interaction …`: list, edit and delete what `goodword log` recorded."""

from __future__ import annotations

import pytest

from cli.support import PERSON_FIELDS, Cli, assert_user_error

INTERACTION_FIELDS = {"id", "kind", "at", "note", "people", "initiated_by"}


@pytest.fixture
def coffee(cli: Cli) -> int:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("log", "Ann Lee", "--kind", "call", "--at", "2026-11-22T09:30")
    result = cli.ok(
        "log", "Ann Lee", "Bob Stone", "--kind", "coffee", "--at", "2026-11-21", "--note", "hiring"
    )
    return int(result.stdout.split("#")[1].split()[0])


def test_interaction_list_json_is_newest_first_with_everyone_who_took_part(
    cli: Cli, coffee: int
) -> None:
    found = cli.json("interaction", "list", "--json")

    assert [(i["kind"], i["at"][:16]) for i in found] == [
        ("call", "2026-11-22T09:30"),
        ("coffee", "2026-11-21T12:00"),
    ]
    assert set(found[1]) >= INTERACTION_FIELDS
    assert found[1]["id"] == coffee
    assert found[1]["note"] == "hiring"
    assert [p["name"] for p in found[1]["people"]] == ["Me", "Ann Lee", "Bob Stone"]
    assert set(found[1]["people"][1]) >= PERSON_FIELDS
    assert found[1]["initiated_by"] == found[1]["people"][0]["id"]


def test_interaction_list_for_a_person_shows_only_theirs(cli: Cli, coffee: int) -> None:
    assert [i["id"] for i in cli.json("interaction", "list", "bob", "--json")] == [coffee]
    assert len(cli.json("interaction", "list", "--limit", "1", "--json")) == 1
    assert "Bob Stone" in cli.ok("interaction", "list", "Bob Stone").stdout


def test_interaction_edit_json_returns_the_corrected_interaction(cli: Cli, coffee: int) -> None:
    edited = cli.json(
        "interaction", "edit", str(coffee), "--kind", "Meeting", "--at", "2026-11-20T08:00",
        "--note", "", "--they-initiated", "--json",
    )  # fmt: skip

    ann = cli.json("person", "show", "Ann Lee", "--json")["id"]
    assert (edited["id"], edited["kind"], edited["at"][:16]) == (
        coffee,
        "meeting",
        "2026-11-20T08:00",
    )
    assert (edited["note"], edited["initiated_by"]) == (None, ann)
    assert cli.json("interaction", "list", "ann", "--json")[1] == edited
    result = cli.ok("interaction", "edit", str(coffee), "--i-initiated")
    assert f"Updated meeting #{coffee} on 2026-11-20 with Ann Lee, Bob Stone" in result.stdout


def test_interaction_delete_removes_it_from_every_timeline(cli: Cli, coffee: int) -> None:
    result = cli.ok("interaction", "delete", str(coffee), "--yes")

    assert f"Deleted coffee #{coffee} on 2026-11-21 with Ann Lee, Bob Stone" in result.stdout
    assert [i["kind"] for i in cli.json("interaction", "list", "--json")] == ["call"]
    timeline = cli.json("person", "show", "Bob Stone", "--json")["timeline"]
    assert [i for i in timeline if i["domain"] == "interaction"] == []
    names = [p["name"] for p in cli.json("person", "list", "--json")]
    assert names == ["Ann Lee", "Bob Stone", "Me"]


def test_interaction_delete_without_yes_says_what_goes(cli: Cli, coffee: int) -> None:
    before = cli.rows()

    line = assert_user_error(cli("interaction", "delete", str(coffee)), "--yes")

    assert f"coffee #{coffee} on 2026-11-21 with Ann Lee, Bob Stone" in line
    assert cli.rows() == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["interaction", "list", "Nobody"], ["No person matches 'Nobody'"]),
        (["interaction", "edit", "999", "--note", "x"], ["No interaction #999"]),
        (["interaction", "delete", "999", "--yes"], ["No interaction #999"]),
        (["interaction", "edit", "{id}", "--kind", "lunch"], ["Unknown interaction kind"]),
        (["interaction", "edit", "{id}", "--at", "21/11/2026"], ["21/11/2026"]),
    ],
    ids=["list unknown person", "edit unknown id", "delete unknown id", "bad kind", "bad date"],
)
def test_interaction_errors_change_nothing(
    cli: Cli, coffee: int, args: list[str], needles: list[str]
) -> None:
    before = cli.rows()

    assert_user_error(cli(*(a.format(id=coffee) for a in args)), *needles)

    assert cli.rows() == before


def test_an_ambiguous_person_lists_the_candidates(cli: Cli, coffee: int) -> None:
    cli.ok("person", "add", "Ann Lees")
    cli.ok("person", "add", "Ann Leeson")

    assert_user_error(cli("interaction", "list", "Ann Le", "--json"), "Ann Lees", "Ann Leeson")
