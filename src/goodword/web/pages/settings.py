"""Settings: you and your offering, your ICP, the workspace settings and the tiers, each
edited in place; the advocate brief preview follows every change to what it says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from goodword.nurture.queries import tier_overview
from goodword.nurture.service import CHOICES, choose_tier
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import remove_criterion
from goodword.settings.queries import list_settings
from goodword.settings.service import set_settings
from goodword.web.api.people import PersonId
from goodword.web.api.settings import CriterionId, brief_preview, icp, settings_view, you
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.security import FIELD
from goodword.web.settings_inputs import (
    CriterionInput,
    OfferingEdit,
    TierByRef,
    TierInput,
    add_to_icp,
    edit_offering,
)
from goodword.web.templating import render

router = APIRouter()

# What each section shows; an edit answers with its own section and, out of band, the
# sections its change also alters.
_PARTS: dict[str, Callable[[Session, datetime], dict[str, Any]]] = {
    "offering": lambda session, now: dict(you(session)),
    "brief": lambda session, now: dict(brief_preview(session, now)),
    "icp": lambda session, now: {"icp": icp(session)},
    "keys": lambda session, now: {"settings": list_settings(session)},
    "tiers": lambda session, now: {"tiers": tier_overview(session, now=now)},
    # Asks for the tiers once the change is committed: a write transaction scores with the
    # network as it stood before the change, and the ICP decides who scores as an advocate.
    "tiers_later": lambda session, now: {},
}
CHOICE_LISTS = {
    "icp_fields": list(IcpField),
    "icp_operators": list(IcpOperator),
    "tier_choices": CHOICES,
}


def _sections(
    request: Request, session: Session, now: datetime, *parts: str, **extra: Any
) -> HTMLResponse:
    context: dict[str, Any] = {"parts": parts, **CHOICE_LISTS, **extra}
    for part in parts:
        context |= _PARTS[part](session, now)
    return render(request, "_settings_parts.html", context)


@router.get("/settings", response_class=HTMLResponse)
def settings(request: Request, session: ReadSession, now: Now) -> HTMLResponse:
    return render(request, "settings.html", {**dict(settings_view(session, now)), **CHOICE_LISTS})


@router.post("/settings/offering", response_class=HTMLResponse)
def offering(
    request: Request, session: WriteSession, now: Now, form: Annotated[OfferingEdit, Form()]
) -> HTMLResponse:
    edit_offering(session, edit=form)
    return _sections(request, session, now, "offering", "brief")


@router.post("/settings/icp", response_class=HTMLResponse)
def add_icp(
    request: Request, session: WriteSession, now: Now, form: Annotated[CriterionInput, Form()]
) -> HTMLResponse:
    add_to_icp(session, criterion=form)
    return _sections(request, session, now, "icp", "brief", "tiers_later")


@router.post("/settings/icp/{criterion_id}/remove", response_class=HTMLResponse)
def remove_icp(
    request: Request, session: WriteSession, now: Now, criterion_id: CriterionId
) -> HTMLResponse:
    remove_criterion(session, criterion_id=criterion_id)
    return _sections(request, session, now, "icp", "brief", "tiers_later")


@router.get("/settings/tiers", response_class=HTMLResponse)
def tiers(request: Request, session: ReadSession, now: Now) -> HTMLResponse:
    return _sections(request, session, now, "tiers")


async def _sent_values(request: Request) -> dict[str, str]:
    """The settings form's fields, the token aside (read here: a sync route cannot await)."""
    return {k: v for k, v in (await request.form()).items() if k != FIELD and isinstance(v, str)}


@router.post("/settings/values", response_class=HTMLResponse)
def values(
    request: Request,
    session: WriteSession,
    now: Now,
    sent: Annotated[dict[str, str], Depends(_sent_values)],
) -> HTMLResponse:
    """Every key the form sends; one bad value keeps them all as they were."""
    set_settings(session, values=sent)
    return _sections(request, session, now, "keys", "tiers", saved=True)


@router.post("/settings/tiers", response_class=HTMLResponse)
def tier_by_ref(
    request: Request, session: WriteSession, now: Now, form: Annotated[TierByRef, Form()]
) -> HTMLResponse:
    person, view = choose_tier(session, ref=form.ref, tier=form.tier, now=now)
    return _sections(request, session, now, "tiers", changed=(person.name, view))


@router.post("/settings/tiers/{person_id}", response_class=HTMLResponse)
def apply_tier(
    request: Request,
    session: WriteSession,
    now: Now,
    person_id: PersonId,
    form: Annotated[TierInput, Form()],
) -> HTMLResponse:
    person, view = choose_tier(session, ref=str(person_id), tier=form.tier, now=now)
    return _sections(request, session, now, "tiers", changed=(person.name, view))
