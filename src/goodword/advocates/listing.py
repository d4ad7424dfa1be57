"""The People list: a search narrowed by tag, tier, organisation and the roles advocate
scoring gives, one page at a time; the page and its JSON twin read the same one."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from goodword.advocates.queries import check_role, roles_by_person
from goodword.people.queries import (
    COUNT_CAP,
    PeopleFilter,
    count_everyone,
    count_people,
    search_people,
)
from goodword.people.schemas import PersonSummary
from goodword.people.tier import Tier


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


def list_people(
    session: Session, *, now: datetime, ask: PeopleQuery, limit: int, offset: int
) -> PeoplePage:
    """One page of a filtered search.

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
