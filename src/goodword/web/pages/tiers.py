"""A person's stay-in-touch tier and next step on their page: a partial the page loads, the
tier changed in place."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from goodword.nurture.queries import ladder_of, tier_of
from goodword.nurture.schemas import TierView
from goodword.nurture.service import CHOICES, choose_tier
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.web.api.people import PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.settings_inputs import TierInput
from goodword.web.templating import render

router = APIRouter()


def _partial(
    request: Request, session: Session, now: datetime, person: Person, view: TierView
) -> HTMLResponse:
    ladder = None if person.is_me else ladder_of(session, person=person, now=now)
    context = {
        "person_id": person.id,
        "is_me": person.is_me,
        "tier": view,
        "ladder": ladder,
        "choices": CHOICES,
    }
    return render(request, "_person_tier.html", context)


@router.get("/people/{person_id}/tier", response_class=HTMLResponse)
def person_tier(
    request: Request, session: ReadSession, now: Now, person_id: PersonId
) -> HTMLResponse:
    person = resolve_person(session, str(person_id))
    return _partial(request, session, now, person, tier_of(session, person=person, now=now))


@router.post("/people/{person_id}/tier", response_class=HTMLResponse)
def set_person_tier(
    request: Request,
    session: WriteSession,
    now: Now,
    person_id: PersonId,
    form: Annotated[TierInput, Form()],
) -> HTMLResponse:
    person, view = choose_tier(session, ref=str(person_id), tier=form.tier, now=now)
    return _partial(request, session, now, person, view)
