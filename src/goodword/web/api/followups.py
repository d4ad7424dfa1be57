"""Open follow-ups (Today, until the agenda arrives)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from goodword.followups.queries import list_followups
from goodword.followups.schemas import FollowupView
from goodword.followups.service import complete_followup, get_followup
from goodword.web.deps import Now, ReadSession, WriteSession

router = APIRouter(tags=["followups"])
FollowupId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The follow-up's id.")]


@router.get(
    "/followups", summary="Open follow-ups, soonest first", response_model=list[FollowupView]
)
def get_followups(
    session: ReadSession, now: Now, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[FollowupView]:
    return list_followups(session, today=now.date(), limit=limit)


@router.post(
    "/followups/{followup_id}/done",
    summary="Mark a follow-up done (a recurring one schedules its next)",
    response_model=list[FollowupView],
)
def post_done(session: WriteSession, now: Now, followup_id: FollowupId) -> list[FollowupView]:
    """The open follow-ups afterwards."""
    complete_followup(session, followup=get_followup(session, followup_id), now=now)
    return list_followups(session, today=now.date(), limit=100)
