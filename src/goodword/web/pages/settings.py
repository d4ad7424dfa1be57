"""Settings, read-only for now: your offering, your ICP and the brief they make
(`goodword me set` and `goodword icp add` change them)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from goodword.web.api.settings import settings_view
from goodword.web.deps import Now, WriteSession
from goodword.web.templating import render

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse)
def settings(request: Request, session: WriteSession, now: Now) -> HTMLResponse:
    return render(request, "settings.html", {"view": settings_view(session, now)})
