"""A server keeps each workspace's network in memory between requests: every page must still
show what the database holds, after a write through the web or by anyone else, and one
workspace's network must never answer for another's.

These workspaces commit for real (a rolled-back test transaction never keeps a network), in a
file of their own on SQLite and a schema of their own on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.clock import utcnow
from goodword.followups.service import schedule_followup
from goodword.interactions.models import InteractionKind
from goodword.people.service import PersonFields, get_owner
from goodword.profiles.service import add_contact, log_my_interaction, receive_referral
from goodword.relationships.service import connect_people
from goodword.storage.schema import upgrade
from goodword.web.app import create_app
from goodword.workspace import Workspace, open_workspace


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of this test alone, whose writes commit."""
    if request.param == "sqlite":
        engine = open_workspace(str(tmp_path / "g.db")).engine
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine)
        yield engine


def _workspace(engine: Engine, name: str, contact: str) -> tuple[Workspace, dict[str, int]]:
    """The owner knows `contact` well and owes them a follow-up; `contact` knows Bob, whom the
    owner has never met."""
    workspace = open_workspace(bind=engine, name=name)
    with workspace.transaction() as session:
        me = get_owner(session)
        known = add_contact(session, fields=PersonFields(name=contact))
        bob = add_contact(session, fields=PersonFields(name="Bob Stone"))
        connect_people(session, a=me, b=known, strength=0.9)
        connect_people(session, a=known, b=bob, strength=0.8)
        schedule_followup(session, person=known, due_on=date(2026, 1, 1), reason="the proposal")
        return workspace, {contact: known.id, "Bob Stone": bob.id}


def _client(workspace: Workspace) -> TestClient:
    return TestClient(create_app(workspace, allowed_hosts=["testserver"]))


def _csrf(client: TestClient) -> dict[str, str]:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/capture").text)
    assert found
    return {"X-CSRF-Token": found.group(1)}


def _advocates(client: TestClient) -> list[str]:
    return [row["person"]["name"] for row in client.get("/api/v1/advocates").json()]


def _strength_to_me(client: TestClient, person_id: int) -> float | None:
    strength: float | None = client.get(f"/api/v1/people/{person_id}").json()["scores"][
        "strength_to_me"
    ]
    return strength


def _hops_to(client: TestClient, person_id: int) -> list[int]:
    found = client.get("/api/v1/paths", params={"person_id": person_id})
    assert found.status_code == 200, found.text
    return [path["hops"] for path in found.json()]


def test_a_write_through_the_web_shows_on_the_next_page(database: Engine) -> None:
    workspace, ids = _workspace(database, "mine", "Ann Lee")
    client = _client(workspace)
    bob = ids["Bob Stone"]
    assert _advocates(client) == ["Ann Lee"]
    assert _strength_to_me(client, bob) is None
    assert _hops_to(client, bob) == [2]
    assert client.get(f"/people/{bob}").status_code == 200
    before = client.get(f"/api/v1/people/{bob}").json()
    assert before["timeline"] == []
    assert not any(tie["person"]["is_me"] for tie in before["ties"])

    logged = client.post(
        f"/api/v1/people/{bob}/interactions", json={"kind": "coffee"}, headers=_csrf(client)
    )

    assert logged.status_code == 201, logged.text
    card = client.get(f"/api/v1/people/{bob}").json()
    assert [item["id"] for item in card["timeline"]] == [logged.json()["id"]]
    assert any(tie["person"]["is_me"] for tie in card["ties"])
    assert (card["scores"]["strength_to_me"] or 0) > 0
    assert sorted(_advocates(client)) == ["Ann Lee", "Bob Stone"]
    assert 1 in _hops_to(client, bob)
    page = client.get("/advocates").text
    assert f'href="/people/{bob}"' in page


def test_a_write_from_elsewhere_shows_on_the_next_page(database: Engine) -> None:
    """As when `goodword log` runs while the server is up, or another server process writes."""
    workspace, ids = _workspace(database, "mine", "Ann Lee")
    client = _client(workspace)
    assert _advocates(client) == ["Ann Lee"]

    elsewhere = open_workspace(bind=database, name="mine")
    with elsewhere.transaction() as session:
        log_my_interaction(
            session, refs=[str(ids["Bob Stone"])], kind=InteractionKind.COFFEE, at=utcnow()
        )

    assert sorted(_advocates(client)) == ["Ann Lee", "Bob Stone"]


def test_each_workspace_answers_with_its_own_network(database: Engine) -> None:
    first, _ = _workspace(database, "first", "Ann Lee")
    second, _ = _workspace(database, "second", "Zoe Park")
    one, other = _client(first), _client(second)

    for _ in range(2):  # the second round is answered from what each kept
        assert _advocates(one) == ["Ann Lee"]
        assert _advocates(other) == ["Zoe Park"]


def _followups_due(html: str) -> list[str]:
    return re.findall(r'hx-post="/followups/(\d+)/done"', html)


def test_today_follows_each_write(database: Engine) -> None:
    """Done answers with the agenda as it is after the write, and so does the next visit."""
    workspace, _ = _workspace(database, "mine", "Ann Lee")
    client = _client(workspace)
    [due] = _followups_due(client.get("/").text)
    assert _followups_due(client.get("/").text) == [due]

    after = client.post(f"/followups/{due}/done", headers=_csrf(client))

    assert after.status_code == 200, after.text
    assert _followups_due(after.text) == []
    assert _followups_due(client.get("/").text) == []
    items = client.get("/api/v1/agenda").json()["items"]
    assert [item["followup_id"] for item in items if item["followup_id"]] == []


def test_a_persons_referrals_and_ledger_follow_a_move_on_the_board(database: Engine) -> None:
    workspace, ids = _workspace(database, "mine", "Ann Lee")
    ann, bob = ids["Ann Lee"], ids["Bob Stone"]
    with workspace.transaction() as session:
        receive_referral(
            session, from_ref=str(ann), prospect_ref=str(bob), currency="EUR", at=utcnow()
        )
    client = _client(workspace)
    [referral] = client.get(f"/api/v1/people/{ann}/referrals").json()["items"]
    [entry] = client.get(f"/api/v1/people/{ann}/ledger").json()["entries"]
    assert entry["value"] is None
    assert client.get(f"/people/{ann}").status_code == 200

    moved = client.post(
        f"/api/v1/referrals/{referral['id']}/move",
        json={"status": "won", "value": "1200"},
        headers=_csrf(client),
    )

    assert moved.status_code == 200, moved.text
    [after] = client.get(f"/api/v1/people/{ann}/referrals").json()["items"]
    assert after["status"] == "won"
    [entry] = client.get(f"/api/v1/people/{ann}/ledger").json()["entries"]
    assert Decimal(entry["value"]) == Decimal(1200)
    assert 'data-testid="referral-status">won<' in client.get(f"/people/{ann}").text
