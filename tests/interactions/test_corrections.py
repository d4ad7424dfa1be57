"""Correcting and deleting interactions, and listing them newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput, NotFound
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.interactions.queries import get_interaction, list_interactions
from goodword.interactions.service import delete_interaction, edit_interaction, log_interaction
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def test_deleting_an_interaction_removes_its_participants_but_not_the_people(
    session: Session,
) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    gone = log_interaction(session, people=[me, ann, bob], kind=InteractionKind.COFFEE, at=AT)
    kept = log_interaction(session, people=[me, ann], kind=InteractionKind.CALL, at=AT)
    gone_id = gone.id

    delete_interaction(session, interaction=gone)

    left = session.scalars(select(Participant.interaction_id).distinct()).all()
    assert gone_id not in left
    assert kept.id in left
    assert session.get(Interaction, gone_id) is None
    assert {session.get_one(Person, p.id).name for p in (ann, bob)} == {"Ann Lee", "Bob Stone"}
    with pytest.raises(NotFound, match=f"No interaction #{gone_id}"):
        get_interaction(session, gone_id)


def test_editing_changes_only_what_is_given_and_an_empty_note_clears(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    logged = log_interaction(
        session, people=[me, ann], kind=InteractionKind.CALL, at=AT, note="hi", initiated_by=me
    )
    later = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)

    edit_interaction(session, interaction=logged, kind=InteractionKind.VIDEO, at=later)
    assert (logged.kind, logged.at, logged.note) == (InteractionKind.VIDEO, later, "hi")
    edit_interaction(session, interaction=logged, note=" Cafe\u0301 ")  # stored NFC
    assert logged.note == "Café"
    edit_interaction(session, interaction=logged, note=" ")
    assert logged.note is None


def test_they_initiated_names_the_other_person_and_i_initiated_names_you(
    session: Session,
) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    logged = log_interaction(
        session, people=[me, ann], kind=InteractionKind.CALL, at=AT, initiated_by=me
    )

    edit_interaction(session, interaction=logged, they_initiated=True)
    assert logged.initiated_by_id == ann.id
    edit_interaction(session, interaction=logged, they_initiated=False)
    assert logged.initiated_by_id == me.id


def test_you_cannot_have_initiated_what_you_were_not_at(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    theirs = log_interaction(session, people=[ann, bob], kind=InteractionKind.EMAIL, at=AT)

    with pytest.raises(InvalidInput, match="did not take part"):
        edit_interaction(session, interaction=theirs, they_initiated=False)


def test_a_persons_interactions_are_listed_newest_first(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    first = log_interaction(session, people=[me, ann], kind=InteractionKind.CALL, at=AT)
    later = datetime(2026, 4, 1, tzinfo=UTC)
    second = log_interaction(session, people=[me, ann, bob], kind=InteractionKind.COFFEE, at=later)

    assert [v.id for v in list_interactions(session)] == [second.id, first.id]
    assert [v.id for v in list_interactions(session, person=bob)] == [second.id]
    assert [v.id for v in list_interactions(session, limit=1)] == [second.id]
    (view,) = list_interactions(session, person=bob)
    assert [p.name for p in view.people] == ["Me", "Ann Lee", "Bob Stone"]
