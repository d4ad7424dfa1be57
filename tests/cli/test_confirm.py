"""Deleting asks first: on a terminal `y/N`, without one a line saying to pass `--yes`."""

from __future__ import annotations

import pytest

from cli.support import Cli, assert_user_error, describe
from goodword.cli import confirm


@pytest.fixture
def ann(cli: Cli) -> int:
    person = cli.json("person", "add", "Ann Lee", "--note", "met at the gala", "--json")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone")
    cli.ok("log", "Ann Lee", "--kind", "call")
    cli.ok("give", "Ann Lee", "--kind", "help")
    return int(person["id"])


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(confirm, "stdin_is_terminal", lambda: True)


def test_without_a_terminal_a_delete_says_what_goes_and_to_pass_yes(cli: Cli, ann: int) -> None:
    before = cli.rows()

    line = assert_user_error(cli("person", "delete", "Ann Lee"), "Pass --yes to confirm.")

    assert f"Deleting Ann Lee (#{ann}) removes everything about them" in line
    # The tie to Bob you stated, and the one to you the call implied.
    assert "2 ties, 1 interaction, 1 ledger entry, 1 note" in line
    assert cli.rows() == before


@pytest.mark.usefixtures("terminal")
def test_on_a_terminal_y_deletes(cli: Cli, ann: int) -> None:
    result = cli("person", "delete", "Ann Lee", input="y\n")

    assert result.exit_code == 0, describe(result)
    assert "removes everything about them" in result.stderr
    assert "[y/N]" in result.stderr
    assert f"Deleted Ann Lee (#{ann})" in result.stdout
    assert [p["name"] for p in cli.json("person", "list", "--json")] == ["Bob Stone", "Me"]


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("answer", ["n\n", "\n"], ids=["no", "default"])
def test_on_a_terminal_anything_but_y_deletes_nothing(cli: Cli, ann: int, answer: str) -> None:
    cli.ok("event", "add", "Gala", "--on", "2026-11-20")
    cli.ok("met", "Gala", "Ann Lee")
    before = cli.rows()

    result = cli("event", "delete", "Gala", input=answer)

    assert result.exit_code == 1, describe(result)
    assert "Deleted" not in result.stdout  # the test runner echoes the typed answer there
    assert "met 1 person there" in result.stderr
    assert "Nothing deleted." in result.stderr
    assert cli.rows() == before


@pytest.mark.usefixtures("terminal")
def test_what_cannot_be_found_is_an_error_before_any_question(cli: Cli, ann: int) -> None:
    before = cli.rows()

    assert_user_error(cli("event", "delete", "Gala", input="y\n"), "No event matches 'Gala'")
    assert_user_error(cli("person", "delete", "me", input="y\n"), "owner cannot be deleted")

    assert cli.rows() == before
