"""Today: the open follow-ups, done with one click (the agenda will take this page over)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from goodword.followups.queries import list_followups
from goodword.web.api.followups import post_done
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def today(request: Request, session: ReadSession, now: Now) -> HTMLResponse:
    followups = list_followups(session, today=now.date(), limit=100)
    return render(request, "today.html", {"followups": followups})


@router.post("/followups/{followup_id}/done", response_class=HTMLResponse)
def done(
    request: Request,
    session: WriteSession,
    now: Now,
    followup_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> HTMLResponse:
    followups = post_done(session, now, followup_id)
    return render(request, "_followups.html", {"followups": followups})
