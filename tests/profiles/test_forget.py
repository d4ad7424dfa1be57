"""Deleting a person is complete: their data leaves every table (the right to be forgotten)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

import goodword.models
from goodword.errors import InvalidInput
from goodword.events.models import Attendance
from goodword.events.service import add_event, record_met
from goodword.followups.models import Followup
from goodword.followups.service import schedule_followup
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.interactions.service import log_interaction
from goodword.people.models import Handle, Note, Person
from goodword.people.schemas import PersonSummary
from goodword.people.service import (
    PersonFields,
    add_address,
    add_note,
    create_person,
    get_owner,
)
from goodword.profiles.forget import delete_person
from goodword.referrals.models import LedgerEntry, LedgerKind, Referral
from goodword.referrals.service import add_referral, record_give
from goodword.relationships.kinds import TieKind
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie
from goodword.storage.session import workspace_id

T = TypeVar("T")
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(session: Session, name: str, **fields: object) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))  # type: ignore[arg-type]


@dataclass
class Network:
    me: Person
    ann: Person
    bob: Person
    cat: Person
    pair_call: Interaction
    group_call: Interaction
    bob_call: Interaction
    ann_as_prospect: Referral
    referral_via_ann: Referral


def build(session: Session) -> Network:
    """Ann touches every table; Bob and Cat have data of their own that must survive."""
    me = get_owner(session)
    ann = add(
        session,
        "Ann Lee",
        emails=["ann@acme.example"],
        phones=["+14155550100"],
        linkedin="linkedin.com/in/annlee",
        org="Acme",
        title="CFO",
        tags=["founder", "chamber"],
        nickname="Annie",
        ims=["skype:ann.lee"],
    )
    add_address(session, person=ann, label="work", street="1 Quai Perrache", city="Lyon")
    bob = add(session, "Bob Stone", emails=["bob@globex.example"], org="Acme", tags=["founder"])
    cat = add(session, "Cat Wu", emails=["cat@initech.example"])
    connect_people(session, a=ann, b=me, kind=TieKind.MENTOR, strength=0.7)
    connect_people(session, a=bob, b=ann, kind=TieKind.INTRODUCED)
    connect_people(session, a=bob, b=cat, strength=0.4)
    connect_people(session, a=me, b=bob)
    pair_call = log_interaction(session, people=[me, ann], kind=InteractionKind.CALL, at=AT)
    group_call = log_interaction(
        session, people=[me, ann, bob], kind=InteractionKind.MEETING, at=AT, initiated_by=ann
    )
    bob_call = log_interaction(session, people=[me, bob], kind=InteractionKind.COFFEE, at=AT)
    event = add_event(session, name="Chamber mixer", starts_on=AT.date())
    record_met(session, event=event, people=[ann, bob])
    record_give(session, giver=me, receiver=ann, kind=LedgerKind.INTRODUCTION, on=AT.date())
    record_give(session, giver=ann, receiver=me, kind=LedgerKind.HELP, on=AT.date())
    record_give(session, giver=me, receiver=bob, kind=LedgerKind.INFORMATION, on=AT.date())
    add_referral(session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=AT)
    add_referral(session, referrer=me, prospect=cat, receiver=ann, currency="USD", at=AT)
    ann_as_prospect = add_referral(
        session, referrer=bob, prospect=ann, receiver=me, currency="USD", at=AT
    )
    referral_via_ann = add_referral(
        session,
        referrer=bob,
        prospect=cat,
        receiver=me,
        via=[ann],
        currency="USD",
        value=Decimal("500.00"),
        at=AT,
    )
    schedule_followup(session, person=ann, due_on=date(2026, 4, 1), rule="monthly")
    schedule_followup(session, person=bob, due_on=date(2026, 4, 1))
    add_note(session, person=ann, body="Ann is moving to Lyon")
    add_note(session, person=bob, body="Bob plays golf")
    return Network(
        me, ann, bob, cat, pair_call, group_call, bob_call, ann_as_prospect, referral_via_ann
    )


def in_workspace(session: Session, column: InstrumentedAttribute[T]) -> list[T]:
    """One column of every row of its table in this test's workspace, in id order."""
    table: Any = column.class_
    return list(
        session.scalars(
            select(column).where(table.workspace_id == workspace_id(session)).order_by(column)
        )
    )


