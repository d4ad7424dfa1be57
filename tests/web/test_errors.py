"""One JSON error shape for every API error, whatever raised it; an HTMX fragment for pages."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from web.conftest import Network, token

SHAPE = {"error": {"status", "type", "message", "hint"}}


def shape(body: dict[str, Any]) -> dict[str, set[str]]:
    return {key: set(value) for key, value in body.items()}


@pytest.mark.parametrize(
    ("method", "path", "status", "kind"),
    [
        ("GET", "/api/v1/people/999999", 404, "not_found"),
        ("GET", "/api/v1/people/0", 422, "invalid_input"),
        ("GET", "/api/v1/people?limit=nope", 422, "invalid_input"),
        ("GET", "/api/v1/advocates?role=king", 422, "invalid_input"),
        ("GET", "/api/v1/paths?org=Nowhere%20Ltd", 404, "not_found"),
        ("GET", "/api/v1/no-such-thing", 404, "not_found"),
        ("DELETE", "/api/v1/people", 405, "method_not_allowed"),
        ("POST", "/api/v1/capture", 403, "permission_denied"),
        ("GET", "/api/v1/people?q=%00", 422, "invalid_input"),
    ],
)
def test_every_api_error_has_the_one_shape(
    client: TestClient, method: str, path: str, status: int, kind: str
) -> None:
    answer = client.request(method, path)

    assert answer.status_code == status, answer.text
    assert shape(answer.json()) == SHAPE
    assert answer.json()["error"]["status"] == status
    assert answer.json()["error"]["type"] == kind
    assert answer.json()["error"]["message"]


def test_a_nul_character_in_a_body_is_refused_as_invalid(
    client: TestClient, network: Network
) -> None:
    headers = {"X-CSRF-Token": token(client)}

    json_body = client.post("/api/v1/capture", json={"name": "\x00"}, headers=headers)
    form_body = client.post("/capture", data={"name": "a\x00b"}, headers=headers)

    assert json_body.status_code == form_body.status_code == 422
    assert json_body.json()["error"]["type"] == "invalid_input"


def test_a_conflict_is_409_with_the_message(client: TestClient, network: Network) -> None:
    headers = {"X-CSRF-Token": token(client)}
    client.patch(f"/api/v1/people/{network.ann}", json={"email": "ann@acme.io"}, headers=headers)

    taken = client.patch(
        f"/api/v1/people/{network.bob}", json={"email": "ann@acme.io"}, headers=headers
    )

    assert taken.status_code == 409
    assert shape(taken.json()) == SHAPE
    assert "ann@acme.io" in taken.json()["error"]["message"]


def test_an_htmx_request_gets_an_error_fragment_for_the_error_slot(client: TestClient) -> None:
    answer = client.get("/people/999999", headers={"HX-Request": "true"})

    assert answer.status_code == 404
    assert answer.headers["HX-Retarget"] == "#errors"
    assert 'data-testid="error"' in answer.text
    assert "<html" not in answer.text


def test_a_missing_page_is_an_error_page(client: TestClient) -> None:
    answer = client.get("/people/999999")

    assert answer.status_code == 404
    assert 'data-testid="error-message"' in answer.text
