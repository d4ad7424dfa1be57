"""`advocates`, `prospects`, `path`, `who-knows` and the scores in `person show`, on a small
network whose right answers are plain to see."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import PERSON_FIELDS, Cli, assert_user_error

FOUNDERS = ("Cara Diaz", "Dev Raman", "Eve Stone")
SHOPKEEPERS = ("Fay Hall", "Gus Moore", "Hal Price", "Ivy Reed", "Jon Wolfe", "Kim Yates")
PATH_FIELDS = {"target", "ask", "via", "strength", "hops", "reason"}


@pytest.fixture
def network(cli: Cli) -> Cli:
    """Ann, an accountant, is close to me and to three founders who fit my ICP; Harry is as
    close to me but knows only shopkeepers; Pia fits the ICP but knows nobody."""
    cli.ok("icp", "add", "industry", "is", "software")
    cli.ok("icp", "add", "title", "contains", "founder")
    cli.ok("person", "add", "Ann Lee", "--org", "Ledger & Co", "--title", "Accountant",
           "--industry", "Accounting")  # fmt: skip
    cli.ok("person", "add", "Harry Hub", "--org", "Mall Ltd", "--industry", "Retail")
    cli.ok("person", "add", "Pia Quinn", "--title", "Founder", "--industry", "Software")
    for name in FOUNDERS:
        cli.ok("person", "add", name, "--org", f"{name.split()[0]} Labs", "--title",
               "Co-founder & CEO", "--industry", "Software")  # fmt: skip
        cli.ok("knows", "Ann Lee", name, "--strength", "0.8")
    for name in SHOPKEEPERS:
        cli.ok("person", "add", name, "--title", "Shop owner", "--industry", "Retail")
        cli.ok("knows", "Harry Hub", name, "--strength", "0.8")
    for day in ("2026-09-01", "2026-10-01", "2026-11-01", "2026-11-20"):
        cli.ok("log", "Ann Lee", "--kind", "coffee", "--at", day, "--they-initiated")
        cli.ok("log", "Harry Hub", "--kind", "coffee", "--at", day)
    cli.ok("log", "Pia Quinn", "--kind", "coffee", "--at", "2026-11-25")
    return cli


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["person"]["name"] for row in rows]


def test_the_contact_close_to_my_buyers_outranks_the_hub_and_the_prospect(network: Cli) -> None:
    rows = network.json("advocates", "--json")

    assert names(rows)[0] == "Ann Lee"
    assert names(rows).index("Ann Lee") < names(rows).index("Harry Hub")
    ann = rows[0]
    assert set(ann) >= {"person", "score", "components", "reasons", "roles"}
    assert set(ann["person"]) >= PERSON_FIELDS
    assert ann["components"]["reach"] > rows[names(rows).index("Harry Hub")]["components"]["reach"]
    assert "advocate" in ann["roles"]
    assert "hidden advocate" in ann["roles"]
    assert any("Connector: accountant" in r for r in ann["reasons"])
    assert all(row["reasons"] for row in rows)


def test_advocates_table_shows_scores_and_reasons(network: Cli) -> None:
    out = network.ok("advocates").stdout

    assert "Advocates" in out
    assert "Ann Lee" in out
    # Cells wrap to the terminal's width ("hidden" / "advocate"): check words, not phrases.
    assert "hidden" in out


def test_advocates_by_role_keeps_only_that_role(network: Cli) -> None:
    rows = network.json("advocates", "--role", "prospect", "--json")

    assert names(rows) == ["Pia Quinn"]


def test_an_unknown_role_is_a_user_error(network: Cli) -> None:
    assert_user_error(network("advocates", "--role", "friend"), "Unknown role 'friend'")


def test_as_of_a_date_before_anything_was_recorded_finds_no_advocates(network: Cli) -> None:
    assert network.json("advocates", "--as-of", "2020-01-01", "--json") == []


def test_prospects_list_icp_matches_with_the_warmest_way_in(network: Cli) -> None:
    rows = network.json("prospects", "--json")

    assert set(names(rows)) == {"Pia Quinn", *FOUNDERS}
    cara = next(r for r in rows if r["person"]["name"] == "Cara Diaz")
    assert set(cara) >= {"person", "fit", "matched", "best_path", "reasons"}
    assert cara["fit"] == 1.0
    assert cara["matched"] == ["industry is software", "title contains founder"]
    assert cara["best_path"]["ask"]["name"] == "Ann Lee"
    pia = next(r for r in rows if r["person"]["name"] == "Pia Quinn")
    assert pia["best_path"]["hops"] == 1


def test_prospects_without_an_icp_say_how_to_add_one(cli: Cli) -> None:
    assert_user_error(cli("prospects"), "icp add")


def test_path_to_a_person_names_whom_to_ask_and_why(network: Cli) -> None:
    [path] = network.json("path", "Cara Diaz", "--json")

    assert set(path) >= PATH_FIELDS
    assert (path["ask"]["name"], path["target"]["name"], path["hops"]) == (
        "Ann Lee",
        "Cara Diaz",
        2,
    )
    assert path["via"] == []
    assert 0 < path["strength"] < 1
    assert path["reason"].startswith("You know Ann Lee")
    assert "Ann Lee knows Cara Diaz" in path["reason"]


def test_path_to_the_icp_reaches_every_match_best_first(network: Cli) -> None:
    rows = network.json("path", "--icp", "--top", "10", "--json")

    assert {r["target"]["name"] for r in rows} == {"Pia Quinn", *FOUNDERS}
    strengths = [r["strength"] for r in rows]
    assert strengths == sorted(strengths, reverse=True)


def test_path_to_an_organisation(network: Cli) -> None:
    [path] = network.json("path", "--org", "cara labs", "--json")

    assert path["target"]["name"] == "Cara Diaz"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["path"], "Name one target"),
        (["path", "Cara Diaz", "--icp"], "Name one target"),
        (["path", "Cara Diaz", "--max-hops", "0"], "--max-hops"),
        (["path", "--org", "Globex"], "Globex"),
        (["who-knows", "astronaut"], "astronaut"),
        (["who-knows", "  "], "Name what to look for"),
    ],
)
def test_bad_path_and_who_knows_requests_are_user_errors(
    network: Cli, args: list[str], needle: str
) -> None:
    assert_user_error(network(*args), needle)


def test_who_knows_ranks_the_contact_who_reaches_the_matches(network: Cli) -> None:
    rows = network.json("who-knows", "founder", "--json")

    assert rows[0]["person"]["name"] == "Ann Lee"
    assert {k["target"]["name"] for k in rows[0]["knows"]} == set(FOUNDERS)
    assert "Ann Lee can reach 3 matching people" in rows[0]["reason"]


def test_person_show_gains_scores_in_json_and_table(network: Cli) -> None:
    scores = network.json("person", "show", "Ann Lee", "--json")["scores"]

    assert set(scores) >= {"strength_to_me", "fit", "advocate_score", "roles", "reasons"}
    assert scores["fit"] == 0.0
    assert scores["strength_to_me"] > 0.3
    assert "hidden advocate" in scores["roles"]
    out = network.ok("person", "show", "Ann Lee").stdout
    assert "advocate score" in out
    assert "hidden advocate" in out


def test_person_show_as_of_counts_only_what_was_recorded_by_then(network: Cli) -> None:
    scores = network.json("person", "show", "Ann Lee", "--as-of", "2026-09-15", "--json")["scores"]
    now = network.json("person", "show", "Ann Lee", "--json")["scores"]

    # By mid-September one coffee had happened, and none of the ties typed in since counted.
    assert scores["strength_to_me"] < now["strength_to_me"]
    assert scores["components"]["reach"] == 0.0


def test_a_logged_coffee_makes_a_stranger_a_contact(cli: Cli) -> None:
    cli.ok("person", "add", "Aoife Byrne")
    assert cli.json("person", "show", "Aoife Byrne", "--json")["scores"]["strength_to_me"] is None

    cli.ok("log", "Aoife Byrne", "--kind", "coffee")

    assert cli.json("person", "show", "Aoife Byrne", "--json")["scores"]["strength_to_me"] > 0
    assert names(cli.json("advocates", "--json")) == ["Aoife Byrne"]


def test_strength_to_me_agrees_with_the_ties_person_show_lists(network: Cli) -> None:
    network.ok("event", "add", "Chamber breakfast", "--on", "2026-11-10")
    network.ok("met", "Chamber breakfast", "Pia Quinn", "Ann Lee")
    mine = {
        t["person"]["id"]: t["strength"]
        for t in network.json("person", "show", "me", "--json")["ties"]
    }

    rows = network.json("advocates", "--top", "50", "--json")

    assert {r["person"]["id"] for r in rows} <= set(mine)
    for row in rows:
        assert row["components"]["strength_to_me"] == pytest.approx(
            mine[row["person"]["id"]], abs=1e-6
        )


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", [["advocates"], ["prospects"], ["person", "show", "me"]])
def test_an_as_of_day_off_the_calendar_is_a_user_error(
    cli: Cli, command: list[str], day: str
) -> None:
    assert_user_error(cli(*command, "--as-of", day), "--as-of must be between")
