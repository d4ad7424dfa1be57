"""Scheduling, completing and snoozing follow-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.followups.models import Followup
from goodword.followups.recurrence import parse_rule
from goodword.followups.service import (
    complete_followup,
    get_followup,
    schedule_followup,
    snooze_followup,
)
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.storage.session import workspace_id
from goodword.workspace import Workspace, open_workspace

TODAY = date(2026, 3, 10)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def at(day: date, hour: int = 17) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def followups_of(session: Session, person: Person) -> list[Followup]:
    return list(
        session.scalars(
            select(Followup)
            .where(Followup.workspace_id == workspace_id(session), Followup.person_id == person.id)
            .order_by(Followup.id)
        )
    )


@pytest.mark.parametrize("rule", ["Every 2  Weeks", "fortnightly", "every 14 days", "monthly"])
def test_a_scheduled_followup_keeps_its_reason_and_rule(session: Session, rule: str) -> None:
    ann = add(session, "Ann Lee")
    followup = schedule_followup(
        session, person=ann, due_on=TODAY, reason="  Send the deck ", rule=rule
    )
    assert get_followup(session, followup.id) is followup
    assert (followup.due_on, followup.reason) == (TODAY, "Send the deck")
    assert followup.rule is not None
    assert parse_rule(followup.rule) == parse_rule(rule)


def test_completing_a_recurring_followup_counts_the_next_from_the_completion_date(
    session: Session,
) -> None:
    ann = add(session, "Ann Lee")
    late = schedule_followup(
        session, person=ann, due_on=date(2026, 1, 10), reason="Coffee", rule="monthly"
    )
    following = complete_followup(session, followup=late, now=at(date(2026, 1, 20)))
    assert following is not None
    assert following.due_on == date(2026, 2, 20)  # not 10 February, the old due date + 1 month
    assert (following.person_id, following.reason, following.rule) == (ann.id, "Coffee", late.rule)
    assert following.done_at is None
    assert late.done_at == at(date(2026, 1, 20))
    assert followups_of(session, ann) == [late, following]


def test_completing_a_recurring_followup_early_also_counts_from_the_completion_date(
    session: Session,
) -> None:
    ann = add(session, "Ann Lee")
    early = schedule_followup(session, person=ann, due_on=date(2026, 3, 31), rule="every 30 days")
    following = complete_followup(session, followup=early, now=at(date(2026, 3, 1)))
    assert following is not None
    assert following.due_on == date(2026, 3, 31)


def test_completing_a_one_off_followup_schedules_nothing(session: Session) -> None:
    ann = add(session, "Ann Lee")
    once = schedule_followup(session, person=ann, due_on=TODAY)
    assert complete_followup(session, followup=once, now=at(TODAY)) is None
    assert followups_of(session, ann) == [once]


def test_completing_a_followup_twice_is_a_conflict(session: Session) -> None:
    ann = add(session, "Ann Lee")
    followup = schedule_followup(session, person=ann, due_on=TODAY, rule="weekly")
    complete_followup(session, followup=followup, now=at(TODAY))
    with pytest.raises(Conflict, match=f"#{followup.id} was already done on {TODAY}"):
        complete_followup(session, followup=followup, now=at(TODAY, 18))
    assert len(followups_of(session, ann)) == 2


def test_a_completed_followup_reads_back_as_done_in_a_new_transaction(
    workspace: Workspace,
) -> None:
    with workspace.transaction() as session:
        followup_id = schedule_followup(session, person=add(session, "Ann Lee"), due_on=TODAY).id
    with workspace.transaction() as session:
        complete_followup(session, followup=get_followup(session, followup_id), now=at(TODAY))
    with workspace.transaction() as session:
        followup = get_followup(session, followup_id)
        assert followup.done_at == at(TODAY)
        with pytest.raises(Conflict):
            complete_followup(session, followup=followup, now=at(TODAY))


@pytest.mark.parametrize("until", [date(2026, 3, 9), TODAY])
def test_snoozing_to_today_or_the_past_is_invalid(session: Session, until: date) -> None:
    followup = schedule_followup(session, person=add(session, "Ann Lee"), due_on=TODAY)
    with pytest.raises(InvalidInput, match="not in the future"):
        snooze_followup(session, followup=followup, until=until, today=TODAY)
    assert followup.snoozed_until is None


def test_snoozing_to_a_later_date_is_kept(session: Session) -> None:
    followup = schedule_followup(session, person=add(session, "Ann Lee"), due_on=TODAY)
    snooze_followup(session, followup=followup, until=date(2026, 3, 17), today=TODAY)
    assert followup.snoozed_until == date(2026, 3, 17)
    assert followup.due_on == TODAY


def test_a_done_followup_cannot_be_snoozed(session: Session) -> None:
    followup = schedule_followup(session, person=add(session, "Ann Lee"), due_on=TODAY)
    complete_followup(session, followup=followup, now=at(TODAY))
    with pytest.raises(Conflict, match="already done"):
        snooze_followup(session, followup=followup, until=date(2026, 3, 17), today=TODAY)


def test_a_followup_with_yourself_is_invalid(session: Session) -> None:
    with pytest.raises(InvalidInput, match="not yourself"):
        schedule_followup(session, person=get_owner(session), due_on=TODAY)


def test_a_bad_rule_is_invalid_and_schedules_nothing(session: Session) -> None:
    ann = add(session, "Ann Lee")
    with pytest.raises(InvalidInput, match="'sometimes' is not a recurrence rule"):
        schedule_followup(session, person=ann, due_on=TODAY, rule="sometimes")
    assert followups_of(session, ann) == []


def test_an_accepted_rule_can_always_be_completed(session: Session) -> None:
    # A rule so long that the next date overflows the calendar must be refused when scheduled,
    # not crash later when the user marks the follow-up done.
    ann = add(session, "Ann Lee")
    try:
        followup = schedule_followup(session, person=ann, due_on=TODAY, rule="every 10000 years")
    except InvalidInput:
        return
    complete_followup(session, followup=followup, now=at(TODAY))


def test_a_followup_of_another_workspace_is_not_found(workspace: Workspace) -> None:
    other = open_workspace(bind=workspace.bind, name=f"{workspace.name}-other")
    with other.transaction() as session:
        theirs = schedule_followup(session, person=add(session, "Ann Lee"), due_on=TODAY).id
    with workspace.transaction() as session, pytest.raises(NotFound, match=f"#{theirs}"):
        get_followup(session, theirs)
