"""The pages: each shows what its JSON twin returns, names render inert, forms change data."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from web.conftest import SCRIPT, Network, token


class PageParts(HTMLParser):
    """The `data-testid`s of a page, and every <script> it holds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if testid := found.get("data-testid"):
            self.ids.append(testid)
        if tag == "script":
            self.scripts.append(found.get("src") or "inline")


def page_ids(client: TestClient, path: str) -> list[str]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.text[:1000]
    return PageParts(answer.text).ids


NAMED_PAGES = [
    "/",
    "/people",
    "/people?q=vip",
    "/people?role=advocate&tier=auto&tag=vip&org=%3Cscript",
    "/people/{bob}",
    "/people/{script}",
    "/people/{ann}",
    "/advocates",
    "/paths?to=person&q={script}",
    "/referrals",
    "/settings",
]


@pytest.mark.parametrize("path", NAMED_PAGES)
def test_a_name_that_is_a_script_renders_inert(
    client: TestClient, network: Network, path: str
) -> None:
    answer = client.get(path.format(script=network.script, ann=network.ann, bob=network.bob))

    assert answer.status_code == 200, answer.text[:1000]
    assert SCRIPT not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert PageParts(answer.text).scripts == ["/static/htmx.min.js"]


def _agenda_people(html: str) -> list[int]:
    return [int(pid) for pid in re.findall(r'data-testid="agenda-item" data-person="(\d+)"', html)]


def test_today_shows_the_agenda_and_done_clears_a_followup(
    client: TestClient, network: Network
) -> None:
    today = client.get("/")
    assert network.script in _agenda_people(today.text)
    followup = re.search(r'hx-post="/followups/(\d+)/done"', today.text)
    assert followup

    after = client.post(
        f"/followups/{followup.group(1)}/done", headers={"X-CSRF-Token": token(client)}
    )

    assert after.status_code == 200
    assert f"/followups/{followup.group(1)}/done" not in after.text


def test_snoozing_from_today_puts_the_whole_entry_off(client: TestClient, network: Network) -> None:
    today = client.get("/").text
    form = re.search(
        rf'hx-post="/today/{network.script}/snooze"(.*?)</form>', today, flags=re.DOTALL
    )
    assert form
    followups = re.findall(r'name="followup_id" value="(\d+)"', form.group(1))
    assert 'name="reason"' not in form.group(1)  # its follow-ups carry their own reasons
    week = re.search(r'<option value="([\d-]+)">in a week</option>', form.group(1))
    assert followups
    assert week

    after = client.post(
        f"/today/{network.script}/snooze",
        data={"until": week.group(1), "followup_id": followups, "reason": "ignored"},
        headers={"X-CSRF-Token": token(client)},
    )

    assert after.status_code == 200
    assert network.script not in _agenda_people(after.text)
    assert network.script not in _agenda_people(client.get("/").text)
    snoozed = {f["id"]: f["snoozed_until"] for f in client.get("/api/v1/followups").json()}
    assert snoozed == dict.fromkeys(map(int, followups), week.group(1))


def test_logging_a_coffee_from_today_answers_the_entry(
    client: TestClient, network: Network
) -> None:
    assert network.script in _agenda_people(client.get("/").text)

    after = client.post(f"/today/{network.script}/coffee", headers={"X-CSRF-Token": token(client)})

    assert after.status_code == 200
    timeline = client.get(f"/api/v1/people/{network.script}").json()["timeline"]
    assert any("coffee" in item["type"] for item in timeline)


def test_people_page_searches_and_pages(client: TestClient, network: Network) -> None:
    assert page_ids(client, "/people?q=acme").count("person-row") == 1
    assert "pager-next" not in page_ids(client, "/people")


def test_person_page_shows_scores_ties_paths_and_timeline(
    client: TestClient, network: Network
) -> None:
    ids = page_ids(client, f"/people/{network.bob}")

    for part in ("scores", "score-strength", "roles", "reasons", "ties", "timeline", "path"):
        assert part in ids, part
    assert ids.count("tie") == 2


def test_the_person_page_names_the_next_step_up_the_ladder(
    client: TestClient, network: Network
) -> None:
    ladder = client.get(f"/api/v1/people/{network.ann}").json()["ladder"]

    partial = client.get(f"/people/{network.ann}/tier")

    assert partial.status_code == 200
    assert "person-next-step" in PageParts(partial.text).ids
    assert ladder["next_step"] in html.unescape(partial.text)


def test_inline_edit_saves_and_shows_the_profile(client: TestClient, network: Network) -> None:
    form = client.get(f"/people/{network.ann}/edit")
    assert "edit-form" in PageParts(form.text).ids

    saved = client.post(
        f"/people/{network.ann}/edit",
        data={"name": "Ann Lee", "org": "Initech", "csrf_token": token(client)},
    )

    assert saved.status_code == 200, saved.text
    assert "Initech" in saved.text
    assert "profile-fields" in PageParts(saved.text).ids


def test_logging_from_the_person_page_returns_the_new_timeline(
    client: TestClient, network: Network
) -> None:
    before = page_ids(client, f"/people/{network.bob}").count("timeline-item")

    logged = client.post(
        f"/people/{network.bob}/log",
        data={"kind": "coffee", "note": "flat white"},
        headers={"X-CSRF-Token": token(client), "HX-Request": "true"},
    )

    assert logged.status_code == 200, logged.text
    assert PageParts(logged.text).ids.count("timeline-item") == before + 1
    assert "flat white" in logged.text


def test_capture_adds_the_person_and_keeps_the_event_for_the_next(
    client: TestClient, network: Network
) -> None:
    done = client.post(
        "/capture",
        data={"name": "Dee Kay", "new_event": "Expo", "event_id": "", "csrf_token": token(client)},
        follow_redirects=False,
    )

    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert "captured-message" in PageParts(page.text).ids
    assert "Dee Kay" in page.text
    assert re.search(r'<option value="\d+" selected>Expo', page.text)


def test_advocates_page_explains_each_and_flags_roles(client: TestClient, network: Network) -> None:
    ids = page_ids(client, "/advocates")

    assert ids.count("advocate") >= 2
    assert ids.count("advocate-explanation") == ids.count("advocate")


def test_paths_page_drafts_the_ask(client: TestClient, network: Network) -> None:
    ids = page_ids(client, "/paths?to=org&q=Globex")

    assert "path" in ids
    assert "path-draft" in ids


def test_paths_page_says_when_nobody_matches(client: TestClient, network: Network) -> None:
    assert "error-message" in page_ids(client, "/paths?to=org&q=Nowhere")


def test_referrals_page_lists_them(client: TestClient, network: Network) -> None:
    assert page_ids(client, "/referrals").count("referral") == 1


def test_static_files_are_served_from_the_app(client: TestClient) -> None:
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/static/pico.min.css").status_code == 200
