"""Referrals as a board: a column per status; moving a card changes its status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from goodword.referrals.pipeline import ReferralStatus
from goodword.web.api.referrals import Move, ReferralId, board, move
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.templating import render

router = APIRouter()


@router.get("/referrals", response_class=HTMLResponse)
def referrals(request: Request, session: ReadSession) -> HTMLResponse:
    context = {"columns": board(session), "statuses": list(ReferralStatus)}
    return render(request, "referrals.html", context)


@router.post("/referrals/{referral_id}/move", response_class=HTMLResponse)
def move_card(
    request: Request,
    session: WriteSession,
    now: Now,
    referral_id: ReferralId,
    form: Annotated[Move, Form()],
) -> HTMLResponse:
    """The board afterwards; a refused move answers with the error fragment instead."""
    move(session, now, referral_id, form)
    context = {"columns": board(session), "statuses": list(ReferralStatus)}
    return render(request, "_board.html", context)
