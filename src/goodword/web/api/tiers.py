"""Stay-in-touch tiers: how many people each holds, the suggestions to review, and setting
one person's tier (as `goodword tier REF TIER`)."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.nurture.queries import tier_overview
from goodword.nurture.schemas import TierOverview, TierView
from goodword.nurture.service import choose_tier
from goodword.web.api.people import PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.settings_inputs import TierInput

router = APIRouter(tags=["tiers"])


@router.get(
    "/tiers",
    summary="People per tier, and the top contacts whose suggested tier is not yet set",
    response_model=TierOverview,
)
def get_tiers(session: ReadSession, now: Now) -> TierOverview:
    return tier_overview(session, now=now)


@router.put(
    "/people/{person_id}/tier",
    summary="Set a person's tier (inner, active, potential, none; auto follows the suggestion)",
    response_model=TierView,
)
def put_tier(session: WriteSession, now: Now, person_id: PersonId, entry: TierInput) -> TierView:
    _, view = choose_tier(session, ref=str(person_id), tier=entry.tier, now=now)
    return view
