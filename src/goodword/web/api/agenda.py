"""Today's agenda: whom to follow up, thank, brief or stay in touch with, and why."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from goodword.nurture.queries import daily_agenda
from goodword.nurture.schemas import Agenda
from goodword.web.deps import Now, ReadSession

router = APIRouter(tags=["agenda"])


@router.get(
    "/agenda",
    summary="Today's actions, most urgent first, each with its reason",
    response_model=Agenda,
)
def get_agenda(
    session: ReadSession,
    now: Now,
    day: Annotated[date | None, Query(alias="date", description="The day to plan.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=500)] = None,
    everything: Annotated[bool, Query(alias="all")] = False,
) -> Agenda:
    return daily_agenda(
        session, now=now, today=day or now.date(), limit=limit, everything=everything
    )
