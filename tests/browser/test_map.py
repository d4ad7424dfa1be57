"""The network map in a real browser: who your contacts know is drawn, the ring and tag
filters hide the others, and a name that is a script is only ever text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import Server, serving
from goodword.people.service import PersonFields, get_owner
from goodword.profiles.service import add_contact
from goodword.relationships.service import connect_people
from goodword.workspace import open_workspace

SCRIPT = "<script>alert(1)</script>"


def _seed(db: Path) -> None:
    """You know Ann; Ann knows Eve (who plays golf) and someone whose name is a script."""
    workspace = open_workspace(str(db))
    try:
        with workspace.transaction() as session:
            me = get_owner(session)
            ann = add_contact(session, fields=PersonFields(name="Ann Lee"))
            eve = add_contact(session, fields=PersonFields(name="Eve Park", tags=("Golf",)))
            script = add_contact(session, fields=PersonFields(name=SCRIPT))
            connect_people(session, a=me, b=ann, strength=0.9)
            connect_people(session, a=ann, b=eve, strength=0.7)
            connect_people(session, a=ann, b=script, strength=0.6)
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("map") / "goodword.db"
    _seed(db)
    with serving(db) as running:
        yield running


def _drawn(page: Page, server: Server) -> None:
    page.goto(server.url + "/map")
    expect(page.get_by_test_id("map")).to_have_attribute("data-drawn", "true")


def _hidden(page: Page, kind: str = "Node") -> int:
    """How many people (or, with kind "Edge", ties) the renderer itself leaves undrawn."""
    return int(
        page.evaluate(
            """(kind) => { const r = document.getElementById("map").renderer; let n = 0;
            r.getGraph()["forEach" + kind]((key) => {
              if (r["get" + kind + "DisplayData"](key).visibility === "hidden") n += 1;
            });
            return n; }""",
            kind,
        )
    )


def test_ring_and_tag_filters_hide_the_people_they_leave_out(page: Page, mapped: Server) -> None:
    _drawn(page, mapped)
    count = page.get_by_test_id("map-count")
    expect(count).to_have_text(re.compile(r"^4 of 4 people"))
    assert _hidden(page) == 0
    assert _hidden(page, "Edge") == 0

    page.get_by_test_id("map-ring").select_option("friend of a contact")
    expect(count).to_have_text(re.compile(r"^3 of 4 people"))  # you stay, as the centre
    assert _hidden(page) == 1
    assert _hidden(page, "Edge") == 3  # every tie has Ann at one end

    page.get_by_test_id("map-ring").select_option("")
    page.get_by_test_id("map-tag").fill("golf")
    expect(count).to_have_text(re.compile(r"^2 of 4 people"))
    assert _hidden(page) == 2

    page.get_by_test_id("map-role").select_option("advocate")
    expect(count).to_have_text(re.compile(r"^1 of 4 people"))


def test_a_name_that_is_a_script_is_drawn_and_shown_as_text(page: Page, mapped: Server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _drawn(page, mapped)

    where = page.evaluate(
        """(name) => { const r = document.getElementById("map").renderer;
        const key = r.getGraph().findNode((k, a) => a.label === name);
        const at = r.graphToViewport(r.getGraph().getNodeAttributes(key));
        const box = document.getElementById("map").getBoundingClientRect();
        return { x: box.left + at.x, y: box.top + at.y }; }""",
        SCRIPT,
    )
    page.mouse.click(where["x"], where["y"])

    selected = page.get_by_test_id("map-selected")
    expect(selected).to_contain_text(SCRIPT)
    expect(selected).to_contain_text("known through Ann Lee")
    assert selected.locator("script").count() == 0
    assert dialogs == []
