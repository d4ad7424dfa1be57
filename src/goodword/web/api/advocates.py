"""Advocates ranked with their explanations, and warm-introduction paths with a draft ask."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from goodword.advocates.queries import ROLES, rank_advocates
from goodword.advocates.schemas import AdvocateRow
from goodword.errors import InvalidInput
from goodword.intros import queries as intros
from goodword.intros.asking import PathAsk, with_drafts
from goodword.people.queries import resolve_person, summary_of
from goodword.people.service import get_owner
from goodword.web.deps import Now, ReadSession

router = APIRouter(tags=["advocates"])

Top = Annotated[int, Query(ge=1, le=500, description="At most this many.")]
Role = Annotated[str | None, Query(max_length=40, description=f"One of: {', '.join(ROLES)}.")]
MaxHops = Annotated[int, Query(ge=1, le=intros.MAX_HOPS_LIMIT)]


@router.get(
    "/advocates",
    summary="Contacts ranked by the business they can bring, with components and reasons",
    response_model=list[AdvocateRow],
)
def get_advocates(
    session: ReadSession, now: Now, top: Top = 20, role: Role = None
) -> list[AdvocateRow]:
    return rank_advocates(session, now=now, top=top, role=role or None)


def find_paths(
    session: Session,
    now: datetime,
    *,
    person_id: int | None,
    org: str | None,
    icp: bool,
    max_hops: int,
    top: int,
) -> list[PathAsk]:
    """Paths to exactly one kind of target, each with the message to send.

    Raises: InvalidInput unless exactly one target is named.
    """
    org = (org or "").strip() or None
    if sum((person_id is not None, org is not None, icp)) != 1:
        raise InvalidInput("Name one target: person_id, org, or icp=true.")
    if person_id is not None:
        person = resolve_person(session, str(person_id))
        found = intros.paths_to_person(
            session, person_id=person.id, now=now, max_hops=max_hops, top=top
        )
    elif org is not None:
        found = intros.paths_to_org(session, org=org, now=now, max_hops=max_hops, top=top)
    else:
        found = intros.paths_to_icp(session, now=now, max_hops=max_hops, top=top)
    return with_drafts(found, me=summary_of(session, get_owner(session).id))


@router.get(
    "/paths",
    summary="Warm-introduction paths to a person, an organisation or your ICP matches",
    response_model=list[PathAsk],
)
def get_paths(
    session: ReadSession,
    now: Now,
    person_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    org: Annotated[str | None, Query(max_length=200)] = None,
    icp: bool = False,
    max_hops: MaxHops = 3,
    top: Top = 10,
) -> list[PathAsk]:
    return find_paths(
        session, now, person_id=person_id, org=org, icp=icp, max_hops=max_hops, top=top
    )
