"""Notes about a person: written, corrected in place, deleted one at a time."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput, NotFound
from goodword.people.queries import get_note, list_notes
from goodword.people.service import (
    PersonFields,
    add_note,
    create_person,
    delete_note,
    edit_note,
)


def test_editing_a_note_keeps_its_date_and_place_in_order(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    first = add_note(session, person=ann, body="met at the gala")
    add_note(session, person=ann, body="two kids")
    written = first.created_at

    edit_note(session, note=first, body="  met at the spring gala ")

    assert first.created_at == written
    assert [n.body for n in list_notes(session, person=ann)] == [
        "met at the spring gala",
        "two kids",
    ]
    with pytest.raises(InvalidInput, match="cannot be empty"):
        edit_note(session, note=first, body="\n ")


def test_deleting_a_note_leaves_the_person_and_their_other_notes(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    gone = add_note(session, person=ann, body="met at the gala")
    add_note(session, person=ann, body="two kids")
    gone_id = gone.id

    delete_note(session, note=gone)

    assert [n.body for n in list_notes(session, person=ann)] == ["two kids"]
    with pytest.raises(NotFound, match=f"No note #{gone_id}"):
        get_note(session, gone_id)
