"""Today: the agenda, with done and log-a-coffee one click away on each entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from goodword.followups.service import complete_followup, get_followup
from goodword.interactions.models import InteractionKind
from goodword.nurture.queries import daily_agenda
from goodword.people.queries import resolve_person
from goodword.web.api.people import PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import InteractionInput, log_with
from goodword.web.templating import render

router = APIRouter()
FollowupId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _agenda(request: Request, session: Session, now: Now, name: str) -> HTMLResponse:
    found = daily_agenda(session, now=now, today=now.date(), everything=False)
    return render(request, name, {"agenda": found})


@router.get("/", response_class=HTMLResponse)
def today(request: Request, session: ReadSession, now: Now) -> HTMLResponse:
    return _agenda(request, session, now, "today.html")


@router.post("/followups/{followup_id}/done", response_class=HTMLResponse)
def done(
    request: Request, session: WriteSession, now: Now, followup_id: FollowupId
) -> HTMLResponse:
    """The agenda afterwards (a recurring follow-up schedules its next)."""
    complete_followup(session, followup=get_followup(session, followup_id), now=now)
    return _agenda(request, session, now, "_agenda.html")


@router.post("/today/{person_id}/coffee", response_class=HTMLResponse)
def coffee(request: Request, session: WriteSession, now: Now, person_id: PersonId) -> HTMLResponse:
    """Logs a coffee with them now, which answers a follow-up or a stay-in-touch; the agenda
    afterwards."""
    person = resolve_person(session, str(person_id))
    log_with(session, person=person, entry=InteractionInput(kind=InteractionKind.COFFEE), now=now)
    return _agenda(request, session, now, "_agenda.html")
