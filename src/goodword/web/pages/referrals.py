"""Referrals as a list (the board comes with moving cards)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from goodword.web.api.referrals import get_referrals
from goodword.web.deps import ReadSession
from goodword.web.templating import render

router = APIRouter()


@router.get("/referrals", response_class=HTMLResponse)
def referrals(request: Request, session: ReadSession) -> HTMLResponse:
    return render(request, "referrals.html", {"referrals": get_referrals(session, limit=500)})
