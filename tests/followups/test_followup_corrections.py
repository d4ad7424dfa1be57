"""Correcting and deleting follow-ups."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.followups.models import Followup
from goodword.followups.service import (
    delete_followup,
    edit_followup,
    schedule_followup,
    snooze_followup,
)
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person
from goodword.storage.session import workspace_id

TODAY = date(2026, 3, 10)


def a_followup(session: Session, **kwargs: str) -> Followup:
    ann = create_person(session, fields=PersonFields(name="Ann Lee"))
    return schedule_followup(session, person=ann, due_on=date(2026, 3, 20), **kwargs)


def test_a_new_due_date_replaces_the_snooze(session: Session) -> None:
    followup = a_followup(session, reason="thank her")
    snooze_followup(session, followup=followup, until=date(2026, 4, 1), today=TODAY)

    edit_followup(session, followup=followup, due_on=date(2026, 3, 25), reason=" call Le\u0301a ")

    assert (followup.due_on, followup.snoozed_until) == (date(2026, 3, 25), None)
    assert followup.reason == "call Léa"  # trimmed, and NFC as all stored text


def test_a_cadence_can_be_set_normalised_and_stopped(session: Session) -> None:
    followup = a_followup(session)

    edit_followup(session, followup=followup, rule="Quarterly")
    assert followup.rule == "every 3 months"
    edit_followup(session, followup=followup, once=True)
    assert followup.rule is None

    with pytest.raises(InvalidInput, match="repeats or happens once"):
        edit_followup(session, followup=followup, rule="monthly", once=True)
    with pytest.raises(InvalidInput, match="not a recurrence rule"):
        edit_followup(session, followup=followup, rule="now and then")
    assert followup.rule is None


def test_deleting_a_followup_keeps_the_person(session: Session) -> None:
    followup = a_followup(session)
    person_id = followup.person_id

    delete_followup(session, followup=followup)

    wid = workspace_id(session)
    assert session.scalars(select(Followup).where(Followup.workspace_id == wid)).all() == []
    assert session.get(Person, person_id) is not None
