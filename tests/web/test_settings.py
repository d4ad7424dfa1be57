"""Settings: you and your offering, the ICP, the settings keys and the tiers, edited on the
page and through JSON, with the advocate brief preview following every change. What an edit
makes is checked with the queries the CLI prints (`me show`, `icp list`, `settings list`,
`tier`)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from goodword.clock import utcnow
from goodword.nurture.queries import tier_of
from goodword.offering.queries import find_offering
from goodword.offering.schemas import CriterionView, OfferingView
from goodword.offering.service import get_offering, list_criteria, set_offering
from goodword.people.queries import resolve_person
from goodword.people.service import PersonFields, edit_person, get_owner
from goodword.settings.queries import list_settings
from goodword.storage.session import workspace_currency
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network, token
from web.test_pages import PageParts

HTMX = {"HX-Request": "true"}


def _headers(client: TestClient, **more: str) -> dict[str, str]:
    return {"X-CSRF-Token": token(client), **more}


def _shown_by_cli(workspace: Workspace) -> dict[str, Any]:
    """What `me show`, `icp list` and `settings list` would print, read as they read it."""
    with workspace.read() as session:
        return {
            "offering": OfferingView.of(get_offering(session)).model_dump(),
            "currency": workspace_currency(session),
            "icp": [CriterionView.of(c).model_dump() for c in list_criteria(session)],
            "settings": {s.key: s.value for s in list_settings(session)},
        }


def _error(answer: Any, status: int) -> str:
    assert answer.status_code == status, answer.text[:500]
    message: str = answer.json()["error"]["message"]
    return message


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


def test_showing_settings_writes_nothing(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    before = workspace.data_version()

    assert client.get("/settings").status_code == 200
    assert client.get("/api/v1/settings").status_code == 200

    assert workspace.data_version() == before
    with workspace.read() as session:
        assert find_offering(session) is None


def test_the_page_lists_every_setting_and_tier(client: TestClient, network: Network) -> None:
    view = client.get("/api/v1/settings").json()
    ids = PageParts(client.get("/settings").text).ids

    assert ids.count("setting") == len(view["settings"]) >= 10
    assert [c["tier"] for c in view["tiers"]["counts"]] == ["inner", "active", "potential", "none"]
    assert ids.count("tier-count") == 4
    assert ids.count("tier-suggestion") == len(view["tiers"]["suggestions"]) >= 1
    assert {"offering-form", "icp-form", "settings-form", "tier-form"} <= set(ids)


# --- you and your offering


def test_the_offering_form_saves_and_the_brief_preview_follows(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    saved = client.post(
        "/settings/offering",
        data={
            "name": "Dana Park",
            "email": "dana@park.example",
            "country": "gb",
            "currency": "eur",
            "one_liner": "Bookkeeping for fintech founders",
            "problems": "Messy books",
            "for_whom": "",
            "results": "Clean books in 30 days",
        },
        headers=_headers(client, **HTMX),
    )

    assert saved.status_code == 200, saved.text[:500]
    ids = PageParts(saved.text).ids
    assert {"offering-form", "brief-text"} <= set(ids)  # the section and, out of band, the brief
    assert "Bookkeeping for fintech founders" in saved.text
    view = client.get("/api/v1/settings").json()
    assert (view["me"]["name"], view["me"]["emails"], view["me"]["country"]) == (
        "Dana Park",
        ["dana@park.example"],
        "GB",
    )
    assert "Bookkeeping for fintech founders" in view["brief"]
    shown = _shown_by_cli(workspace)
    assert shown["currency"] == "EUR"
    assert shown["offering"] == {
        "one_liner": "Bookkeeping for fintech founders",
        "problems": "Messy books",
        "for_whom": None,
        "results": "Clean books in 30 days",
    }


def test_a_country_typed_as_a_name_does_not_block_saving_the_form(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        edit_person(session, person=get_owner(session), fields=PersonFields(country="Wales"))
    shown = client.get("/settings").text
    assert 'value="Wales"' in shown

    saved = client.post(
        "/settings/offering",
        data={"name": "Dana Park", "country": "Wales", "one_liner": "Bookkeeping"},
        headers=_headers(client, **HTMX),
    )

    assert saved.status_code == 200, saved.text[:500]
    assert _shown_by_cli(workspace)["offering"]["one_liner"] == "Bookkeeping"


def test_patching_the_offering_leaves_fields_not_sent(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        set_offering(session, one_liner="Bookkeeping", results="Clean books")

    answer = client.patch(
        "/api/v1/settings/offering", json={"problems": "Late filings"}, headers=_headers(client)
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["offering"] == {
        "one_liner": "Bookkeeping",
        "problems": "Late filings",
        "for_whom": None,
        "results": "Clean books",
    }
    assert _shown_by_cli(workspace)["offering"] == answer.json()["offering"]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"currency": "dollars"}, "currency"),
        ({"country": "Narnia"}, "country"),
        ({"name": " "}, "name"),
        ({"email": "not an e-mail"}, "e-mail"),
    ],
)
def test_a_bad_offering_field_changes_nothing(
    client: TestClient, network: Network, workspace: Workspace, body: dict[str, str], named: str
) -> None:
    before = _shown_by_cli(workspace)

    answer = client.patch(
        "/api/v1/settings/offering",
        json={"one_liner": "Should not be saved", **body},
        headers=_headers(client),
    )

    assert named in _error(answer, 422).lower()
    assert _shown_by_cli(workspace) == before


def test_a_bad_offering_form_answers_the_error_fragment(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    before = _shown_by_cli(workspace)

    answer = client.post(
        "/settings/offering",
        data={"name": "Me", "currency": "dollars", "one_liner": "Not saved"},
        headers=_headers(client, **HTMX),
    )

    assert answer.status_code == 422
    assert answer.headers["HX-Retarget"] == "#errors"
    assert PageParts(answer.text).ids[:2] == ["error", "error-message"]
    assert _shown_by_cli(workspace) == before


def test_a_script_in_the_offering_renders_inert(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    saved = client.post(
        "/settings/offering",
        data={"name": "Me", "one_liner": SCRIPT, "problems": SCRIPT},
        headers=_headers(client, **HTMX),
    )
    page = client.get("/settings")

    for answer in (saved, page):
        assert answer.status_code == 200
        assert SCRIPT not in answer.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert PageParts(page.text).scripts == ["/static/htmx.min.js"]


def test_without_the_csrf_token_nothing_changes(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    before = _shown_by_cli(workspace)
    token(client)  # the browser has its cookie, but the request does not carry the token

    answers = [
        client.post("/settings/offering", data={"name": "Mallory", "one_liner": "x"}),
        client.post("/settings/icp", data={"field": "city", "operator": "is", "value": "Rome"}),
        client.post("/settings/values", data={"agenda.limit": "3"}),
        client.patch("/api/v1/settings/offering", json={"one_liner": "x"}),
        client.post("/api/v1/icp", json={"field": "city", "operator": "is", "value": "Rome"}),
        client.put("/api/v1/settings/agenda.limit", json={"value": 3}),
    ]

    assert [a.status_code for a in answers] == [403] * len(answers)
    assert _shown_by_cli(workspace) == before


# --- the ideal client profile


def test_adding_and_removing_a_criterion_through_json(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    added = client.post(
        "/api/v1/icp",
        json={"field": "title", "operator": "contains", "value": "CFO", "weight": 2},
        headers=_headers(client),
    )

    assert added.status_code == 201, added.text
    criterion = added.json()
    assert (criterion["field"], criterion["value"], criterion["weight"]) == ("title", "CFO", 2.0)
    assert criterion in client.get("/api/v1/icp").json()
    assert criterion in _shown_by_cli(workspace)["icp"]

    removed = client.delete(f"/api/v1/icp/{criterion['id']}", headers=_headers(client))

    assert removed.status_code == 200
    assert criterion not in removed.json()
    assert criterion not in _shown_by_cli(workspace)["icp"]
    assert "ICP criterion" in _error(
        client.delete(f"/api/v1/icp/{criterion['id']}", headers=_headers(client)), 404
    )


@pytest.mark.parametrize(
    ("body", "status", "named"),
    [
        ({"field": "shoe size", "operator": "is", "value": "9"}, 422, "field"),
        ({"field": "city", "operator": "near", "value": "Leeds"}, 422, "operator"),
        ({"field": "city", "operator": "is", "value": "  "}, 422, "value"),
        ({"field": "city", "operator": "is", "value": "Leeds", "weight": 0}, 422, "weight"),
        ({"field": "city", "operator": "is", "value": "Leeds", "weight": "lots"}, 422, "weight"),
    ],
)
def test_a_bad_criterion_is_refused_with_its_reason(
    client: TestClient,
    network: Network,
    workspace: Workspace,
    body: dict[str, Any],
    status: int,
    named: str,
) -> None:
    before = _shown_by_cli(workspace)

    message = _error(client.post("/api/v1/icp", json=body, headers=_headers(client)), status)

    assert named in message.lower()
    assert "\n" not in message
    assert _shown_by_cli(workspace) == before


def test_the_icp_form_adds_and_the_remove_button_removes(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        set_offering(session, one_liner="Bookkeeping")

    added = client.post(
        "/settings/icp",
        data={"field": "city", "operator": "is", "value": "Leeds", "weight": "1.5"},
        headers=_headers(client, **HTMX),
    )

    assert added.status_code == 200, added.text[:500]
    assert PageParts(added.text).ids.count("criterion") == 2
    assert "brief-text" in PageParts(added.text).ids
    assert "Leeds" in client.get("/api/v1/settings").json()["brief"]
    (leeds,) = [c for c in _shown_by_cli(workspace)["icp"] if c["value"] == "Leeds"]
    assert leeds["weight"] == 1.5

    removed = client.post(f"/settings/icp/{leeds['id']}/remove", headers=_headers(client, **HTMX))

    assert removed.status_code == 200
    assert PageParts(removed.text).ids.count("criterion") == 1
    assert [c["value"] for c in _shown_by_cli(workspace)["icp"]] == ["Fintech"]


def test_a_changed_icp_has_the_tiers_asked_for_once_it_is_committed(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    """Who scores as an advocate follows the ICP, and the write answering the form still sees
    the network from before the change; so the tiers come from a request of their own."""
    (fintech,) = _shown_by_cli(workspace)["icp"]

    removed = client.post(f"/settings/icp/{fintech['id']}/remove", headers=_headers(client, **HTMX))
    tiers = client.get("/settings/tiers")

    assert removed.status_code == 200
    assert 'hx-get="/settings/tiers"' in removed.text
    assert "tier-suggestion" not in PageParts(removed.text).ids
    assert tiers.status_code == 200
    suggested = client.get("/api/v1/tiers").json()["suggestions"]
    assert PageParts(tiers.text).ids.count("tier-suggestion") == len(suggested)


def test_a_bad_criterion_form_answers_one_line(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    answer = client.post(
        "/settings/icp",
        data={"field": "city", "operator": "is", "value": "Leeds", "weight": "-1"},
        headers=_headers(client, **HTMX),
    )

    assert answer.status_code == 422
    assert "error-message" in PageParts(answer.text).ids
    assert "Weight -1.0 must be more than 0." in answer.text
    assert len(_shown_by_cli(workspace)["icp"]) == 1


# --- the settings keys


def test_setting_one_key_through_json(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    answer = client.put(
        "/api/v1/settings/cadence.inner", json={"value": 21}, headers=_headers(client)
    )

    assert answer.status_code == 200, answer.text
    assert (answer.json()["value"], answer.json()["is_default"]) == (21, False)
    assert _shown_by_cli(workspace)["settings"]["cadence.inner"] == 21
    counts = client.get("/api/v1/tiers").json()["counts"]
    assert counts[0] == {**counts[0], "tier": "inner", "cadence_days": 21}


def test_patching_several_keys_is_all_or_nothing(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    before = _shown_by_cli(workspace)

    bad = client.patch(
        "/api/v1/settings",
        json={"agenda.limit": 5, "cadence.active": 0},
        headers=_headers(client),
    )
    unknown = client.patch("/api/v1/settings", json={"cadence.weekly": 7}, headers=_headers(client))

    assert _error(bad, 422) == (
        "Setting cadence.active takes a whole number of days from 1 to 3650, not '0'."
    )
    assert "Unknown setting 'cadence.weekly'" in _error(unknown, 422)
    assert _shown_by_cli(workspace) == before

    good = client.patch(
        "/api/v1/settings",
        json={"agenda.limit": 5, "cadence.active": "45"},
        headers=_headers(client),
    )

    assert good.status_code == 200
    assert {s["key"]: s["value"] for s in good.json()}["agenda.limit"] == 5
    assert _shown_by_cli(workspace)["settings"] == {
        **before["settings"],
        "agenda.limit": 5,
        "cadence.active": 45,
    }


@pytest.mark.parametrize("value", ["²", "1" * 5000, 10**30, 2.5, True])
def test_a_value_no_key_takes_is_refused_with_the_range(
    client: TestClient, network: Network, workspace: Workspace, value: object
) -> None:
    before = _shown_by_cli(workspace)

    answer = client.put(
        "/api/v1/settings/agenda.limit", json={"value": value}, headers=_headers(client)
    )

    assert answer.status_code == 422, answer.text[:300]
    assert len(answer.json()["error"]["message"]) < 300
    assert _shown_by_cli(workspace) == before


def test_the_settings_form_saves_every_key_or_none(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    current = _shown_by_cli(workspace)["settings"]
    form = {key: str(value) for key, value in current.items()}

    bad = client.post(
        "/settings/values",
        data={**form, "agenda.limit": "7", "agenda.step_days": "soon"},
        headers=_headers(client, **HTMX),
    )

    assert bad.status_code == 422
    assert "agenda.step_days" in bad.text
    assert _shown_by_cli(workspace)["settings"] == current

    good = client.post(
        "/settings/values", data={**form, "agenda.limit": "7"}, headers=_headers(client, **HTMX)
    )

    assert good.status_code == 200
    assert {"settings-saved", "tiers"} <= set(PageParts(good.text).ids)
    assert _shown_by_cli(workspace)["settings"] == {**current, "agenda.limit": 7}


# --- tiers


def test_tier_counts_cover_everyone_but_you(client: TestClient, network: Network) -> None:
    tiers = client.get("/api/v1/tiers").json()
    people = client.get("/api/v1/people").json()["total"]

    assert sum(c["people"] for c in tiers["counts"]) == people - 1
    assert tiers == client.get("/api/v1/settings").json()["tiers"]


def test_setting_a_tier_through_json_is_what_the_cli_shows(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    answer = client.put(
        f"/api/v1/people/{network.bob}/tier", json={"tier": "inner"}, headers=_headers(client)
    )

    assert answer.status_code == 200, answer.text
    assert (answer.json()["value"], answer.json()["set_by_you"]) == ("inner", True)
    with workspace.read() as session:
        bob = resolve_person(session, str(network.bob))
        assert tier_of(session, person=bob, now=utcnow()).value == "inner"
    inner = client.get("/api/v1/tiers").json()["counts"][0]
    assert (inner["tier"], inner["set_by_you"]) == ("inner", 1)

    back = client.put(
        f"/api/v1/people/{network.bob}/tier", json={"tier": "auto"}, headers=_headers(client)
    )

    assert back.json()["set_by_you"] is False


@pytest.mark.parametrize(
    ("who", "tier", "status", "named"),
    [("bob", "best", 422, "unknown tier 'best'"), ("me", "inner", 422, "not on your own agenda")],
)
def test_a_bad_tier_is_refused(
    client: TestClient,
    network: Network,
    workspace: Workspace,
    who: str,
    tier: str,
    status: int,
    named: str,
) -> None:
    with workspace.read() as session:
        person_id = resolve_person(session, "me" if who == "me" else str(network.bob)).id
    before = client.get("/api/v1/tiers").json()

    answer = client.put(
        f"/api/v1/people/{person_id}/tier", json={"tier": tier}, headers=_headers(client)
    )

    assert named in _error(answer, status).lower()
    assert client.get("/api/v1/tiers").json() == before


def test_applying_a_suggestion_sets_it_and_takes_it_off_the_list(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    first = client.get("/api/v1/tiers").json()["suggestions"][0]
    person = first["person"]["id"]

    applied = client.post(
        f"/settings/tiers/{person}",
        data={"tier": first["suggested"]},
        headers=_headers(client, **HTMX),
    )

    assert applied.status_code == 200, applied.text[:500]
    assert "tier-changed" in PageParts(applied.text).ids
    suggested = [s["person"]["id"] for s in client.get("/api/v1/tiers").json()["suggestions"]]
    assert person not in suggested
    with workspace.read() as session:
        view = tier_of(session, person=resolve_person(session, str(person)), now=utcnow())
    assert (view.value, view.set_by_you) == (first["suggested"], True)


def test_the_tier_form_sets_a_tier_by_name(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    done = client.post(
        "/settings/tiers",
        data={"ref": "Ann Lee", "tier": "potential"},
        headers=_headers(client, **HTMX),
    )
    nobody = client.post(
        "/settings/tiers", data={"ref": "Zed Nobody", "tier": "inner"}, headers=_headers(client)
    )

    assert done.status_code == 200, done.text[:500]
    assert "Ann Lee: tier potential" in done.text
    assert nobody.status_code == 404
    assert "Zed Nobody" in nobody.text
    with workspace.read() as session:
        ann = resolve_person(session, str(network.ann))
        assert ann.tier == "potential"


def test_the_person_page_sets_a_tier(client: TestClient, network: Network) -> None:
    assert "person-tier" in PageParts(client.get(f"/people/{network.ann}").text).ids
    partial = client.get(f"/people/{network.ann}/tier")
    assert "person-tier-form" in PageParts(partial.text).ids

    saved = client.post(
        f"/people/{network.ann}/tier", data={"tier": "active"}, headers=_headers(client, **HTMX)
    )

    assert saved.status_code == 200
    assert "set by you" in saved.text
    assert client.get("/api/v1/tiers").json()["counts"][1]["set_by_you"] == 1