def rows_naming(session: Session, person_id: int) -> dict[str, int]:
    """For every column of every table that refers to a person, the rows that name this one."""
    found = {}
    for table in goodword.models.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "person" for fk in column.foreign_keys):
                count = session.scalar(
                    select(func.count()).select_from(table).where(column == person_id)
                )
                if count:
                    found[f"{table.name}.{column.name}"] = count
    return found


def test_the_person_to_delete_appears_in_every_column_that_refers_to_people(
    session: Session,
) -> None:
    # Guards the scan below: a column Ann never appeared in would prove nothing.
    net = build(session)
    person_columns = {
        f"{table.name}.{column.name}"
        for table in goodword.models.metadata.sorted_tables
        for column in table.columns
        if any(fk.column.table.name == "person" for fk in column.foreign_keys)
    }
    assert len(person_columns) >= 16
    assert set(rows_naming(session, net.ann.id)) == person_columns


def test_a_deleted_person_leaves_no_row_in_any_table(session: Session) -> None:
    net = build(session)
    ann_id = net.ann.id
    assert rows_naming(session, ann_id) != {}

    delete_person(session, person=net.ann)

    assert session.get(Person, ann_id) is None
    assert rows_naming(session, ann_id) == {}


def test_a_deleted_prospect_leaves_no_row_in_any_table(session: Session) -> None:
    net = build(session)
    cat_id = net.cat.id
    delete_person(session, person=net.cat)
    assert rows_naming(session, cat_id) == {}
    assert in_workspace(session, Referral.id) == [net.ann_as_prospect.id]


def test_an_interaction_with_only_the_owner_left_disappears(session: Session) -> None:
    net = build(session)
    pair_id = net.pair_call.id
    delete_person(session, person=net.ann)
    assert session.get(Interaction, pair_id) is None


def test_a_group_interaction_stays_without_the_deleted_person(session: Session) -> None:
    net = build(session)
    group_id = net.group_call.id
    delete_person(session, person=net.ann)
    group = session.get_one(Interaction, group_id)
    assert {p.person_id for p in group.participants} == {net.me.id, net.bob.id}
    assert group.initiated_by_id is None


def test_everyone_elses_data_survives_a_delete(session: Session) -> None:
    net = build(session)
    me_id, bob_id, cat_id = net.me.id, net.bob.id, net.cat.id
    delete_person(session, person=net.ann)

    summary = PersonSummary.of(session.get_one(Person, bob_id))
    assert (summary.emails, summary.org, summary.tags) == (
        ["bob@globex.example"],
        "Acme",
        ["founder"],
    )
    assert in_workspace(session, Person.id) == [me_id, bob_id, cat_id]
    assert find_tie(session, bob_id, cat_id) is not None
    assert find_tie(session, bob_id, me_id) is not None
    assert len(in_workspace(session, Relationship.id)) == 2
    bob_in = session.scalars(
        select(Participant.interaction_id).where(Participant.person_id == bob_id)
    ).all()
    assert set(bob_in) == {net.group_call.id, net.bob_call.id}
    # What Bob got from me, and the referral Bob made that Ann only passed along.
    assert sorted(
        (e.giver_id, e.receiver_id, e.kind)
        for e in session.scalars(
            select(LedgerEntry).where(LedgerEntry.workspace_id == workspace_id(session))
        )
    ) == sorted([(me_id, bob_id, LedgerKind.INFORMATION), (bob_id, me_id, LedgerKind.REFERRAL)])
    assert in_workspace(session, Referral.id) == [net.referral_via_ann.id]
    kept = session.get_one(Referral, net.referral_via_ann.id)
    assert (kept.referrer_id, kept.prospect_id, kept.value) == (bob_id, cat_id, Decimal("500.00"))
    assert kept.via == []
    assert in_workspace(session, Attendance.person_id) == [bob_id]
    assert in_workspace(session, Followup.person_id) == [bob_id]
    assert in_workspace(session, Note.body) == ["Bob plays golf"]


def test_a_deleted_persons_handles_can_be_used_again(session: Session) -> None:
    net = build(session)
    delete_person(session, person=net.ann)
    again = add(session, "Ann Lee", emails=["ann@acme.example"])
    assert in_workspace(session, Handle.value) == [
        "ann@acme.example",
        "bob@globex.example",
        "cat@initech.example",
    ]
    assert PersonSummary.of(again).emails == ["ann@acme.example"]


def test_the_owner_cannot_be_deleted(session: Session) -> None:
    me = get_owner(session)
    with pytest.raises(InvalidInput, match="owner cannot be deleted"):
        delete_person(session, person=me)
    assert get_owner(session).id == me.id
