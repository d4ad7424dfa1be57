"""You, your offering, your ideal client profile and the advocate brief they make."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.nurture.brief import BriefFormat, render_brief
from goodword.nurture.briefing import gather_brief
from goodword.offering.schemas import CriterionView, OfferingView
from goodword.offering.service import get_offering, list_criteria
from goodword.people.queries import summary_of
from goodword.people.schemas import PersonSummary
from goodword.people.service import get_owner
from goodword.web.deps import Now, WriteSession

router = APIRouter(tags=["settings"])


class SettingsView(BaseModel):
    """`brief` is the advocate brief as plain text, or None with `brief_missing` saying why."""

    me: PersonSummary
    offering: OfferingView
    icp: list[CriterionView]
    brief: str | None
    brief_missing: str | None


def settings_view(session: Session, now: datetime) -> SettingsView:
    try:
        brief: str | None = render_brief(
            gather_brief(session, now=now).content, fmt=BriefFormat.TXT
        )
        missing = None
    except GoodwordError as exc:  # no one-liner yet: the page says what to fill in
        brief, missing = None, str(exc)
    return SettingsView(
        me=summary_of(session, get_owner(session).id),
        offering=OfferingView.of(get_offering(session)),
        icp=[CriterionView.of(c) for c in list_criteria(session)],
        brief=brief,
        brief_missing=missing,
    )


# A write transaction although it only reads: the offering row is created on first look,
# as `goodword me show` does.
@router.get(
    "/settings",
    summary="You, your offering, your ICP and the advocate brief preview",
    response_model=SettingsView,
)
def get_settings(session: WriteSession, now: Now) -> SettingsView:
    return settings_view(session, now)
