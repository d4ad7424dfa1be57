"""You, your offering, your ideal client profile, the workspace settings and the advocate
brief they make: read, and changed with the same use cases as `me set`, `icp` and
`settings set`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.nurture.brief import BriefFormat, render_brief
from goodword.nurture.briefing import gather_brief
from goodword.nurture.queries import tier_overview
from goodword.nurture.schemas import TierOverview
from goodword.offering.schemas import CriterionView, OfferingView
from goodword.offering.service import get_offering, list_criteria, remove_criterion
from goodword.people.queries import summary_of
from goodword.people.schemas import PersonSummary
from goodword.people.service import get_owner
from goodword.settings.queries import list_settings
from goodword.settings.schemas import SettingView
from goodword.settings.service import set_settings
from goodword.storage.session import workspace_currency
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.settings_inputs import (
    CriterionInput,
    OfferingEdit,
    SettingValue,
    SettingValues,
    add_to_icp,
    edit_offering,
)

router = APIRouter(tags=["settings"])
CriterionId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The criterion's id.")]
KeyName = Annotated[str, Path(max_length=50, description="A key of `goodword settings list`.")]


class You(BaseModel):
    """What `goodword me show --json` prints: you, your offering and your home currency."""

    me: PersonSummary
    offering: OfferingView
    currency: str


class BriefPreview(BaseModel):
    """`brief` is the advocate brief as plain text, or None with `brief_missing` saying why."""

    brief: str | None
    brief_missing: str | None


class SettingsView(You, BriefPreview):
    """Everything the settings page shows."""

    icp: list[CriterionView]
    settings: list[SettingView]
    tiers: TierOverview


def you(session: Session) -> You:
    return You(
        me=summary_of(session, get_owner(session).id),
        offering=OfferingView.of(get_offering(session)),
        currency=workspace_currency(session),
    )


def brief_preview(session: Session, now: datetime) -> BriefPreview:
    try:
        text = render_brief(gather_brief(session, now=now).content, fmt=BriefFormat.TXT)
    except GoodwordError as exc:  # no one-liner yet: the page says what to fill in
        return BriefPreview(brief=None, brief_missing=exc.message)
    return BriefPreview(brief=text, brief_missing=None)


def icp(session: Session) -> list[CriterionView]:
    return [CriterionView.of(c) for c in list_criteria(session)]


def settings_view(session: Session, now: datetime) -> SettingsView:
    return SettingsView(
        **dict(you(session)),
        **dict(brief_preview(session, now)),
        icp=icp(session),
        settings=list_settings(session),
        tiers=tier_overview(session, now=now),
    )


@router.get(
    "/settings",
    summary="You, your offering, ICP, settings, tiers and the advocate brief preview",
    response_model=SettingsView,
)
def get_settings(session: ReadSession, now: Now) -> SettingsView:
    return settings_view(session, now)


@router.patch(
    "/settings/offering",
    summary="Change you and your offering (as `goodword me set`)",
    response_model=You,
)
def patch_offering(session: WriteSession, edit: OfferingEdit) -> You:
    edit_offering(session, edit=edit)
    return you(session)


@router.patch(
    "/settings",
    summary="Change several settings at once (as `goodword settings set`); all or none",
    response_model=list[SettingView],
)
def patch_settings(session: WriteSession, values: SettingValues) -> list[SettingView]:
    set_settings(session, values={k: str(v) for k, v in values.items()})
    return list_settings(session)


@router.put(
    "/settings/{key}",
    summary="Change one setting (as `goodword settings set KEY VALUE`)",
    response_model=SettingView,
)
def put_setting(session: WriteSession, key: KeyName, value: SettingValue) -> SettingView:
    (view,) = set_settings(session, values={key: str(value.value)})
    return view


@router.get("/icp", summary="Your ICP criteria", response_model=list[CriterionView])
def get_icp(session: ReadSession) -> list[CriterionView]:
    return icp(session)


@router.post(
    "/icp",
    summary="Add an ICP criterion (as `goodword icp add`)",
    response_model=CriterionView,
    status_code=201,
)
def post_icp(session: WriteSession, criterion: CriterionInput) -> CriterionView:
    return add_to_icp(session, criterion=criterion)


@router.delete(
    "/icp/{criterion_id}",
    summary="Remove an ICP criterion (as `goodword icp remove`); the criteria left",
    response_model=list[CriterionView],
)
def delete_icp(session: WriteSession, criterion_id: CriterionId) -> list[CriterionView]:
    remove_criterion(session, criterion_id=criterion_id)
    return icp(session)
