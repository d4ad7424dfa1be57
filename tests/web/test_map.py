"""The network map: who it draws, where, and that names reach the browser only as data."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from goodword.people.queries import resolve_person
from goodword.people.service import PersonFields
from goodword.profiles.service import add_contact
from goodword.relationships.service import connect_people
from goodword.web.app import create_app
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network
from web.test_pages import PageParts, page_ids

MAP_SCRIPTS = ["/static/htmx.min.js", "/static/graphology.umd.min.js", "/static/sigma.min.js",
               "/static/map.js"]  # fmt: skip


def people(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The answer's columns as one record per person, codes read as the names they stand for."""
    columns = found["nodes"]
    return [
        {
            "id": columns["id"][at],
            "name": columns["name"][at],
            "x": columns["x"][at],
            "y": columns["y"][at],
            "ring": found["rings"][columns["ring"][at]],
            "via": columns["via"][at],
            "roles": [found["roles"][code] for code in columns["roles"][at]],
            "tags": [found["tags"][code] for code in columns["tags"][at]],
            "score": columns["score"][at],
        }
        for at in range(len(columns["id"]))
    ]


def test_the_map_has_you_your_contacts_and_the_ties_among_them(
    client: TestClient, network: Network
) -> None:
    found = client.get("/api/v1/map").json()

    everyone = people(found)
    nodes = {node["id"]: node for node in everyone}
    owner = everyone[0]
    assert owner["ring"] == "you"
    assert (owner["x"], owner["y"]) == (0.0, 0.0)
    assert {network.ann, network.script} <= set(nodes)
    assert {len(column) for column in found["nodes"].values()} == {len(everyone)}
    pairs = {frozenset((everyone[a]["id"], everyone[b]["id"])) for a, b, _ in found["edges"]}
    assert frozenset((owner["id"], network.ann)) in pairs
    assert all(0 < edge[2] <= 1 for edge in found["edges"])
    assert nodes[network.script]["tags"] == ["vip"]
    assert "advocate" in nodes[network.script]["roles"]  # Script referred Bob to you


def test_the_map_places_everyone_apart_and_the_same_way_each_time(
    client: TestClient, network: Network
) -> None:
    first = client.get("/api/v1/map").json()
    again = client.get("/api/v1/map").json()

    places = [(node["x"], node["y"]) for node in people(first)]
    assert len(set(places)) == len(places)
    assert first == again


def test_an_advocates_ideal_clients_hang_beyond_the_contacts(
    client: TestClient, network: Network
) -> None:
    found = people(client.get("/api/v1/map").json())

    nodes = {node["id"]: node for node in found}
    bob, ann = nodes[network.bob], nodes[network.ann]
    # Bob fits the ideal client profile and is known to Ann, one of your contacts.
    assert bob["ring"] == "ideal client"
    assert found[bob["via"]]["id"] in {network.ann, network.script}
    assert _radius(bob) > 2 * _radius(ann)


def test_who_your_contacts_know_is_drawn_by_the_contact_who_knows_them(
    client: TestClient, workspace: Workspace, network: Network
) -> None:
    with workspace.transaction() as session:
        cara = add_contact(session, fields=PersonFields(name="Cara Diaz", tags=("golf",)))
        connect_people(session, a=resolve_person(session, str(network.ann)), b=cara, strength=0.6)
        cara_id = cara.id

    found = client.get("/api/v1/map").json()

    everyone = people(found)
    cara_node = next(node for node in everyone if node["id"] == cara_id)
    assert cara_node["ring"] == "friend of a contact"
    assert cara_node["tags"] == ["golf"]
    assert everyone[cara_node["via"]]["id"] == network.ann
    at = everyone.index(cara_node)
    assert any({a, b} == {at, cara_node["via"]} for a, b, _ in found["edges"])
    assert _radius(cara_node) > _radius(everyone[cara_node["via"]])


def _radius(node: dict[str, Any]) -> float:
    return float((node["x"] ** 2 + node["y"] ** 2) ** 0.5)


def test_the_map_page_loads_only_the_vendored_scripts(client: TestClient, network: Network) -> None:
    ids = page_ids(client, "/map")

    assert {"map", "map-role", "map-ring", "map-tag", "map-legend"} <= set(ids)
    assert PageParts(client.get("/map").text).scripts == MAP_SCRIPTS
    for script in MAP_SCRIPTS:
        assert client.get(script).status_code == 200


def test_a_name_that_is_a_script_reaches_the_map_only_as_json(
    client: TestClient, network: Network
) -> None:
    page = client.get("/map")
    data = client.get("/api/v1/map")

    assert SCRIPT not in page.text
    assert PageParts(page.text).scripts == MAP_SCRIPTS
    assert data.headers["content-type"] == "application/json"
    assert SCRIPT in data.json()["nodes"]["name"]


def test_a_new_workspace_maps_you_alone(workspace: Workspace) -> None:
    with TestClient(create_app(workspace, allowed_hosts=["testserver"])) as fresh:
        found = fresh.get("/api/v1/map").json()

    assert [node["ring"] for node in people(found)] == ["you"]
    assert found["edges"] == []
