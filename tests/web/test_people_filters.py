"""The People list narrowed by role, tier, tag and organisation, paged with its filters kept;
a person's page with the ledger and referrals between you and them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient

from goodword.nurture.service import set_tier
from goodword.people.queries import resolve_person
from goodword.people.service import PersonFields
from goodword.people.tier import Tier
from goodword.profiles.service import add_contact
from goodword.workspace import Workspace
from web.conftest import Network
from web.test_pages import PageParts, page_ids


def listed(client: TestClient, query: str) -> set[int]:
    answer = client.get(f"/api/v1/people?{query}")
    assert answer.status_code == 200, answer.text
    return {item["id"] for item in answer.json()["items"]}


def rows(client: TestClient, query: str) -> int:
    return page_ids(client, f"/people?{query}").count("person-row")


def test_a_tier_filter_lists_only_people_set_to_that_tier(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        set_tier(session, person=resolve_person(session, str(network.ann)), tier=Tier.INNER)

    assert listed(client, "tier=inner") == {network.ann}
    assert rows(client, "tier=inner") == 1
    assert network.ann not in listed(client, "tier=auto")
    assert network.bob in listed(client, "tier=auto")
    item = client.get("/api/v1/people?tier=inner").json()["items"][0]
    assert item["tier"] == "inner"


def test_a_tag_filter_lists_only_people_with_that_tag(client: TestClient, network: Network) -> None:
    assert listed(client, "tag=VIP") == {network.script}
    assert rows(client, "tag=vip") == 1


def test_an_organisation_filter_ignores_case_and_accents(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        add_contact(session, fields=PersonFields(name="Zoë Roy", org="Société Générale"))

    assert listed(client, "org=ACME") == {network.ann}
    assert listed(client, "org=glob") == {network.bob}
    zoe = listed(client, "org=societe")
    assert len(zoe) == 1
    assert rows(client, "org=SOCI%C3%89T%C3%89") == 1
    assert listed(client, "org=acme&q=bob") == set()


def test_a_role_filter_lists_only_people_holding_it(client: TestClient, network: Network) -> None:
    # The script-named contact referred Bob to you: an advocate, as the ranking says too.
    # Ann and Bob fit the ideal client (Fintech): prospects.
    advocates = client.get("/api/v1/people?role=advocate").json()["items"]
    ranked = client.get("/api/v1/advocates?role=advocate&top=50").json()
    assert {a["id"] for a in advocates} == {r["person"]["id"] for r in ranked}
    assert network.script in {a["id"] for a in advocates}
    assert network.bob not in {a["id"] for a in advocates}
    assert all("advocate" in a["roles"] for a in advocates)
    assert listed(client, "role=prospect") == {network.ann, network.bob}
    assert page_ids(client, "/people?role=prospect").count("person-row") == 2
    assert listed(client, "role=prospect&org=acme") == {network.ann}


def test_the_filters_are_kept_when_paging(
    client: TestClient, network: Network, workspace: Workspace
) -> None:
    with workspace.transaction() as session:
        for n in range(55):
            add_contact(session, fields=PersonFields(name=f"Temp {n:02d}", org="Initech"))
            add_contact(session, fields=PersonFields(name=f"Other {n:02d}", org="Umbrella"))

    first = client.get("/people?org=initech&tier=auto")
    parts = PageParts(first.text)
    assert parts.ids.count("person-row") == 50
    found = urlparse(first.text.split('data-testid="pager-next"')[0].rsplit('href="', 1)[1])
    kept = parse_qs(found.query.split('"')[0].replace("&amp;", "&"))
    assert kept == {"org": ["initech"], "tier": ["auto"], "offset": ["50"]}

    second = client.get("/people", params={k: v[0] for k, v in kept.items()})
    assert PageParts(second.text).ids.count("person-row") == 5
    assert "Umbrella" not in second.text
    page = client.get("/api/v1/people?org=initech").json()
    assert (page["total"], page["more"], page["everyone"]) == (55, False, 114)


@pytest.mark.parametrize(
    ("query", "named"),
    [("tier=gold", "tier 'gold'"), ("role=boss", "role 'boss'"), ("offset=-1", "")],
)
def test_an_unknown_filter_value_is_refused_with_a_message(
    client: TestClient, network: Network, query: str, named: str
) -> None:
    answer = client.get(f"/api/v1/people?{query}")
    assert answer.status_code == 422
    assert named in answer.json()["error"]["message"]
    page = client.get(f"/people?{query}")
    assert page.status_code == 422
    assert "person-row" not in PageParts(page.text).ids


def test_blank_filters_narrow_nothing(client: TestClient, network: Network) -> None:
    assert listed(client, "q=&tag=&tier=&role=&org=") == listed(client, "")


def test_a_persons_page_shows_the_ledger_and_referrals_with_them(
    client: TestClient, network: Network
) -> None:
    ids = page_ids(client, f"/people/{network.script}")
    assert {"person-ledger", "person-referrals", "ledger-balance"} <= set(ids)
    assert ids.count("ledger-row") == 1
    assert ids.count("referral-row") == 1

    ledger = client.get(f"/api/v1/people/{network.script}/ledger").json()
    assert [e["kind"] for e in ledger["entries"]] == ["referral"]
    assert ledger["balance"]["received"] == 1
    referrals = client.get(f"/api/v1/people/{network.bob}/referrals").json()["items"]
    assert [(r["referrer"]["id"], r["prospect"]["id"]) for r in referrals] == [
        (network.script, network.bob)
    ]
    assert client.get(f"/api/v1/people/{network.ann}/referrals").json()["items"] == []
    empty = page_ids(client, f"/people/{network.ann}")
    assert "ledger-row" not in empty
    assert "referral-row" not in empty
