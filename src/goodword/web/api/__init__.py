"""The JSON API under /api/v1: the same read models the CLI prints with `--json`."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.web.api import (
    advocates,
    agenda,
    followups,
    imports,
    map,
    people,
    referrals,
    reports,
    session,
    settings,
    tiers,
)
from goodword.web.errors import ErrorResponse

router = APIRouter(
    prefix="/api/v1",
    responses={
        400: {"model": ErrorResponse, "description": "Bad input"},
        403: {"model": ErrorResponse, "description": "Refused (host, origin or CSRF token)"},
        404: {"model": ErrorResponse, "description": "Not found"},
        409: {"model": ErrorResponse, "description": "Conflict or ambiguous"},
        422: {"model": ErrorResponse, "description": "Invalid input"},
    },
)
for module in (
    session,
    agenda,
    people,
    advocates,
    followups,
    map,
    referrals,
    reports,
    settings,
    imports,
    tiers,
):
    router.include_router(module.router)
