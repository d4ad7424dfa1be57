"""The JSON API: every route answers with its read model, and every error in one shape."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from goodword.clock import utcnow
from goodword.nurture.queries import person_card as nurture_card
from goodword.people.queries import resolve_person
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network, token


def test_people_search_pages_through_matches(client: TestClient, network: Network) -> None:
    first = client.get("/api/v1/people", params={"limit": 2}).json()
    second = client.get("/api/v1/people", params={"limit": 2, "offset": 2}).json()

    assert first["total"] == second["total"] >= 4
    first_ids = {p["id"] for p in first["items"]}
    assert len(first_ids) == 2
    assert first_ids.isdisjoint(p["id"] for p in second["items"])


def test_people_search_finds_by_org(client: TestClient, network: Network) -> None:
    found = client.get("/api/v1/people", params={"q": "acme"}).json()

    assert [p["id"] for p in found["items"]] == [network.ann]


def test_person_card_explains_scores_and_ties(client: TestClient, network: Network) -> None:
    card = client.get(f"/api/v1/people/{network.ann}").json()

    assert card["name"] == "Ann Lee"
    assert card["scores"]["strength_to_me"] > 0
    assert {"advocate_score", "fit", "components", "roles", "reasons"} <= card["scores"].keys()
    assert {t["person"]["id"] for t in card["ties"]} >= {network.bob}
    assert all(t["evidence"] for t in card["ties"])


def test_person_card_carries_the_tier_and_next_step_as_person_show_does(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    card = client.get(f"/api/v1/people/{network.ann}").json()

    with workspace.read() as session:
        ann = resolve_person(session, str(network.ann))
        shown = nurture_card(session, person=ann, now=utcnow())
    assert card["tier"] == shown.tier.model_dump()
    assert card["ladder"] == shown.ladder.model_dump()
    assert card["ladder"]["next_step"]


def test_editing_a_person_changes_their_fields(client: TestClient, network: Network) -> None:
    headers = {"X-CSRF-Token": token(client)}

    edited = client.patch(
        f"/api/v1/people/{network.ann}", json={"title": "COO", "city": "Leeds"}, headers=headers
    )

    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "COO"
    assert client.get(f"/api/v1/people/{network.ann}").json()["city"] == "Leeds"


def test_logging_an_interaction_adds_it_to_the_timeline(
    client: TestClient, network: Network
) -> None:
    headers = {"X-CSRF-Token": token(client)}

    logged = client.post(
        f"/api/v1/people/{network.bob}/interactions",
        json={"kind": "call", "note": "quarter-end"},
        headers=headers,
    )

    assert logged.status_code == 201, logged.text
    timeline = client.get(f"/api/v1/people/{network.bob}").json()["timeline"]
    assert any(item["id"] == logged.json()["id"] for item in timeline)


def test_capture_adds_a_person_met_at_a_new_event(client: TestClient, network: Network) -> None:
    headers = {"X-CSRF-Token": token(client)}

    done = client.post(
        "/api/v1/capture",
        json={"name": "Cara Diaz", "new_event": "Chamber breakfast", "note": "needs payroll"},
        headers=headers,
    )

    assert done.status_code == 201, done.text
    assert done.json()["event_name"] == "Chamber breakfast"
    events = client.get("/api/v1/events").json()
    assert [e["met"] for e in events if e["id"] == done.json()["event_id"]] == [1]


def test_advocates_come_with_components_and_reasons(client: TestClient, network: Network) -> None:
    rows = client.get("/api/v1/advocates").json()

    assert rows
    assert all(row["components"] and row["reasons"] for row in rows)


def test_paths_to_an_org_name_whom_to_ask_with_a_draft(
    client: TestClient, network: Network
) -> None:
    paths = client.get("/api/v1/paths", params={"org": "Globex"}).json()

    assert paths[0]["target"]["id"] == network.bob
    assert paths[0]["ask"]["id"] in {network.ann, network.script}
    assert "Bob Stone" in paths[0]["draft"]


@pytest.mark.parametrize("query", [{}, {"icp": "true", "org": "Acme"}])
def test_paths_need_exactly_one_target(client: TestClient, query: dict[str, str]) -> None:
    answer = client.get("/api/v1/paths", params=query)

    assert answer.status_code == 422
    assert answer.json()["error"]["type"] == "invalid_input"


def test_paths_to_icp_and_to_a_person(client: TestClient, network: Network) -> None:
    to_icp = client.get("/api/v1/paths", params={"icp": "true"})
    to_bob = client.get("/api/v1/paths", params={"person_id": network.bob})

    assert to_icp.status_code == to_bob.status_code == 200
    assert network.bob in {p["target"]["id"] for p in to_icp.json()}
    assert {p["target"]["id"] for p in to_bob.json()} == {network.bob}


def test_followups_list_and_done(client: TestClient, network: Network) -> None:
    [open_one] = client.get("/api/v1/followups").json()

    after = client.post(
        f"/api/v1/followups/{open_one['id']}/done", headers={"X-CSRF-Token": token(client)}
    )

    assert open_one["reason"] == SCRIPT
    assert after.status_code == 200
    assert after.json() == []


def test_agenda_lists_todays_actions_with_reasons(client: TestClient, network: Network) -> None:
    agenda = client.get("/api/v1/agenda").json()

    assert network.script in {item["person"]["id"] for item in agenda["items"]}
    assert all(item["action"] and item["reason"] for item in agenda["items"])


def test_snoozing_an_entry_without_a_followup_plans_one_for_that_day(
    client: TestClient, network: Network
) -> None:
    week = date.fromisoformat(client.get("/api/v1/agenda").json()["date"]) + timedelta(7)

    [held] = client.post(
        f"/api/v1/agenda/{network.ann}/snooze",
        json={"until": week.isoformat(), "reason": "Brief them " + "x" * 300},
        headers={"X-CSRF-Token": token(client)},
    ).json()

    assert (held["person"]["id"], held["due_on"], held["reason"]) == (
        network.ann,
        week.isoformat(),
        "Brief them " + "x" * 300,
    )
    assert network.ann not in _agenda_people(client.get("/api/v1/agenda").json())
    back = client.get("/api/v1/agenda", params={"date": week.isoformat()}).json()
    assert network.ann in _agenda_people(back)


def test_snoozing_an_entry_snoozes_its_followups(client: TestClient, network: Network) -> None:
    [followup] = client.get("/api/v1/followups").json()
    today = date.fromisoformat(client.get("/api/v1/agenda").json()["date"])
    later = (today + timedelta(30)).isoformat()

    held = client.post(
        f"/api/v1/agenda/{network.script}/snooze",
        json={"until": later, "followup_id": [followup["id"]]},
        headers={"X-CSRF-Token": token(client)},
    ).json()

    assert [(f["id"], f["snoozed_until"]) for f in held] == [(followup["id"], later)]


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"until": "2000-01-01"}, 422, "not in the future"),
        ({"until": "2999-01-01", "followup_id": ["script's"]}, 422, "not with Ann Lee"),
        ({"until": "2999-01-01", "followup_id": [2**31 - 1]}, 404, "follow-up"),
    ],
)
def test_snoozing_refuses_a_past_day_or_someone_elses_followup(
    client: TestClient, network: Network, body: dict[str, object], status: int, says: str
) -> None:
    before = client.get("/api/v1/followups").json()
    theirs = before[0]["id"]

    answer = client.post(
        f"/api/v1/agenda/{network.ann}/snooze",
        json={k: [theirs] if v == ["script's"] else v for k, v in body.items()},
        headers={"X-CSRF-Token": token(client)},
    )

    assert answer.status_code == status
    assert says in answer.json()["error"]["message"]
    assert client.get("/api/v1/followups").json() == before


def _agenda_people(agenda: dict[str, list[dict[str, dict[str, int]]]]) -> set[int]:
    return {item["person"]["id"] for item in agenda["items"]}


def test_referrals_list_their_people(client: TestClient, network: Network) -> None:
    [referral] = client.get("/api/v1/referrals").json()

    assert referral["prospect"]["id"] == network.bob
    assert referral["referrer"]["id"] == network.script


def test_session_hands_programs_a_token_that_works(client: TestClient, network: Network) -> None:
    csrf = client.get("/api/v1/session").json()["csrf_token"]

    edited = client.patch(
        f"/api/v1/people/{network.bob}", json={"city": "York"}, headers={"X-CSRF-Token": csrf}
    )

    assert edited.status_code == 200


def test_openapi_documents_every_api_route_with_a_summary_and_model(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert all(path.startswith("/api/v1/") for path in spec["paths"])
    assert len(operations) >= 10
    for op in operations:
        assert op.get("summary"), op
        ok = next(v for k, v in op["responses"].items() if k.startswith("2"))
        assert ok.get("content", {}).get("application/json", {}).get("schema"), op
    assert client.get("/docs").status_code == 200
