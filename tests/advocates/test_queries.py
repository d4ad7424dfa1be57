"""Advocate rankings, prospects and paths on real databases: `--as-of` sees only what was
recorded by then, and SQLite and PostgreSQL give the same answers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from conftest import needs_pg
from goodword.advocates.queries import person_scores, rank_advocates
from goodword.interactions.models import InteractionKind
from goodword.interactions.service import log_interaction
from goodword.intros.queries import paths_to_icp, rank_prospects
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import add_criterion
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.referrals.models import LedgerKind, ReferralStatus
from goodword.referrals.service import add_referral, move_referral, record_give
from goodword.relationships.service import connect_people
from goodword.workspace import open_workspace

CUTOFF = datetime(2026, 6, 30, 23, 59, tzinfo=UTC)
LONG_AGO = date(2025, 1, 1)


def person(session: Session, name: str, **fields: Any) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))


def at(month: int, day: int = 1) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=UTC)


def build_world(session: Session) -> dict[str, Person]:
    """Before the cut-off: Ann close to me and to founders; Harry close to me, not to them."""
    me = get_owner(session)
    add_criterion(session, field=IcpField.INDUSTRY, operator=IcpOperator.IS, value="Software")
    ann = person(session, "Ann Lee", title="Accountant", industry="Accounting")
    harry = person(session, "Harry Hub", industry="Retail")
    founders = [person(session, f"Founder {i}", industry="Software") for i in range(3)]
    shops = [person(session, f"Shop {i}", industry="Retail") for i in range(5)]
    for f in founders:
        connect_people(session, a=ann, b=f, strength=0.8, since=LONG_AGO)
    for s in shops:
        connect_people(session, a=harry, b=s, strength=0.8, since=LONG_AGO)
    for month in (2, 3, 5, 6):
        log_interaction(
            session, people=[me, ann], kind=InteractionKind.COFFEE, at=at(month), initiated_by=ann
        )
        log_interaction(
            session, people=[me, harry], kind=InteractionKind.COFFEE, at=at(month), initiated_by=me
        )
    referral = add_referral(
        session, referrer=ann, prospect=founders[0], receiver=me, currency="USD", at=at(4)
    )
    move_referral(session, referral=referral, status=ReferralStatus.WON, at=at(5))
    return {"me": me, "ann": ann, "harry": harry, "founder": founders[1]}


def add_later_records(session: Session, world: dict[str, Person]) -> None:
    """All after the cut-off: these must not change what `--as-of` the cut-off says."""
    me, harry = world["me"], world["harry"]
    later = [person(session, f"Later founder {i}", industry="Software") for i in range(4)]
    for f in later:
        connect_people(session, a=harry, b=f, strength=1.0)
    for month in (8, 9, 10):
        log_interaction(session, people=[me, harry], kind=InteractionKind.MEETING, at=at(month))
    add_referral(session, referrer=harry, prospect=later[0], receiver=me, currency="USD", at=at(9))
    record_give(session, giver=harry, receiver=me, kind=LedgerKind.HELP, on=date(2026, 9, 2))


def snapshot(session: Session, world: dict[str, Person]) -> dict[str, Any]:
    now = CUTOFF + timedelta(days=400)
    return {
        "advocates": [
            r.model_dump(mode="json") for r in rank_advocates(session, now=now, as_of=CUTOFF)
        ],
        "ann": person_scores(session, person_id=world["ann"].id, now=now, as_of=CUTOFF).model_dump(
            mode="json"
        ),
    }


def test_as_of_ignores_everything_recorded_after_the_date(session: Session) -> None:
    world = build_world(session)
    before = snapshot(session, world)

    add_later_records(session, world)

    assert snapshot(session, world) == before
    harry = next(r for r in rank_advocates(session, now=at(11)) if r.person.name == "Harry Hub")
    assert harry.components["reach"] > 0  # the later ties do count without --as-of


def test_the_ranking_and_its_reasons(session: Session) -> None:
    build_world(session)

    rows = rank_advocates(session, now=at(7))

    assert [r.person.name for r in rows[:2]] == ["Ann Lee", "Harry Hub"]
    ann = rows[0]
    assert "Referred 1 person to you, 1 won" in ann.reasons
    assert ann.components["reach"] > rows[1].components["reach"] == 0.0
    assert {"advocate", "hidden advocate"} <= set(ann.roles) or "advocate" in ann.roles


def outcome(session: Session) -> dict[str, Any]:
    """What a user sees, keyed by names (ids differ between databases)."""
    now = at(7)
    return {
        "advocates": [
            (r.person.name, round(r.score, 9), r.reasons, r.roles)
            for r in rank_advocates(session, now=now)
        ],
        "prospects": [
            (r.person.name, r.fit, r.best_path and r.best_path.reason)
            for r in rank_prospects(session, now=now)
        ],
        "paths": [
            (p.target.name, round(p.strength, 6), p.reason) for p in paths_to_icp(session, now=now)
        ],
    }


@pytest.fixture
def both(sqlite_engine: Engine, pg_engine: Engine) -> Iterator[list[Session]]:
    """A fresh workspace on each database, rolled back afterwards."""
    with ExitStack() as stack:
        sessions = []
        for engine in (sqlite_engine, pg_engine):
            connection = stack.enter_context(engine.connect())
            stack.callback(connection.begin().rollback)
            workspace = open_workspace(bind=connection, name=f"test-{uuid.uuid4().hex[:8]}")
            sessions.append(stack.enter_context(workspace.transaction()))
        yield sessions


@needs_pg
def test_sqlite_and_postgresql_give_the_same_answers(both: list[Session]) -> None:
    lite, pg = both
    build_world(lite)
    build_world(pg)

    assert outcome(lite) == outcome(pg)
