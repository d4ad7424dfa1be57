"""Listing follow-ups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.followups.models import Followup
from goodword.followups.schemas import FollowupView
from goodword.people.queries import summaries_by_id
from goodword.storage.session import workspace_id


def list_followups(
    session: Session, *, include_done: bool = False, limit: int | None = None
) -> list[FollowupView]:
    """By due date; at most `limit` of them."""
    stmt = select(Followup).where(Followup.workspace_id == workspace_id(session))
    if not include_done:
        stmt = stmt.where(Followup.done_at.is_(None))
    found = list(session.scalars(stmt.order_by(Followup.due_on, Followup.id).limit(limit)))
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
        )
        for f in found
    ]
