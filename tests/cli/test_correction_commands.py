"""`ledger|referral|followup edit|delete ID`: any slip put right in one command."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import Result

from cli.support import PERSON_FIELDS, Cli, assert_user_error, describe
from goodword.cli import confirm
from goodword.cli.main import app
from goodword.models import metadata

REFERRAL_FIELDS = {
    "id", "status", "referrer", "prospect", "receiver", "via", "value", "currency",
    "received_on", "note", "history", "ledger_entry_id",
}  # fmt: skip
ENTRY_FIELDS = {
    "id", "on", "kind", "giver", "receiver", "value", "currency", "note", "referral_id",
}  # fmt: skip
FOLLOWUP_FIELDS = {
    "id", "person", "due_on", "reason", "rule", "done_at", "snoozed_until", "status",
}  # fmt: skip


def a_referral(cli: Cli) -> dict[str, Any]:
    cli.ok("person", "add", "Ann Lee")
    referral: dict[str, Any] = cli.json(
        "referral", "add", "--from", "Ann Lee", "--prospect", "Dev Raman", "--value", "500",
        "--on", "2026-02-10", "--json",
    )  # fmt: skip
    return referral


def entries(cli: Cli) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = cli.json("ledger", "--json")["entries"]
    return found


def an_entry(cli: Cli) -> dict[str, Any]:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("give", "Ann Lee", "--kind", "help", "--on", "2026-02-01")
    [entry] = entries(cli)
    return entry


def a_followup(cli: Cli, *args: str) -> dict[str, Any]:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("followup", "add", "Ann Lee", "--on", "2026-12-01", *args)
    [followup] = cli.json("followup", "list", "--json")
    return dict(followup)


# --- ledger ---------------------------------------------------------------------------------


def test_ledger_edit_corrects_an_entry_and_prints_it_as_json(cli: Cli) -> None:
    entry = an_entry(cli)

    edited = cli.json(
        "ledger", "edit", str(entry["id"]), "--kind", "Gift", "--value", "40",
        "--currency", "gbp", "--note", "wine", "--on", "2026-02-03", "--json",
    )  # fmt: skip

    assert edited.keys() == ENTRY_FIELDS
    assert edited["giver"].keys() >= PERSON_FIELDS
    assert (edited["id"], edited["kind"], edited["value"], edited["currency"]) == (
        entry["id"], "gift", "40.00", "GBP",
    )  # fmt: skip
    assert (edited["note"], edited["on"], edited["referral_id"]) == ("wine", "2026-02-03", None)
    assert entries(cli) == [edited]


def test_ledger_edit_without_json_says_what_it_changed(cli: Cli) -> None:
    entry = an_entry(cli)

    result = cli.ok("ledger", "edit", str(entry["id"]), "--note", "moved her desk")

    assert result.stdout.strip() == f"Updated #{entry['id']}: Me gave Ann Lee help"


def test_ledger_still_lists_with_and_without_a_person(cli: Cli) -> None:
    an_entry(cli)

    assert len(cli.json("ledger", "Ann Lee", "--json")["entries"]) == 1
    assert len(cli.json("ledger", "show", "--json")["entries"]) == 1
    assert "Ann Lee" in cli.ok("ledger").stdout


def test_ledger_edit_and_delete_of_an_unknown_id_change_nothing(cli: Cli) -> None:
    an_entry(cli)
    before = cli.rows()

    assert_user_error(cli("ledger", "edit", "999", "--note", "x"), "No ledger entry #999")
    assert_user_error(cli("ledger", "delete", "999", "--yes"), "No ledger entry #999")
    assert cli.rows() == before


def test_ledger_edit_with_a_bad_kind_changes_nothing(cli: Cli) -> None:
    entry = an_entry(cli)
    before = cli.rows()

    assert_user_error(cli("ledger", "edit", str(entry["id"]), "--kind", "bribe"), "ledger kind")
    assert cli.rows() == before


def test_ledger_delete_without_yes_and_without_a_terminal_says_to_add_it(cli: Cli) -> None:
    entry = an_entry(cli)
    before = cli.rows()

    line = assert_user_error(cli("ledger", "delete", str(entry["id"])), "--yes")

    assert f"ledger entry #{entry['id']}" in line
    assert cli.rows() == before


def test_ledger_delete_with_yes_removes_the_entry(cli: Cli) -> None:
    entry = an_entry(cli)

    result = cli.ok("ledger", "delete", str(entry["id"]), "--yes")

    assert result.stdout.strip() == f"Deleted ledger entry #{entry['id']}."
    assert entries(cli) == []


def answering(cli: Cli, answer: str, *args: str) -> Result:
    """Runs a command as if typed at a terminal, answering its question."""
    env = {"GOODWORD_WORKSPACE": cli.database.workspace, "GOODWORD_DB": None}
    return cli.runner.invoke(app, ["--db", cli.database.target, *args], input=answer, env=env)


def test_a_delete_asks_on_a_terminal_and_no_keeps_everything(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = an_entry(cli)
    monkeypatch.setattr(confirm, "stdin_is_terminal", lambda: True)
    before = cli.rows()

    refused = answering(cli, "n\n", "ledger", "delete", str(entry["id"]))

    assert refused.exit_code == 1, describe(refused)
    assert "Delete? [y/N]" in refused.stderr
    assert refused.stderr.strip().endswith("Nothing deleted.")
    assert cli.rows() == before

    agreed = answering(cli, "y\n", "ledger", "delete", str(entry["id"]))

    assert agreed.exit_code == 0, describe(agreed)
    assert entries(cli) == []


def test_a_referrals_own_entry_is_left_to_the_referral(cli: Cli) -> None:
    referral = a_referral(cli)
    eid = str(referral["ledger_entry_id"])
    before = cli.rows()

    assert_user_error(cli("ledger", "edit", eid, "--value", "1"), "referral edit")
    assert_user_error(cli("ledger", "delete", eid, "--yes"), "referral delete")
    assert_user_error(cli("ledger", "delete", eid), "referral delete")
    assert cli.rows() == before


# --- referrals ------------------------------------------------------------------------------


def test_referral_add_and_its_ledger_entry_name_each_other(cli: Cli) -> None:
    referral = a_referral(cli)

    [entry] = entries(cli)

    assert referral.keys() == REFERRAL_FIELDS
    assert (entry["id"], entry["referral_id"]) == (referral["ledger_entry_id"], referral["id"])
    # A cell may wrap between "(referral" and "#N)" when ids are long: check the word.
    assert "(referral" in cli.ok("ledger").stdout


def test_referral_edit_corrects_the_referral_and_its_ledger_entry(cli: Cli) -> None:
    referral = a_referral(cli)
    cli.ok("person", "add", "Bob Stone")

    edited = cli.json(
        "referral", "edit", str(referral["id"]), "--from", "Bob Stone", "--prospect", "Dev Ramen",
        "--value", "700", "--currency", "eur", "--note", "needs a CFO", "--on", "2026-02-11",
        "--json",
    )  # fmt: skip

    assert edited.keys() == REFERRAL_FIELDS
    assert (edited["referrer"]["name"], edited["prospect"]["name"]) == ("Bob Stone", "Dev Ramen")
    assert (edited["value"], edited["currency"], edited["note"]) == ("700.00", "EUR", "needs a CFO")
    assert edited["received_on"] == "2026-02-11"
    [entry] = entries(cli)
    assert (entry["giver"]["name"], entry["value"], entry["currency"], entry["on"]) == (
        "Bob Stone", "700.00", "EUR", "2026-02-11",
    )  # fmt: skip
    assert entry["note"] == "Referred Dev Ramen"


def test_referral_edit_without_json_names_referrer_and_prospect(cli: Cli) -> None:
    referral = a_referral(cli)

    result = cli.ok("referral", "edit", str(referral["id"]), "--value", "650")

    assert result.stdout.strip() == f"Updated referral #{referral['id']}: Ann Lee → Dev Raman"
    assert [e["value"] for e in entries(cli)] == ["650.00"]


def test_referral_edit_refusals_change_nothing(cli: Cli) -> None:
    referral = a_referral(cli)
    cli.ok("person", "add", "Ann Lim")
    rid = str(referral["id"])
    before = cli.rows()

    assert_user_error(cli("referral", "edit", "999", "--value", "1"), "No referral #999")
    assert_user_error(cli("referral", "edit", rid, "--from", "Zed Nobody"), "Zed Nobody")
    assert_user_error(cli("referral", "edit", rid, "--from", "Ann L"), "Ann Lee", "Ann Lim")
    assert_user_error(cli("referral", "edit", rid, "--prospect", "me"), "different people")
    assert_user_error(cli("referral", "edit", rid, "--value", "lots"), "lots")
    assert cli.rows() == before


def test_referral_delete_needs_yes_and_says_what_goes_with_it(cli: Cli) -> None:
    referral = a_referral(cli)
    before = cli.rows()

    line = assert_user_error(cli("referral", "delete", str(referral["id"])), "--yes")

    assert f"ledger entry #{referral['ledger_entry_id']}" in line
    assert cli.rows() == before


def test_referral_delete_removes_the_referral_and_its_entry_but_not_the_people(cli: Cli) -> None:
    referral = a_referral(cli)
    people = cli.json("person", "list", "--json")

    result = cli.ok("referral", "delete", str(referral["id"]), "--yes")

    assert result.stdout.strip() == (
        f"Deleted referral #{referral['id']} and its ledger entry #{referral['ledger_entry_id']}."
    )
    assert cli.json("referral", "list", "--json") == []
    assert entries(cli) == []
    assert cli.json("person", "list", "--json") == people
    rows = cli.rows()
    for table in ("referral_step", "referral_via"):
        column = list(metadata.tables[table].c.keys()).index("referral_id")
        assert [row for row in rows[table] if row[column] == referral["id"]] == [], table


def test_referral_delete_of_an_unknown_id_changes_nothing(cli: Cli) -> None:
    a_referral(cli)
    before = cli.rows()

    assert_user_error(cli("referral", "delete", "999", "--yes"), "No referral #999")
    assert cli.rows() == before


def test_got_a_referral_the_day_one_was_recorded_warns_of_a_duplicate(cli: Cli) -> None:
    referral = a_referral(cli)

    twin = cli.ok("got", "Ann Lee", "--kind", "referral", "--on", "2026-02-10")
    other_day = cli.ok("got", "Ann Lee", "--kind", "referral", "--on", "2026-02-12")

    [line] = twin.stderr.splitlines()
    assert f"Referral #{referral['id']}" in line
    assert "probably counts it twice" in line
    assert "goodword ledger delete" in line
    assert other_day.stderr == ""
    assert len(entries(cli)) == 3  # recorded all the same: a warning, not a refusal


# --- follow-ups -----------------------------------------------------------------------------


def test_followup_edit_corrects_date_reason_and_cadence(cli: Cli) -> None:
    followup = a_followup(cli, "--reason", "thank her")
    fid = str(followup["id"])
    cli.ok("followup", "snooze", fid, "--until", "2099-01-01")

    edited = cli.json(
        "followup", "edit", fid, "--on", "2026-12-05", "--reason", "call her",
        "--every", "monthly", "--json",
    )  # fmt: skip

    assert edited.keys() == FOLLOWUP_FIELDS
    assert edited["person"].keys() >= PERSON_FIELDS
    assert (edited["due_on"], edited["reason"], edited["rule"]) == (
        "2026-12-05", "call her", "every month",
    )  # fmt: skip
    assert edited["snoozed_until"] is None
    once = cli.ok("followup", "edit", fid, "--once")
    assert once.stdout.strip() == f"Follow-up #{fid} with Ann Lee due 2026-12-05"


def test_followup_edit_refusals_change_nothing(cli: Cli) -> None:
    followup = a_followup(cli)
    fid = str(followup["id"])
    before = cli.rows()

    assert_user_error(cli("followup", "edit", "999", "--reason", "x"), "No follow-up #999")
    assert_user_error(cli("followup", "edit", fid, "--on", "soon"), "soon")
    assert_user_error(cli("followup", "edit", fid, "--every", "now and then"), "now and then")
    assert_user_error(cli("followup", "edit", fid, "--every", "monthly", "--once"), "--once")
    assert cli.rows() == before


def test_followup_delete_needs_yes_then_removes_only_the_followup(cli: Cli) -> None:
    followup = a_followup(cli, "--every", "quarterly")
    fid = str(followup["id"])
    before = cli.rows()

    line = assert_user_error(cli("followup", "delete", fid), "--yes")
    assert "no next one is scheduled" in line
    assert cli.rows() == before
    assert_user_error(cli("followup", "delete", "999", "--yes"), "No follow-up #999")

    result = cli.ok("followup", "delete", fid, "--yes")

    assert result.stdout.strip() == f"Deleted follow-up #{fid}."
    assert cli.json("followup", "list", "--all", "--json") == []
    assert "Ann Lee" in [p["name"] for p in cli.json("person", "list", "--json")]


def test_a_person_shows_a_referral_once_in_their_timeline(cli: Cli) -> None:
    referral = a_referral(cli)
    cli.ok("got", "Ann Lee", "--kind", "help", "--on", "2026-02-10")

    timeline = cli.json("person", "show", "Ann Lee", "--json")["timeline"]

    assert sorted((i["domain"], i["summary"]) for i in timeline) == [
        ("ledger", "Ann Lee gave Me help"),
        ("referral", f"Referral #{referral['id']}: Ann Lee → Dev Raman (received), 500.00 USD"),
    ]
