"""The network map: who it draws, where, and that names reach the browser only as data."""

from __future__ import annotations

from fastapi.testclient import TestClient

from goodword.web.app import create_app
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network
from web.test_pages import PageParts, page_ids

MAP_SCRIPTS = ["/static/htmx.min.js", "/static/graphology.umd.min.js", "/static/sigma.min.js",
               "/static/map.js"]  # fmt: skip


def test_the_map_has_you_your_contacts_and_the_ties_among_them(
    client: TestClient, network: Network
) -> None:
    found = client.get("/api/v1/map").json()

    nodes = {node["id"]: node for node in found["nodes"]}
    owner = found["nodes"][0]
    assert owner["ring"] == "you"
    assert (owner["x"], owner["y"]) == (0.0, 0.0)
    assert {network.ann, network.script} <= set(nodes)
    pairs = {frozenset(edge[:2]) for edge in found["edges"]}
    assert frozenset((owner["id"], network.ann)) in pairs
    assert all(0 < edge[2] <= 1 for edge in found["edges"])
    assert nodes[network.script]["tags"] == ["vip"]


def test_the_map_places_everyone_apart_and_the_same_way_each_time(
    client: TestClient, network: Network
) -> None:
    first = client.get("/api/v1/map").json()
    again = client.get("/api/v1/map").json()

    places = [(node["x"], node["y"]) for node in first["nodes"]]
    assert len(set(places)) == len(places)
    assert first == again


def test_an_advocates_ideal_clients_hang_beyond_the_contacts(
    client: TestClient, network: Network
) -> None:
    found = client.get("/api/v1/map").json()

    nodes = {node["id"]: node for node in found["nodes"]}
    bob, ann = nodes[network.bob], nodes[network.ann]
    # Bob fits the ideal client profile and is known to Ann, one of your contacts.
    assert bob["ring"] == "ideal client"
    assert _radius(bob) > 2 * _radius(ann)


def _radius(node: dict[str, float]) -> float:
    return float((node["x"] ** 2 + node["y"] ** 2) ** 0.5)


def test_the_map_page_loads_only_the_vendored_scripts(client: TestClient, network: Network) -> None:
    ids = page_ids(client, "/map")

    assert {"map", "map-role", "map-tag"} <= set(ids)
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
    assert SCRIPT in [node["name"] for node in data.json()["nodes"]]


def test_a_new_workspace_maps_you_alone(workspace: Workspace) -> None:
    with TestClient(create_app(workspace, allowed_hosts=["testserver"])) as fresh:
        found = fresh.get("/api/v1/map").json()

    assert [node["ring"] for node in found["nodes"]] == ["you"]
    assert found["edges"] == []
