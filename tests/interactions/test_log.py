"""Logging interactions: who took part, who started it, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.interactions.service import log_interaction
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.storage.session import workspace_id

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def stored_participants(session: Session, interaction_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Participant.person_id)
            .where(Participant.interaction_id == interaction_id)
            .order_by(Participant.person_id)
        )
    )


def interaction_count(session: Session) -> int:
    return len(
        session.scalars(
            select(Interaction.id).where(Interaction.workspace_id == workspace_id(session))
        ).all()
    )


def test_everyone_who_took_part_is_recorded(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    meeting = log_interaction(
        session, people=[ann, me, bob], kind=InteractionKind.MEETING, at=AT, note=" Lunch "
    )
    assert stored_participants(session, meeting.id) == sorted([me.id, ann.id, bob.id])
    assert (meeting.kind, meeting.at, meeting.note) == (InteractionKind.MEETING, AT, "Lunch")


def test_the_owner_is_not_needed_for_an_interaction_between_others(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    call = log_interaction(session, people=[ann, bob], kind=InteractionKind.CALL, at=AT)
    assert stored_participants(session, call.id) == sorted([ann.id, bob.id])


def test_someone_named_twice_takes_part_once(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    call = log_interaction(session, people=[me, ann, ann], kind=InteractionKind.CALL, at=AT)
    assert stored_participants(session, call.id) == [me.id, ann.id]


@pytest.mark.parametrize("names", [[], ["me"], ["ann"], ["ann", "ann"], ["me", "me"]])
def test_an_interaction_needs_at_least_two_different_people(
    session: Session, names: list[str]
) -> None:
    people = {"me": get_owner(session), "ann": add(session, "Ann Lee")}
    with pytest.raises(InvalidInput, match="at least two people"):
        log_interaction(
            session, people=[people[n] for n in names], kind=InteractionKind.CALL, at=AT
        )
    assert interaction_count(session) == 0


def test_who_started_it_is_recorded(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    call = log_interaction(
        session, people=[me, ann], kind=InteractionKind.CALL, at=AT, initiated_by=ann
    )
    assert call.initiated_by_id == ann.id


def test_only_someone_who_took_part_can_have_started_it(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    with pytest.raises(InvalidInput, match="Bob Stone did not take part"):
        log_interaction(
            session, people=[me, ann], kind=InteractionKind.CALL, at=AT, initiated_by=bob
        )
    assert interaction_count(session) == 0


@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 3, 2, 10, 30, tzinfo=timezone(timedelta(hours=1))),
        datetime(2026, 3, 2, 9, 30),  # naive means UTC
    ],
)
def test_the_time_reads_back_as_the_same_moment_in_utc(session: Session, at: datetime) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    call_id = log_interaction(session, people=[me, ann], kind=InteractionKind.CALL, at=at).id
    session.expire_all()
    stored = session.get_one(Interaction, call_id).at
    assert stored == AT
    assert stored.tzinfo is not None
