"""Today: the agenda, with done, snooze and log-a-coffee one click away on each entry."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from goodword.followups.service import complete_followup, get_followup
from goodword.interactions.models import InteractionKind
from goodword.nurture.queries import daily_agenda
from goodword.people.queries import resolve_person
from goodword.web.api.people import PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import InteractionInput, SnoozeInput, log_with, snooze_with
from goodword.web.templating import render

router = APIRouter()
FollowupId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SNOOZES = (("tomorrow", 1), ("in 3 days", 3), ("in a week", 7), ("in a month", 30))


def _agenda(request: Request, session: Session, now: Now, name: str) -> HTMLResponse:
    today = now.date()
    found = daily_agenda(session, now=now, today=today, everything=False)
    return render(request, name, {"agenda": found, "snoozes": snooze_choices(today)})


def snooze_choices(today: date) -> list[tuple[str, str]]:
    """The days an entry can be put off to, labelled as a person says them."""
    return [(label, (today + timedelta(days=days)).isoformat()) for label, days in SNOOZES]


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


@router.post("/today/{person_id}/snooze", response_class=HTMLResponse)
def snooze(
    request: Request,
    session: WriteSession,
    now: Now,
    person_id: PersonId,
    form: Annotated[SnoozeInput, Form()],
) -> HTMLResponse:
    """Puts their entry off (their follow-up, or a follow-up planned for that day); the agenda
    afterwards."""
    person = resolve_person(session, str(person_id))
    snooze_with(session, person=person, entry=form, today=now.date())
    return _agenda(request, session, now, "_agenda.html")
