"""The ROI report with its charts, and the referral board whose cards move along the pipeline."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web.conftest import SCRIPT, Network, token
from web.test_pages import PageParts, page_ids


def _referral(client: TestClient) -> int:
    referrals = client.get("/api/v1/referrals").json()
    assert len(referrals) == 1
    return int(referrals[0]["id"])


def _win(client: TestClient, referral: int) -> None:
    moved = client.post(
        f"/api/v1/referrals/{referral}/move",
        json={"status": "won", "value": "1200"},
        headers={"X-CSRF-Token": token(client)},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "won"


def test_reports_page_shows_the_tables_and_links_its_charts(
    client: TestClient, network: Network
) -> None:
    _win(client, _referral(client))

    ids = page_ids(client, "/reports")

    assert ids.count("report-advocate") == 1
    assert ids.count("chart") == 3
    assert {"report-funnel", "report-sources", "report-events"} <= set(ids)


def test_reports_page_shows_a_script_name_inert(client: TestClient, network: Network) -> None:
    _win(client, _referral(client))

    answer = client.get("/reports")

    assert SCRIPT not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert PageParts(answer.text).scripts == ["/static/htmx.min.js"]


def test_the_report_api_answers_what_the_page_shows(client: TestClient, network: Network) -> None:
    _win(client, _referral(client))

    report = client.get("/api/v1/reports/roi", params={"model": "linear"}).json()

    assert report["model"] == "linear"
    assert [row["person"]["id"] for row in report["advocates"]] == [network.script]
    assert report["funnel"]["won"] == 1


def test_a_period_ending_before_it_starts_is_refused(client: TestClient) -> None:
    answer = client.get(
        "/api/v1/reports/roi", params={"since": "2026-02-01", "until": "2026-01-01"}
    )

    assert answer.status_code == 422
    assert "after" in answer.text


def test_charts_are_svg_that_runs_nothing(client: TestClient, network: Network) -> None:
    _win(client, _referral(client))

    for name in ("advocates", "events", "funnel"):
        answer = client.get(f"/reports/chart/{name}.svg", params={"model": "first-touch"})

        assert answer.status_code == 200
        assert answer.headers["content-type"] == "image/svg+xml"
        assert answer.text.lstrip().startswith("<?xml")
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert SCRIPT not in answer.text


def test_an_unknown_chart_is_not_found(client: TestClient) -> None:
    assert client.get("/reports/chart/nothing.svg").status_code in (404, 422)


def test_the_board_has_a_column_per_status(client: TestClient, network: Network) -> None:
    answer = client.get("/referrals")
    columns = PageParts(answer.text).ids.count("board-column")

    assert columns == 6
    assert 'data-status="received"' in answer.text
    board = client.get("/api/v1/referrals/board").json()
    assert [c["status"] for c in board] == [
        "received",
        "contacted",
        "met",
        "proposal",
        "won",
        "lost",
    ]
    assert [len(c["referrals"]) for c in board] == [1, 0, 0, 0, 0, 0]


def test_moving_a_card_answers_the_board_with_it_in_its_new_column(
    client: TestClient, network: Network
) -> None:
    referral = _referral(client)

    answer = client.post(
        f"/referrals/{referral}/move",
        data={"status": "met", "value": "", "csrf_token": token(client)},
        headers={"HX-Request": "true"},
    )

    assert answer.status_code == 200, answer.text
    assert f'data-id="{referral}" data-status="met"' in answer.text
    assert client.get("/api/v1/referrals").json()[0]["status"] == "met"


def test_a_backwards_move_shows_the_error_and_changes_nothing(
    client: TestClient, network: Network
) -> None:
    referral = _referral(client)
    headers = {"HX-Request": "true", "X-CSRF-Token": token(client)}
    client.post(f"/referrals/{referral}/move", data={"status": "proposal"}, headers=headers)

    answer = client.post(f"/referrals/{referral}/move", data={"status": "met"}, headers=headers)

    assert answer.status_code == 409
    assert answer.headers["HX-Retarget"] == "#errors"
    assert 'data-testid="error"' in answer.text
    assert client.get("/api/v1/referrals").json()[0]["status"] == "proposal"


def test_a_move_without_the_csrf_token_is_refused(client: TestClient, network: Network) -> None:
    referral = _referral(client)
    token(client)

    answer = client.post(f"/referrals/{referral}/move", data={"status": "met"})

    assert answer.status_code == 403
    assert client.get("/api/v1/referrals").json()[0]["status"] == "received"
