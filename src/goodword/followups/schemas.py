"""Read models for follow-ups."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from goodword.people.schemas import PersonSummary


class FollowupStatus(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    SNOOZED = "snoozed"
    DONE = "done"


class FollowupView(BaseModel):
    id: int
    person: PersonSummary
    due_on: str
    reason: str | None
    rule: str | None
    done_at: str | None
    snoozed_until: str | None
    status: FollowupStatus
