"""The network map; the browser draws what /api/v1/map answers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from goodword.advocates.maps import RINGS
from goodword.advocates.queries import ROLES
from goodword.web.templating import render

router = APIRouter()


@router.get("/map", response_class=HTMLResponse)
def network_map(request: Request) -> HTMLResponse:
    return render(request, "map.html", {"roles": ROLES, "rings": RINGS})
