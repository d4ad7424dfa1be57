"""Events and who you met there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.events.models import Attendance, Event
from goodword.people.models import Person
from goodword.storage.base import column_length
from goodword.storage.session import workspace_currency, workspace_id
from goodword.text import bounded


def add_event(
    session: Session,
    *,
    name: str,
    starts_on: date,
    place: str | None = None,
    cost: Decimal | None = None,
    currency: str | None = None,
) -> Event:
    """A cost without a currency is in the workspace's currency.

    Raises: InvalidInput for a blank name.
    """
    cleaned = bounded(name, limit=column_length(Event, "name"), what="event name")
    if not cleaned:
        raise InvalidInput("An event needs a name.")
    event = Event(
        workspace_id=workspace_id(session),
        name=cleaned,
        starts_on=starts_on,
        place=bounded(place, limit=column_length(Event, "place"), what="place") if place else None,
        cost_amount=cost,
        cost_currency=(currency or workspace_currency(session)) if cost is not None else None,
    )
    session.add(event)
    session.flush()
    return event


def record_met(session: Session, *, event: Event, people: Sequence[Person]) -> list[Person]:
    """Records that the owner met `people` at `event`; returns those newly recorded."""
    wid = workspace_id(session)
    already = set(
        session.scalars(select(Attendance.person_id).where(Attendance.event_id == event.id))
    )
    added = []
    for person in people:
        if person.id in already or person.is_me:
            continue
        session.add(Attendance(workspace_id=wid, event_id=event.id, person_id=person.id))
        already.add(person.id)
        added.append(person)
    session.flush()
    return added
