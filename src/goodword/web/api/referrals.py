"""Referrals, newest first, with where each stands."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from goodword.referrals.queries import list_referrals, referral_views
from goodword.referrals.schemas import ReferralView
from goodword.web.deps import ReadSession

router = APIRouter(tags=["referrals"])


@router.get("/referrals", summary="Referrals, newest first", response_model=list[ReferralView])
def get_referrals(
    session: ReadSession, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[ReferralView]:
    return referral_views(session, list_referrals(session, limit=limit))
