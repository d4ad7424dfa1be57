"""People: search, one person's card, basic edits, logging an interaction, quick capture."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.advocates.queries import person_card
from goodword.advocates.schemas import PersonCard
from goodword.events.queries import list_events
from goodword.events.schemas import EventView
from goodword.interactions.schemas import InteractionView
from goodword.people.queries import count_people, resolve_person, search_people
from goodword.people.schemas import PersonSummary
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


class PeoplePage(BaseModel):
    items: list[PersonSummary]
    total: int
    limit: int
    offset: int


def people_page(
    session: Session, *, q: str | None, tag: str | None, limit: int, offset: int
) -> PeoplePage:
    """One page of a search; shared by the page and its JSON twin."""
    query, tag = (q or "").strip() or None, (tag or "").strip() or None
    found = search_people(session, query=query, tag=tag, limit=limit, offset=offset)
    total = count_people(session, query=query, tag=tag)
    items = [PersonSummary.of(p) for p in found]
    return PeoplePage(
        items=items, total=max(total, offset + len(items)), limit=limit, offset=offset
    )


Q = Annotated[str | None, Query(max_length=200, description="Name, e-mail, org, tag, note …")]
Tag = Annotated[str | None, Query(max_length=200, description="Only people with this tag.")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]


@router.get("/people", summary="Search people", response_model=PeoplePage)
def list_people(
    session: ReadSession, q: Q = None, tag: Tag = None, limit: Limit = PAGE, offset: Offset = 0
) -> PeoplePage:
    return people_page(session, q=q, tag=tag, limit=limit, offset=offset)


@router.get(
    "/people/{person_id}",
    summary="A person: profile, timeline, ties and scores explained",
    response_model=PersonCard,
)
def get_person(session: ReadSession, now: Now, person_id: PersonId) -> PersonCard:
    return person_card(session, person=resolve_person(session, str(person_id)), now=now)


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
