"""Today's agenda: whom to follow up, thank, brief or stay in touch with, and why."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from goodword.followups.schemas import FollowupView
from goodword.nurture.queries import daily_agenda
from goodword.nurture.schemas import Agenda
from goodword.people.queries import resolve_person
from goodword.web.api.people import PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import SnoozeInput, snooze_with

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


@router.post(
    "/agenda/{person_id}/snooze",
    summary="Put a person's agenda entry off until a later day",
    response_model=list[FollowupView],
)
def post_snooze(
    session: WriteSession, now: Now, person_id: PersonId, entry: SnoozeInput
) -> list[FollowupView]:
    """The follow-ups that hold the entry back: theirs, snoozed, or a new one due `until`."""
    person = resolve_person(session, str(person_id))
    return snooze_with(session, person=person, entry=entry, today=now.date())
