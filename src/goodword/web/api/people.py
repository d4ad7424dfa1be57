"""People: search, one person's card, basic edits, logging an interaction, quick capture."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from goodword.advocates.listing import PeoplePage, PeopleQuery, list_people
from goodword.events.queries import list_events
from goodword.events.schemas import EventView
from goodword.interactions.schemas import InteractionView
from goodword.nurture.queries import person_card as nurture_card
from goodword.nurture.schemas import NurtureCard
from goodword.people.queries import resolve_person
from goodword.people.schemas import PersonSummary
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


def asked(
    q: Q = None, tag: Tag = None, tier: TierQ = None, role: Role = None, org: Org = None
) -> PeopleQuery:
    """The list's filters, as the page and its JSON twin both take them."""
    return PeopleQuery(q=q, tag=tag, tier=tier, role=role, org=org)


Asked = Annotated[PeopleQuery, Depends(asked)]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]


@router.get("/people", summary="Search and filter people", response_model=PeoplePage)
def get_people(
    session: ReadSession, now: Now, ask: Asked, limit: Limit = PAGE, offset: Offset = 0
) -> PeoplePage:
    return list_people(session, now=now, ask=ask, limit=limit, offset=offset)


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
