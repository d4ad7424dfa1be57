"""A local server stays local: foreign Host or Origin refused, unsafe methods need the token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from goodword.web.app import local_hosts
from web.conftest import Network, token


@pytest.mark.parametrize("path", ["/", "/api/v1/people", "/static/htmx.min.js"])
def test_a_foreign_host_is_refused(client: TestClient, path: str) -> None:
    answer = client.get(path, headers={"Host": "attacker.example"})

    assert answer.status_code == 403
    assert answer.json()["error"]["type"] == "forbidden"


def test_a_foreign_origin_is_refused_even_with_the_token(
    client: TestClient, network: Network
) -> None:
    answer = client.patch(
        f"/api/v1/people/{network.ann}",
        json={"city": "Evil"},
        headers={"X-CSRF-Token": token(client), "Origin": "http://attacker.example"},
    )

    assert answer.status_code == 403
    assert client.get(f"/api/v1/people/{network.ann}").json()["city"] is None


def test_the_apps_own_origin_is_accepted(client: TestClient, network: Network) -> None:
    answer = client.patch(
        f"/api/v1/people/{network.ann}",
        json={"city": "Leeds"},
        headers={"X-CSRF-Token": token(client), "Origin": "http://testserver"},
    )

    assert answer.status_code == 200


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/capture", {"name": "Eve"}),
        ("/people/{ann}/edit", {"name": "Eve"}),
        ("/people/{ann}/log", {"kind": "coffee"}),
    ],
)
def test_a_form_post_without_the_token_is_refused_and_changes_nothing(
    client: TestClient, network: Network, path: str, data: dict[str, str]
) -> None:
    before = client.get("/api/v1/people").json()["total"]

    answer = client.post(path.format(ann=network.ann), data=data)

    assert answer.status_code == 403
    assert client.get("/api/v1/people").json()["total"] == before
    assert client.get(f"/api/v1/people/{network.ann}").json()["name"] == "Ann Lee"


def test_a_wrong_token_is_refused(client: TestClient) -> None:
    token(client)

    answer = client.post("/capture", data={"name": "Eve", "csrf_token": "guess"})

    assert answer.status_code == 403


def test_a_token_without_its_cookie_is_refused(client: TestClient) -> None:
    stolen = token(client)
    client.cookies.clear()

    answer = client.post("/capture", data={"name": "Eve", "csrf_token": stolen})

    assert answer.status_code == 403


def test_loopback_answers_to_both_its_names() -> None:
    assert set(local_hosts("127.0.0.1", 8000)) >= {"127.0.0.1:8000", "localhost:8000"}
    assert local_hosts("192.168.1.5", 80) == ["192.168.1.5", "192.168.1.5:80"]


def test_a_cookie_the_app_could_not_have_issued_is_replaced_not_trusted(
    client: TestClient,
) -> None:
    client.cookies.set("goodword_csrf", "x")

    answer = client.post("/capture", data={"name": "Eve", "csrf_token": "x"})

    assert answer.status_code == 403
    assert "goodword_csrf=" in answer.headers["set-cookie"]
