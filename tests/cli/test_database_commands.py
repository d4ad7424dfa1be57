"""Creating and upgrading the database, workspaces, `summary` and the `demo` network."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from sqlalchemy import text

from cli.support import Cli, assert_user_error, describe
from conftest import needs_pg
from goodword.storage.engine import make_engine
from goodword.storage.schema import head_revision

EMPTY_SUMMARY = {
    "people": 0,
    "organisations": 0,
    "ties": 0,
    "interactions": 0,
    "events": 0,
    "referrals": 0,
    "referrals_won": 0,
    "ledger_entries": 0,
    "open_followups": 0,
}


def test_db_current_json_on_a_new_database_has_no_revision(empty_cli: Cli) -> None:
    assert empty_cli.json("db", "current", "--json") == {
        "current": None,
        "head": head_revision(),
        "up_to_date": False,
    }


def test_db_upgrade_brings_a_new_database_to_head_once(empty_cli: Cli) -> None:
    first = empty_cli.ok("db", "upgrade")
    again = empty_cli.ok("db", "upgrade")

    assert first.stdout.strip() == f"Schema at {head_revision()} (was None)"
    assert again.stdout.strip() == f"Schema at {head_revision()} (no change)"
    assert empty_cli.json("db", "current", "--json") == {
        "current": head_revision(),
        "head": head_revision(),
        "up_to_date": True,
    }


def test_db_current_without_json_names_both_revisions(empty_cli: Cli) -> None:
    empty_cli.ok("db", "upgrade")

    result = empty_cli.ok("db", "current")

    assert result.stdout.strip() == f"current: {head_revision()}  head: {head_revision()}"


def test_init_creates_the_schema_and_the_default_workspace(empty_cli: Cli) -> None:
    result = empty_cli.ok("init")

    assert f"Ready: workspace 'default' at {empty_cli.database.target}" in result.stdout
    assert empty_cli.json("db", "current", "--json")["up_to_date"] is True
    assert empty_cli.json("summary", "--json") == EMPTY_SUMMARY
    assert empty_cli.json("me", "show", "--json")["me"]["name"] == "Me"


def test_init_on_an_existing_database_keeps_its_data(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    cli.ok("init")

    assert cli.json("summary", "--json")["people"] == 1


# A SQLite file is created on first use; only a server database needs `init`.
@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=needs_pg)], indirect=True)
def test_server_database_without_schema_is_refused_until_init(empty_cli: Cli) -> None:
    result = empty_cli("person", "list")

    assert_user_error(result, "no goodword schema", "goodword init")
    assert empty_cli.json("db", "current", "--json")["current"] is None


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_new_sqlite_file_is_created_on_first_use(empty_cli: Cli) -> None:
    assert [p["name"] for p in empty_cli.json("person", "list", "--json")] == ["Me"]
    assert empty_cli.json("db", "current", "--json")["up_to_date"] is True


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=needs_pg)], indirect=True)
def test_postgresql_commands_run_in_the_throwaway_schema(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    engine = make_engine(cli.database.target)
    try:
        with engine.connect() as connection:
            schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
            people = connection.execute(
                text(
                    "SELECT count(*) FROM person JOIN workspace ON workspace.id = workspace_id"
                    " WHERE workspace.name = :workspace AND person.name = 'Ann Lee'"
                ),
                {"workspace": cli.database.workspace},
            ).scalar()
    finally:
        engine.dispose()

    assert str(schema).startswith("gw_")
    assert people == 1


def test_workspaces_in_one_database_never_see_each_others_people(cli: Cli) -> None:
    other = Cli(dataclasses.replace(cli.database, workspace=f"other-{uuid.uuid4().hex}"))
    cli.ok("person", "add", "Ann Lee", "--email", "ann@acme.io")

    other.ok("person", "add", "Bob Stone", "--email", "ann@acme.io")

    assert [p["name"] for p in cli.json("person", "list", "--json")] == ["Ann Lee", "Me"]
    assert [p["name"] for p in other.json("person", "list", "--json")] == ["Bob Stone", "Me"]
    assert_user_error(other("person", "show", "Ann Lee"), "No person matches 'Ann Lee'")


def test_summary_json_counts_what_the_network_holds(cli: Cli) -> None:
    assert cli.json("summary", "--json") == EMPTY_SUMMARY
    cli.ok("person", "add", "Ann Lee", "--org", "Acme")
    cli.ok("person", "add", "Bob Stone")
    cli.ok("knows", "Ann Lee", "Bob Stone")
    cli.ok("log", "Ann Lee", "--kind", "call")
    cli.ok("event", "add", "Gala", "--on", "2026-01-10")
    cli.ok("referral", "add", "--from", "Ann Lee", "--prospect", "Dev Patel")
    cli.ok("give", "Bob Stone", "--kind", "help")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01")

    assert cli.json("summary", "--json") == {
        "people": 3,
        "organisations": 1,
        # Ann–Bob stated; you–Ann (the call, the referral), Ann–Dev and you–Bob inferred.
        "ties": 4,
        "interactions": 1,
        "events": 1,
        "referrals": 1,
        "referrals_won": 0,
        "ledger_entries": 2,
        "open_followups": 1,
    }


def test_summary_without_json_shows_the_counts(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")

    result = cli.ok("summary")

    assert "people" in result.stdout
    assert "1" in result.stdout


def test_version_prints_the_version(cli: Cli) -> None:
    from goodword import __version__

    result = cli.ok("--version")

    assert result.stdout.strip() == f"goodword {__version__}"


# The demo generator fills a whole network, so its tests share one size.
DEMO = ("demo", "--people", "200", "--seed", "1")


def test_demo_fills_an_empty_database_with_a_usable_network(cli: Cli) -> None:
    result = cli(*DEMO)

    assert result.exit_code == 0, describe(result)
    assert "Demo network for" in result.stdout
    summary = cli.json("summary", "--json")
    assert 150 <= summary["people"] <= 250
    assert summary["ties"] > 0
    assert summary["interactions"] > 0
    assert cli.json("me", "show", "--json")["me"]["name"] != "Me"
    # Rows written in bulk must leave ids (and sequences) ready for the next insert.
    added = cli.json("person", "add", "After Demo", "--email", "after.demo@example.com", "--json")
    assert cli.json("person", "show", str(added["id"]), "--json")["name"] == "After Demo"
    cli.ok("referral", "add", "--from", str(added["id"]), "--prospect", "Another New Person")


def test_demo_with_the_same_seed_builds_the_same_network(cli: Cli) -> None:
    other = Cli(dataclasses.replace(cli.database, workspace=f"other-{uuid.uuid4().hex}"))

    cli.ok(*DEMO)
    other.ok(*DEMO)

    assert cli.json("summary", "--json") == other.json("summary", "--json")
    assert [p["name"] for p in cli.json("person", "list", "--limit", "0", "--json")] == [
        p["name"] for p in other.json("person", "list", "--limit", "0", "--json")
    ]


def test_demo_if_empty_on_a_filled_database_changes_nothing(cli: Cli) -> None:
    cli.ok(*DEMO)
    before = cli.rows()

    result = cli("demo", "--if-empty", "--people", "200", "--seed", "2")

    assert result.exit_code == 0, describe(result)
    assert result.stdout == ""
    assert "already" in result.stderr
    assert cli.rows() == before


def test_demo_if_empty_on_an_empty_database_fills_it(cli: Cli) -> None:
    cli.ok("demo", "--if-empty", "--people", "200", "--seed", "1")

    assert cli.json("summary", "--json")["people"] > 0


def test_demo_on_a_database_with_people_is_refused(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    before = cli.rows()

    result = cli(*DEMO)

    assert_user_error(result)
    assert cli.rows() == before


def test_demo_below_ten_people_is_a_usage_error(cli: Cli) -> None:
    result = cli("demo", "--people", "5")

    assert result.exit_code == 2, describe(result)
    assert cli.json("summary", "--json") == EMPTY_SUMMARY
