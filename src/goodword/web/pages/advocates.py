"""Advocates ranked with explanations, and warm-introduction paths with a draft ask."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from goodword.advocates.queries import ROLES, rank_advocates
from goodword.errors import GoodwordError
from goodword.intros.asking import PathAsk
from goodword.people.queries import resolve_person
from goodword.web.api.advocates import Role, find_paths
from goodword.web.deps import Now, ReadSession
from goodword.web.errors import ErrorBody, body_of
from goodword.web.templating import render

router = APIRouter()


@router.get("/advocates", response_class=HTMLResponse)
def advocates(request: Request, session: ReadSession, now: Now, role: Role = None) -> HTMLResponse:
    rows = rank_advocates(session, now=now, top=50, role=role or None)
    return render(request, "advocates.html", {"rows": rows, "roles": ROLES, "role": role})


@router.get("/paths", response_class=HTMLResponse)
def paths(
    request: Request,
    session: ReadSession,
    now: Now,
    to: Literal["icp", "org", "person"] = "icp",
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    text = (q or "").strip()
    searched = to == "icp" or bool(text)
    found: list[PathAsk] = []
    message: ErrorBody | None = None
    if searched:
        try:  # a target nobody matches is an answer on this page, not an error page
            person_id = resolve_person(session, text).id if to == "person" else None
            found = find_paths(
                session, now, person_id=person_id, org=text if to == "org" else None,
                icp=to == "icp", max_hops=3, top=10,
            )  # fmt: skip
        except GoodwordError as exc:
            message = body_of(exc)
    context = {
        "paths": found,
        "to": to,
        "q": q,
        "searched": searched,
        "error": message,
        "message": message,
    }
    return render(request, "paths.html", context)
