"""Listing follow-ups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.followups.models import Followup
from goodword.followups.schemas import FollowupStatus, FollowupView
from goodword.people.queries import summaries_by_id
from goodword.storage.session import workspace_id


def list_followups(
    session: Session, *, today: date, include_done: bool = False, limit: int | None = None
) -> list[FollowupView]:
    """By the date each is next due: a snoozed one by the day its snooze ends. At most `limit`."""
    stmt = select(Followup).where(Followup.workspace_id == workspace_id(session))
    if not include_done:
        stmt = stmt.where(Followup.done_at.is_(None))
    next_due = func.coalesce(Followup.snoozed_until, Followup.due_on)
    found = list(session.scalars(stmt.order_by(next_due, Followup.id).limit(limit)))
    return followup_views(session, found, today=today)


def followup_views(session: Session, found: list[Followup], *, today: date) -> list[FollowupView]:
    people = summaries_by_id(session, {f.person_id for f in found})
    return [
        FollowupView(
            id=f.id,
            person=people[f.person_id],
            due_on=f.due_on.isoformat(),
            reason=f.reason,
            rule=f.rule,
            done_at=f.done_at.isoformat() if f.done_at else None,
            snoozed_until=f.snoozed_until.isoformat() if f.snoozed_until else None,
            status=_status(f, today),
        )
        for f in found
    ]


def _status(followup: Followup, today: date) -> FollowupStatus:
    if followup.done_at is not None:
        return FollowupStatus.DONE
    if followup.snoozed_until is not None and followup.snoozed_until > today:
        return FollowupStatus.SNOOZED
    if (followup.snoozed_until or followup.due_on) < today:
        return FollowupStatus.OVERDUE
    return FollowupStatus.OPEN
