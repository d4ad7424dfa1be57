"""Settings: your offering, ICP and the advocate brief they make, as a page and as JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient

from goodword.offering.service import set_offering
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network
from web.test_pages import PageParts


def test_without_a_one_liner_the_brief_says_what_is_missing(
    client: TestClient, network: Network
) -> None:
    view = client.get("/api/v1/settings").json()

    assert view["brief"] is None
    assert view["brief_missing"]
    assert [c["value"] for c in view["icp"]] == ["Fintech"]
    assert "brief-missing" in PageParts(client.get("/settings").text).ids


def test_the_brief_preview_shows_the_offering_inert(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        set_offering(session, one_liner=f"Bookkeeping {SCRIPT}", for_whom="founders")

    view = client.get("/api/v1/settings").json()
    page = client.get("/settings")

    assert SCRIPT in view["offering"]["one_liner"]
    assert "Bookkeeping" in (view["brief"] or "")
    assert page.status_code == 200
    assert SCRIPT not in page.text
    assert {"one-liner", "criterion", "brief-text"} <= set(PageParts(page.text).ids)
