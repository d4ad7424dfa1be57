"""`goodword note …`: notes about a person can be listed, corrected and deleted by id."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import Cli, assert_user_error

NOTE_FIELDS = {"id", "person_id", "body", "created_at"}


@pytest.fixture
def ann(cli: Cli) -> dict[str, Any]:
    person: dict[str, Any] = cli.json(
        "person", "add", "Ann Lee", "--note", "met at the gala", "--json"
    )
    cli.ok("person", "edit", "Ann Lee", "--note", "two kids")
    return person


def test_note_list_json_gives_each_note_with_its_id_oldest_first(
    cli: Cli, ann: dict[str, Any]
) -> None:
    notes = cli.json("note", "list", "ann", "--json")

    assert [n["body"] for n in notes] == ["met at the gala", "two kids"]
    assert all(set(n) == NOTE_FIELDS for n in notes)
    assert {n["person_id"] for n in notes} == {ann["id"]}
    assert "met at the gala" in cli.ok("note", "list", "Ann Lee").stdout


def test_person_show_prints_note_ids(cli: Cli, ann: dict[str, Any]) -> None:
    first, second = cli.json("note", "list", "Ann Lee", "--json")

    shown = cli.ok("person", "show", "Ann Lee").stdout

    assert f"note #{first['id']}: met at the gala" in shown
    assert f"note #{second['id']}: two kids" in shown


def test_note_add_and_edit_return_the_note(cli: Cli, ann: dict[str, Any]) -> None:
    added = cli.json("note", "add", "Ann Lee", "likes golf", "--json")
    assert (added["person_id"], added["body"]) == (ann["id"], "likes golf")

    edited = cli.json("note", "edit", str(added["id"]), "  loves golf ", "--json")

    assert edited == {**added, "body": "loves golf"}
    assert cli.json("person", "show", "Ann Lee", "--json")["notes"] == [
        "met at the gala",
        "two kids",
        "loves golf",
    ]
    result = cli.ok("note", "edit", str(added["id"]), "golf, weekends")
    assert f"Updated note #{added['id']} about Ann Lee (#{ann['id']})" in result.stdout


def test_note_delete_removes_only_that_note(cli: Cli, ann: dict[str, Any]) -> None:
    first, _ = cli.json("note", "list", "Ann Lee", "--json")

    result = cli.ok("note", "delete", str(first["id"]), "--yes")

    assert f"Deleted note #{first['id']} about Ann Lee" in result.stdout
    assert [n["body"] for n in cli.json("note", "list", "Ann Lee", "--json")] == ["two kids"]


def test_note_delete_without_yes_quotes_the_note(cli: Cli, ann: dict[str, Any]) -> None:
    first, _ = cli.json("note", "list", "Ann Lee", "--json")
    before = cli.rows()

    line = assert_user_error(cli("note", "delete", str(first["id"])), "--yes")

    assert f"note #{first['id']} about Ann Lee" in line
    assert "'met at the gala'" in line
    assert cli.rows() == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["note", "list", "Nobody"], ["No person matches 'Nobody'"]),
        (["note", "add", "Nobody", "hello"], ["No person matches 'Nobody'"]),
        (["note", "add", "Ann Lee", " "], ["cannot be empty"]),
        (["note", "edit", "999", "text"], ["No note #999"]),
        (["note", "edit", "{id}", "  "], ["cannot be empty", "note delete"]),
        (["note", "delete", "999", "--yes"], ["No note #999"]),
    ],
    ids=["list unknown person", "add unknown person", "add empty", "edit unknown id",
         "edit to empty", "delete unknown id"],
)  # fmt: skip
def test_note_errors_change_nothing(
    cli: Cli, ann: dict[str, Any], args: list[str], needles: list[str]
) -> None:
    first = cli.json("note", "list", "Ann Lee", "--json")[0]
    before = cli.rows()

    assert_user_error(cli(*(a.format(id=first["id"]) for a in args)), *needles)

    assert cli.rows() == before


def test_an_ambiguous_person_lists_the_candidates(cli: Cli, ann: dict[str, Any]) -> None:
    cli.ok("person", "add", "Ann Lees")
    before = cli.rows()

    assert_user_error(cli("note", "add", "Ann L", "hello"), "Ann Lee", "Ann Lees")

    assert cli.rows() == before
