"""Quick capture at an event, sized for a phone: the event, a name, where you met, a note."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from goodword.events.queries import list_events
from goodword.events.schemas import EventView
from goodword.people.queries import resolve_person
from goodword.people.schemas import PersonSummary
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import CaptureInput, CaptureResult, capture
from goodword.web.templating import render

router = APIRouter()


@router.get("/capture", response_class=HTMLResponse)
def capture_form(
    request: Request,
    session: ReadSession,
    event_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    added: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    events = [EventView.of(row) for row in list_events(session, limit=30)]
    captured = None
    if added is not None:
        by_id = {e.id: e.name for e in events}
        person = PersonSummary.of(resolve_person(session, str(added)))
        captured = CaptureResult(
            person=person, event_id=event_id, event_name=by_id.get(event_id or 0)
        )
    context = {"events": events, "event_id": event_id, "captured": captured}
    return render(request, "capture.html", context)


@router.post("/capture")
def capture_post(
    session: WriteSession, now: Now, form: Annotated[CaptureInput, Form()]
) -> Response:
    """Post, then redirect: a reload never adds the person twice, and the event stays picked
    for the next person met there."""
    done = capture(session, entry=form, today=now.date())
    where = f"&event_id={done.event_id}" if done.event_id else ""
    return RedirectResponse(f"/capture?added={done.person.id}{where}", status_code=303)
