"""People: search, one person's card, basic edits, logging an interaction, quick capture."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from goodword.advocates.queries import check_role, roles_by_person
from goodword.events.queries import list_events
from goodword.events.schemas import EventView
from goodword.interactions.schemas import InteractionView
from goodword.nurture.queries import person_card as nurture_card
from goodword.nurture.schemas import NurtureCard
from goodword.people.queries import (
    COUNT_CAP,
    PeopleFilter,
    count_everyone,
    count_people,
    resolve_person,
    search_people,
)
from goodword.people.schemas import PersonSummary
from goodword.people.tier import Tier
from goodword.referrals.queries import person_ledger, person_referrals
from goodword.referrals.schemas import PersonLedger, PersonReferrals
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import (
    CaptureInput,
    CaptureResult,
    InteractionInput,
    PersonEdit,
    capture,
    edit_basics,
    log_with,
)

router = APIRouter(tags=["people"])

PersonId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The person's id.")]
PAGE = 50


class PersonListed(PersonSummary):
    tier: Tier | None = Field(
        None, description="The stay-in-touch tier you set; null follows the suggestion."
    )
    roles: list[str] = Field(
        [], description="Roles held; listed when the list is filtered by role."
    )


class PeoplePage(BaseModel):
    items: list[PersonListed]
    total: int = Field(
        description="How many match, counted exactly up to 1,000 (or this page's end)."
    )
    more: bool = Field(description="More match than `total` says.")
    everyone: int = Field(description="The people of the workspace, you included.")
    limit: int
    offset: int


class PeopleQuery(BaseModel):
    """A list's filters as the page and its JSON twin read them; blank means not filtered."""

    q: str | None = None
    tag: str | None = None
    tier: str | None = None
    role: str | None = None
    org: str | None = None

    def kept(self) -> dict[str, str]:
        """The filters a pager link carries to the next page."""
        return {k: v for k, v in self.model_dump().items() if v}


def people_page(
    session: Session, *, now: datetime, ask: PeopleQuery, limit: int, offset: int
) -> PeoplePage:
    """One page of a filtered search; shared by the page and its JSON twin.

    Raises: InvalidInput for an unknown tier or role.
    """
    query, tag, tier, role, org = (
        (v or "").strip() or None for v in (ask.q, ask.tag, ask.tier, ask.role, ask.org)
    )
    held: dict[int, list[str]] = {}
    if role is not None:
        check_role(role)
        held = roles_by_person(session, now=now)
    among = frozenset(p for p, r in held.items() if role in r) if role else None
    only = PeopleFilter(query=query, tag=tag, tier=tier, org=org, among=among)
    # Typos are looked for only when nothing matches as typed: see `search_people`.
    found = search_people(session, limit=limit, offset=offset, only=only, fuzzy=False)
    if not found:
        found = search_people(session, limit=limit, offset=offset, only=only)
    cap = max(COUNT_CAP, offset + limit)
    total = count_people(session, only=only, cap=cap)
    items = [
        PersonListed.of(p).model_copy(update={"tier": p.tier, "roles": held.get(p.id, [])})
        for p in found
    ]
    return PeoplePage(
        items=items,
        total=max(min(total, cap), offset + len(items)),
        more=total > cap,
        everyone=count_everyone(session),
        limit=limit,
        offset=offset,
    )


def _filter(what: str) -> Any:
    return Query(max_length=200, description=what)


Q = Annotated[str | None, _filter("Name, e-mail, org, tag, note …")]
Tag = Annotated[str | None, _filter("Only people with this tag.")]
TierQ = Annotated[str | None, _filter("Only this tier: inner, active, potential, none, auto.")]
Role = Annotated[
    str | None,
    _filter("Only this role: advocate, hidden advocate, prospect, client, referral partner."),
]
Org = Annotated[str | None, _filter("Only people now at an organisation whose name has this.")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]


@router.get("/people", summary="Search and filter people", response_model=PeoplePage)
def list_people(
    session: ReadSession,
    now: Now,
    q: Q = None,
    tag: Tag = None,
    tier: TierQ = None,
    role: Role = None,
    org: Org = None,
    limit: Limit = PAGE,
    offset: Offset = 0,
) -> PeoplePage:
    ask = PeopleQuery(q=q, tag=tag, tier=tier, role=role, org=org)
    return people_page(session, now=now, ask=ask, limit=limit, offset=offset)


@router.get(
    "/people/{person_id}",
    summary="A person: profile, timeline, ties, scores explained, tier and next step",
    response_model=NurtureCard,
)
def get_person(session: ReadSession, now: Now, person_id: PersonId) -> NurtureCard:
    """What `goodword person show --json` prints."""
    return nurture_card(session, person=resolve_person(session, str(person_id)), now=now)


@router.get(
    "/people/{person_id}/ledger",
    summary="What you and a person gave each other, with the balance",
    response_model=PersonLedger,
)
def get_person_ledger(session: ReadSession, person_id: PersonId) -> PersonLedger:
    return person_ledger(session, person=resolve_person(session, str(person_id)))


@router.get(
    "/people/{person_id}/referrals",
    summary="Referrals from, to, about or passed along by a person",
    response_model=PersonReferrals,
)
def get_person_referrals(session: ReadSession, person_id: PersonId) -> PersonReferrals:
    return person_referrals(session, person=resolve_person(session, str(person_id)))


@router.patch("/people/{person_id}", summary="Edit basic fields", response_model=PersonSummary)
def patch_person(session: WriteSession, person_id: PersonId, edit: PersonEdit) -> PersonSummary:
    return edit_basics(session, person=resolve_person(session, str(person_id)), edit=edit)


@router.post(
    "/people/{person_id}/interactions",
    summary="Log an interaction with a person",
    response_model=InteractionView,
    status_code=201,
)
def post_interaction(
    session: WriteSession, now: Now, person_id: PersonId, entry: InteractionInput
) -> InteractionView:
    return log_with(session, person=resolve_person(session, str(person_id)), entry=entry, now=now)


@router.get("/events", summary="Events, newest first", response_model=list[EventView])
def get_events(session: ReadSession, limit: Limit = PAGE) -> list[EventView]:
    return [EventView.of(row) for row in list_events(session, limit=limit)]


@router.post(
    "/capture",
    summary="Add someone met at an event, with one note",
    response_model=CaptureResult,
    status_code=201,
)
def post_capture(session: WriteSession, now: Now, entry: CaptureInput) -> CaptureResult:
    return capture(session, entry=entry, today=now.date())
