"""Bad input: exit 1, one line on stderr naming the problem, nothing on stdout, nothing changed.

Usage errors exit 2; `--debug` lets the exception (and its traceback) through instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from cli.support import Cli, Database, assert_user_error, describe
from goodword.cli.main import app
from goodword.config import DEFAULT_WORKSPACE
from goodword.errors import NotFound
from goodword.events.service import add_event
from goodword.followups.service import schedule_followup
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import add_criterion
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.referrals.service import add_referral
from goodword.relationships.service import connect_people
from goodword.workspace import open_workspace


@dataclass(frozen=True)
class Network:
    """A small network every bad-input case runs against, so each case has something to break."""

    ann: int
    bob: int
    event: int
    referral: int
    followup: int


@pytest.fixture
def network(cli: Cli) -> Network:
    """Written through the services in one transaction: far quicker than a dozen commands."""
    database = cli.database
    workspace = open_workspace(database.target, name=database.workspace or DEFAULT_WORKSPACE)
    try:
        with workspace.transaction() as session:
            ann = add(session, "Ann Lee", emails=["ann@acme.io"])
            bob = add(session, "Bob Stone", emails=["bob@stone.example"])
            add(session, "Annie Park")
            dev = add(session, "Dev Patel")
            event = add_event(session, name="Chamber breakfast", starts_on=date(2026, 3, 5))
            add_event(session, name="Chamber lunch", starts_on=date(2026, 4, 5))
            connect_people(session, a=ann, b=bob)
            referral = add_referral(
                session,
                referrer=ann,
                prospect=dev,
                receiver=get_owner(session),
                currency="USD",
                at=datetime(2026, 3, 6, 12, tzinfo=UTC),
            )
            followup = schedule_followup(session, person=bob, due_on=date(2026, 12, 1))
            add_criterion(session, field=IcpField.INDUSTRY, operator=IcpOperator.IS, value="Fin")
            return Network(ann.id, bob.id, event.id, referral.id, followup.id)
    finally:
        workspace.close()


def add(session: Session, name: str, emails: Sequence[str] = ()) -> Person:
    return create_person(session, fields=PersonFields(name=name, emails=emails))


def fails_cleanly(cli: Cli, args: list[str], *needles: str) -> str:
    """Runs a command that must be refused as a user error and leave every row as it was."""
    before = cli.rows()
    result = cli(*args)
    line = assert_user_error(result, *needles)
    assert cli.rows() == before, f"{args} changed the database"
    return line


# Each case: the arguments, then words the one line on stderr must contain.
BAD_INPUT = [
    pytest.param(["person", "show", "Nobody"], ["No person matches 'Nobody'"], id="unknown person"),
    pytest.param(
        ["person", "show", "#999999"], ["No person matches '#999999'"], id="unknown person id"
    ),
    pytest.param(
        ["log", "zed@nowhere.example", "--kind", "call"], ["No person matches"], id="unknown e-mail"
    ),
    pytest.param(
        ["knows", "Ann Lee", "Nobody"], ["No person matches 'Nobody'"], id="unknown person in knows"
    ),
    pytest.param(
        ["person", "edit", "Nobody", "--city", "X"], ["Nobody"], id="unknown person to edit"
    ),
    pytest.param(
        ["person", "delete", "Nobody", "--yes"], ["Nobody"], id="unknown person to delete"
    ),
    pytest.param(["ledger", "Nobody", "--json"], ["Nobody"], id="unknown person in ledger"),
    pytest.param(
        ["followup", "add", "Nobody", "--on", "2026-12-01"],
        ["Nobody"],
        id="unknown person to follow up",
    ),
    pytest.param(
        ["event", "add", "Gala", "--on", "2026-13-01"], ["'2026-13-01'"], id="bad event date"
    ),
    pytest.param(
        ["followup", "add", "Ann Lee", "--on", "2026-02-30"],
        ["2026-02-30"],
        id="bad follow-up date",
    ),
    pytest.param(
        ["log", "Ann Lee", "--kind", "call", "--at", "yesterday"],
        ["yesterday"],
        id="bad interaction date",
    ),
    pytest.param(
        ["give", "Ann Lee", "--kind", "help", "--on", "1/2/2026"], ["1/2/2026"], id="bad give date"
    ),
    pytest.param(
        ["referral", "add", "--from", "Ann Lee", "--prospect", "Bob Stone", "--on", "2026-00-10"],
        ["2026-00-10"],
        id="bad referral date",
    ),
    pytest.param(
        ["person", "add", "Cara Diaz", "--birthday", "--02-30"], ["--02-30"], id="bad birthday"
    ),
    pytest.param(
        ["knows", "Ann Lee", "Bob Stone", "--strength", "1.5"],
        ["1.5", "0 to 1"],
        id="strength above 1",
    ),
    pytest.param(
        ["knows", "Ann Lee", "Bob Stone", "--strength", "-0.1"], ["-0.1"], id="strength below 0"
    ),
    pytest.param(
        ["person", "add", "Zed", "--email", "ANN@acme.io"],
        ["ann@acme.io already belongs to Ann Lee"],
        id="duplicate e-mail on add",
    ),
    pytest.param(
        ["person", "edit", "Bob Stone", "--email", "ann@acme.io"],
        ["ann@acme.io already belongs to Ann Lee"],
        id="duplicate e-mail on edit",
    ),
    pytest.param(
        ["person", "add", "Zed", "--email", "not-an-address"],
        ["not-an-address"],
        id="malformed e-mail",
    ),
    pytest.param(["person", "add", "Zed", "--phone", "call me"], ["call me"], id="malformed phone"),
    pytest.param(
        ["log", "Ann Lee", "--kind", "dance"],
        ["interaction kind 'dance'", "coffee"],
        id="unknown interaction kind",
    ),
    pytest.param(
        ["give", "Ann Lee", "--kind", "bribe"],
        ["ledger kind 'bribe'", "referral"],
        id="unknown give kind",
    ),
    pytest.param(["got", "Ann Lee", "--kind", "bribe"], ["bribe"], id="unknown got kind"),
    pytest.param(
        ["knows", "Ann Lee", "Bob Stone", "--kind", "enemy"],
        ["tie kind 'enemy'", "mentor"],
        id="unknown tie kind",
    ),
    pytest.param(
        ["referral", "move", "999999", "won"], ["No referral #999999"], id="unknown referral id"
    ),
    pytest.param(
        ["referral", "move", "{referral}", "signed"],
        ["referral status 'signed'"],
        id="unknown referral status",
    ),
    pytest.param(
        ["referral", "move", "{referral}", "received"],
        ["already received"],
        id="referral moved to the status it has",
    ),
    pytest.param(
        ["referral", "move", "{referral}", "won", "--value", "-5"], ["-5"], id="negative value"
    ),
    pytest.param(
        ["give", "Ann Lee", "--kind", "help", "--value", "lots"],
        ["lots"],
        id="value that is not a number",
    ),
    pytest.param(
        ["event", "add", "Gala", "--on", "2026-01-01", "--cost", "5", "--currency", "dollars"],
        ["dollars"],
        id="bad currency",
    ),
    pytest.param(
        ["icp", "add", "colour", "is", "blue"],
        ["ICP field 'colour'", "industry"],
        id="icp unknown field",
    ),
    pytest.param(
        ["icp", "add", "industry", "equals", "Fintech"],
        ["ICP operator 'equals'"],
        id="icp unknown operator",
    ),
    pytest.param(
        ["icp", "add", "industry", "is", "Fintech", "--weight", "0"],
        ["Weight"],
        id="icp weight not positive",
    ),
    pytest.param(["icp", "remove", "999999"], ["No ICP criterion #999999"], id="icp unknown id"),
    pytest.param(["followup", "done", "999999"], ["No follow-up #999999"], id="unknown follow-up"),
    pytest.param(
        ["followup", "snooze", "999999", "--until", "2099-01-01"],
        ["No follow-up #999999"],
        id="snooze unknown follow-up",
    ),
    pytest.param(
        ["followup", "snooze", "{followup}", "--until", "2020-01-01"],
        ["2020-01-01", "not in the future"],
        id="snooze into the past",
    ),
    pytest.param(
        ["followup", "snooze", "{followup}", "--until", "soon"], ["soon"], id="bad snooze date"
    ),
    pytest.param(
        ["followup", "add", "Ann Lee", "--on", "2026-12-01", "--every", "sometimes"],
        ["sometimes"],
        id="bad recurrence rule",
    ),
    pytest.param(
        ["followup", "add", "me", "--on", "2026-12-01"], ["yourself"], id="follow-up with yourself"
    ),
    pytest.param(["knows", "Ann Lee", "ann@acme.io"], ["themselves"], id="tie with oneself"),
    pytest.param(["give", "me", "--kind", "help"], ["themselves"], id="giving to yourself"),
    pytest.param(
        ["person", "delete", "me", "--yes"], ["owner cannot be deleted"], id="deleting yourself"
    ),
    pytest.param(["person", "delete", "Ann Lee"], ["Ann Lee", "--yes"], id="delete without --yes"),
    pytest.param(
        ["met", "Gala dinner", "Ann Lee"], ["No event matches 'Gala dinner'"], id="unknown event"
    ),
    pytest.param(["met", "999999", "Ann Lee"], ["No event #999999"], id="unknown event id"),
    pytest.param(
        ["person", "add", "Cara Diaz", "--met-at", "Gala"], ["Gala"], id="unknown event to meet at"
    ),
    pytest.param(["person", "add", "   "], ["needs a name"], id="blank name"),
    pytest.param(
        ["person", "add", "Cara Diaz", "--im", "skype:"], ["no handle"], id="empty IM handle"
    ),
    pytest.param(
        ["person", "add", "Cara Diaz", "--im", "skype:" + "c" * 400],
        ["im handle", "too long"],
        id="IM handle too long for its column",
    ),
    pytest.param(
        ["icp", "add", "industry", "is", "x" * 600], ["criterion value", "too long"], id="long ICP"
    ),
    pytest.param(
        ["log", "me", "--kind", "call"],
        ["at least two people"],
        id="interaction with only yourself",
    ),
    pytest.param(
        ["event", "add", "Big", "--on", "2026-01-01", "--cost", "1e400"],
        ["1e400"],
        id="cost beyond any decimal",
    ),
    pytest.param(
        ["event", "add", "Big", "--on", "2026-01-01", "--cost", "12345678901234567"],
        ["12345678901234567"],
        id="cost too large to store",
    ),
    pytest.param(["person", "add", "x" * 201], [], id="name longer than it can be stored"),
    pytest.param(["person", "add", "Zed", "--tag", "t" * 101], [], id="tag too long to store"),
    pytest.param(
        ["icp", "add", "industry", "is", "Fintech", "--weight", "inf"],
        ["inf"],
        id="icp weight infinite",
    ),
]


@pytest.mark.parametrize(("args", "needles"), BAD_INPUT)
def test_bad_input_is_a_one_line_error_that_changes_nothing(
    cli: Cli, network: Network, args: list[str], needles: list[str]
) -> None:
    ids: dict[str, Any] = {"referral": network.referral, "followup": network.followup}

    fails_cleanly(cli, [a.format(**ids) for a in args], *needles)


def test_ambiguous_name_lists_every_candidate_with_its_id(cli: Cli, network: Network) -> None:
    annie = cli.json("person", "show", "Annie Park", "--json")

    line = fails_cleanly(cli, ["person", "show", "Ann"], "'Ann' matches 2 people")

    assert f"Ann Lee (#{network.ann})" in line
    assert f"Annie Park (#{annie['id']})" in line


def test_same_name_twice_is_ambiguous_until_an_id_or_email_chooses(cli: Cli) -> None:
    first = cli.json("person", "add", "Sam Reed", "--email", "sam@one.example", "--json")
    second = cli.json("person", "add", "Sam Reed", "--json")

    line = fails_cleanly(cli, ["give", "Sam Reed", "--kind", "help"], "'Sam Reed' matches 2")

    assert f"Sam Reed (#{first['id']})" in line
    assert f"Sam Reed (#{second['id']})" in line
    cli.ok("give", "sam@one.example", "--kind", "help")
    cli.ok("give", str(second["id"]), "--kind", "help")


def test_ambiguous_event_lists_the_events(cli: Cli, network: Network) -> None:
    line = fails_cleanly(cli, ["met", "Chamber", "Bob Stone"], "'Chamber' matches 2 events")

    assert f"Chamber breakfast on 2026-03-05 (#{network.event})" in line


def test_a_near_miss_suggests_the_person_meant(cli: Cli, network: Network) -> None:
    line = fails_cleanly(cli, ["person", "show", "Bob Stoner Jr"], "No person matches")

    assert f"Bob Stone (#{network.bob})" in line


def test_completing_a_followup_twice_is_refused(cli: Cli, network: Network) -> None:
    cli.ok("followup", "done", str(network.followup))

    fails_cleanly(cli, ["followup", "done", str(network.followup)], "already done")


# Commands that write several things and fail part of the way leave nothing behind.
HALF_WAY: dict[str, list[str]] = {
    "referral via an unknown introducer": [
        "referral", "add", "--from", "Ann Lee", "--prospect", "New Person", "--via", "Nobody",
    ],
    "referral with a bad currency, after its prospect was added": [
        "referral", "add", "--from", "Ann Lee", "--prospect", "New Person", "--currency", "12",
    ],
    "referral to its own referrer, after its prospect was added": [
        "referral", "add", "--from", "Ann Lee", "--prospect", "New Person", "--to", "Ann Lee",
    ],
    "person met at an unknown event": [
        "person", "add", "New Person", "--email", "new@person.example", "--met-at", "Nowhere",
    ],
    "person introduced by nobody": [
        "person", "add", "New Person", "--tag", "fresh", "--introduced-by", "Nobody",
    ],
    "person with an empty note": ["person", "add", "New Person", "--org", "NewCo", "--note", " "],
    "met with an unknown id after a new name": ["met", "Chamber breakfast", "New Person", "999999"],
    "edit whose second e-mail is taken": [
        "person", "edit", "Bob Stone", "--name", "Robert Stone",
        "--email", "robert@stone.example", "--email", "ann@acme.io",
    ],
    "merge with an unknown duplicate": ["person", "merge", "Ann Lee", "Nobody"],
    "me set with a taken e-mail": [
        "me", "set", "--name", "Dana Park", "--one-liner", "Books", "--email", "ann@acme.io",
    ],
}  # fmt: skip


@pytest.mark.parametrize("args", HALF_WAY.values(), ids=HALF_WAY.keys())
def test_a_command_failing_half_way_leaves_nothing_behind(
    cli: Cli, network: Network, args: list[str]
) -> None:
    fails_cleanly(cli, args)

    found = cli.json("person", "list", "--query", "New Person", "--json")
    assert [p["name"] for p in found] == []


USAGE: dict[str, list[str]] = {
    "unknown command": ["frobnicate"],
    "unknown subcommand": ["person", "frobnicate"],
    "unknown option": ["person", "list", "--colour"],
    "missing required option": ["event", "add", "Gala"],
    "missing kind": ["log", "Ann Lee"],
    "missing argument": ["knows", "Ann Lee"],
    "missing snooze date": ["followup", "snooze", "1"],
    "id that is not a number": ["referral", "move", "first", "won"],
    "strength that is not a number": ["knows", "Ann Lee", "Bob Stone", "--strength", "high"],
    "negative limit": ["person", "list", "--limit", "-1"],
}


@pytest.mark.parametrize("args", USAGE.values(), ids=USAGE.keys())
def test_usage_error_exits_2_and_changes_nothing(
    cli: Cli, network: Network, args: list[str]
) -> None:
    before = cli.rows()

    result = cli(*args)

    assert result.exit_code == 2, describe(result)
    assert result.stdout == "", describe(result)
    assert result.stderr.strip(), describe(result)
    assert "Traceback" not in result.output
    assert cli.rows() == before


def test_no_command_shows_help(cli: Cli) -> None:
    result = cli.runner.invoke(app, [])

    assert result.exit_code in (0, 2), describe(result)
    assert "person" in result.output


def test_debug_lets_the_error_through_instead_of_exit_1(cli: Cli, network: Network) -> None:
    with pytest.raises(NotFound, match="No person matches 'Nobody'"):
        cli("--debug", "person", "show", "Nobody", catch_exceptions=False)


def test_debug_prints_the_traceback_from_the_real_command(cli: Cli, network: Network) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GOODWORD_DB", "GOODWORD_DATABASE_URL", "GOODWORD_WORKSPACE")
    }
    if cli.database.workspace:
        env["GOODWORD_WORKSPACE"] = cli.database.workspace
    command = [sys.executable, "-m", "goodword", "--db", cli.database.target]

    plain = subprocess.run(
        [*command, "person", "show", "Nobody"], capture_output=True, text=True, env=env
    )
    debug = subprocess.run(
        [*command, "--debug", "person", "show", "Nobody"], capture_output=True, text=True, env=env
    )

    assert (plain.returncode, plain.stdout) == (1, "")
    assert plain.stderr.startswith("Error: No person matches 'Nobody'.")
    assert "Traceback" not in plain.stderr
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "goodword.errors.NotFound: No person matches 'Nobody'" in debug.stderr


# Databases that cannot be used: still one line naming the problem, never a traceback.
UNUSABLE = {
    "server that does not answer": "postgresql+psycopg://postgres@127.0.0.1:1/test",
    "folder that cannot be created": "/proc/goodword-cannot-create/goodword.db",
    "driver that is not installed": "mysql://someone@127.0.0.1/goodword",
    "dialect nobody knows": "bogus://x",
    "malformed host": "postgresql://u@[::1",
}


@pytest.mark.parametrize("target", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_an_unusable_database_is_a_one_line_error(target: str) -> None:
    result = Cli(Database("any", target, None))("person", "list", "--json")

    assert_user_error(result)


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, eggs\n")

    result = Cli(Database("sqlite", str(path), None))("person", "list", "--json")

    assert_user_error(result, str(path.name))
    assert path.read_text() == "shopping list: milk, eggs\n"
