"""Scheduling, completing and snoozing follow-ups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput
from goodword.followups.models import Followup
from goodword.followups.recurrence import next_due, parse_rule
from goodword.people.models import Person
from goodword.storage.session import get_scoped, workspace_id
from goodword.text import clean_text


def get_followup(session: Session, followup_id: int) -> Followup:
    """Raises: NotFound for an id not in this workspace."""
    return get_scoped(
        session, Followup, followup_id, what="follow-up", hint="See `goodword followup list`."
    )


def schedule_followup(
    session: Session,
    *,
    person: Person,
    due_on: date,
    reason: str | None = None,
    rule: str | None = None,
) -> Followup:
    """Raises: InvalidInput for a follow-up with yourself or a bad recurrence rule."""
    if person.is_me:
        raise InvalidInput("A follow-up is with someone else, not yourself.")
    followup = Followup(
        workspace_id=workspace_id(session),
        person_id=person.id,
        due_on=due_on,
        reason=clean_text(reason or "") or None,
        rule=str(parse_rule(rule)) if rule else None,
    )
    session.add(followup)
    session.flush()
    return followup


def complete_followup(session: Session, *, followup: Followup, now: datetime) -> Followup | None:
    """Marks it done; returns the next occurrence for a recurring one.

    Completing a recurring follow-up schedules the next one from the completion date,
    not the due date, so a late contact does not bunch the next ones up.

    Raises: Conflict when it is already done.
    """
    if followup.done_at is not None:
        raise Conflict(f"Follow-up #{followup.id} was already done on {followup.done_at.date()}.")
    followup.done_at = now
    following = None
    if followup.rule:
        following = Followup(
            workspace_id=followup.workspace_id,
            person_id=followup.person_id,
            due_on=next_due(parse_rule(followup.rule), now.date()),
            reason=followup.reason,
            rule=followup.rule,
        )
        session.add(following)
    session.flush()
    return following


def edit_followup(
    session: Session,
    *,
    followup: Followup,
    due_on: date | None = None,
    reason: str | None = None,
    rule: str | None = None,
    once: bool = False,
) -> Followup:
    """Corrects a follow-up; `once` stops it repeating. A new due date replaces any snooze.

    Raises: InvalidInput for a bad recurrence rule, or a rule together with `once`.
    """
    if rule is not None and once:
        raise InvalidInput("A follow-up either repeats or happens once; pass --every or --once.")
    if rule is not None:
        followup.rule = str(parse_rule(rule))
    if once:
        followup.rule = None
    if due_on is not None:
        followup.due_on = due_on
        followup.snoozed_until = None
    if reason is not None:
        followup.reason = clean_text(reason) or None
    session.flush()
    return followup


def delete_followup(session: Session, *, followup: Followup) -> None:
    """Only this occurrence goes; earlier ones already done stay as the record of contact."""
    session.delete(followup)
    session.flush()


def snooze_followup(session: Session, *, followup: Followup, until: date, today: date) -> Followup:
    """Raises: InvalidInput for a date not after today; Conflict when already done."""
    if followup.done_at is not None:
        raise Conflict(f"Follow-up #{followup.id} is already done; there is nothing to snooze.")
    if until <= today:
        raise InvalidInput(f"Snooze until {until} is not in the future.")
    followup.snoozed_until = until
    session.flush()
    return followup
