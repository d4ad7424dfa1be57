"""The web app over a real workspace (SQLite, and PostgreSQL when configured), with a small
network: you know Ann (CFO at Acme, a fintech), Ann knows Bob at Globex, and a person whose
name is a script tag, so every page that shows names shows it too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from goodword.clock import utcnow
from goodword.followups.service import schedule_followup
from goodword.interactions.models import InteractionKind
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import add_criterion
from goodword.people.service import PersonFields, get_owner
from goodword.profiles.service import add_contact, log_my_interaction, receive_referral
from goodword.relationships.service import connect_people
from goodword.web.app import create_app
from goodword.workspace import Workspace

SCRIPT = "<script>alert(1)</script>"


@dataclass
class Network:
    ann: int
    bob: int
    script: int


@pytest.fixture
def network(workspace: Workspace) -> Network:
    with workspace.transaction() as session:
        me = get_owner(session)
        add_criterion(session, field=IcpField.INDUSTRY, operator=IcpOperator.IS, value="Fintech")
        ann = add_contact(
            session,
            fields=PersonFields(name="Ann Lee", org="Acme", title="CFO", industry="Fintech"),
        )
        bob = add_contact(
            session,
            fields=PersonFields(name="Bob Stone", org="Globex", title="CEO", industry="Fintech"),
        )
        script = add_contact(
            session, fields=PersonFields(name=SCRIPT, org=SCRIPT, tags=("vip",)), note=SCRIPT
        )
        connect_people(session, a=me, b=ann, strength=0.9)
        connect_people(session, a=ann, b=bob, strength=0.8)
        connect_people(session, a=me, b=script, strength=0.5)
        connect_people(session, a=script, b=bob, strength=0.4)
        log_my_interaction(
            session, refs=[str(ann.id)], kind=InteractionKind.COFFEE, at=utcnow(), note=SCRIPT
        )
        schedule_followup(session, person=script, due_on=date(2026, 1, 1), reason=SCRIPT)
        receive_referral(
            session, from_ref=str(script.id), prospect_ref=str(bob.id), currency=None, at=utcnow()
        )
        return Network(ann=ann.id, bob=bob.id, script=script.id)


@pytest.fixture
def client(workspace: Workspace, network: Network, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(workspace, allowed_hosts=["testserver"], uploads=tmp_path / "uploads")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def token(client: TestClient) -> str:
    """The CSRF token the app's pages carry (fetching one sets the cookie)."""
    page = client.get("/capture")
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)
