"""The HTML pages; each renders the read model its JSON twin under /api/v1 returns."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.web.pages import (
    advocates,
    capture,
    imports,
    map,
    people,
    referrals,
    reports,
    settings,
    tiers,
    today,
)

router = APIRouter(include_in_schema=False)
for module in (
    today,
    people,
    advocates,
    capture,
    map,
    referrals,
    reports,
    settings,
    imports,
    tiers,
):
    router.include_router(module.router)
