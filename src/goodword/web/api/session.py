"""The token programs send back with every unsafe request (browsers get it in the page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from goodword.web.security import COOKIE, HEADER, csrf_token

router = APIRouter(tags=["session"])


class SessionView(BaseModel):
    csrf_token: str
    header: str = HEADER
    cookie: str = COOKIE


@router.get("/session", summary="The CSRF token for this client", response_model=SessionView)
def get_session(request: Request) -> SessionView:
    """Send `csrf_token` in the `X-CSRF-Token` header, with the cookie this response sets."""
    return SessionView(csrf_token=csrf_token(request))
