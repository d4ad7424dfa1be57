"""The network map: who is drawn, where, and the ties between them."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.advocates.maps import NetworkMap, network_map
from goodword.web.deps import Now, ReadSession

router = APIRouter(tags=["map"])


@router.get(
    "/map",
    summary="You, your contacts and who they know (ideal clients first), placed for drawing",
    response_model=NetworkMap,
)
def get_map(session: ReadSession, now: Now) -> NetworkMap:
    return network_map(session, now=now)
