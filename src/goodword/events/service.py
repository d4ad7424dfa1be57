"""Events and who you met there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.events.models import Attendance, Event
from goodword.events.queries import count_met_at
from goodword.people.models import Person
from goodword.storage.base import column_length
from goodword.storage.session import workspace_currency, workspace_id
from goodword.text import bounded


def add_event(
    session: Session,
    *,
    name: str,
    starts_on: date,
    starts_time: time | None = None,
    place: str | None = None,
    cost: Decimal | None = None,
    currency: str | None = None,
) -> Event:
    """A cost without a currency is in the workspace's currency; `starts_time` is the local
    time of day it starts, None when only the day is known.

    Raises: InvalidInput for a blank name.
    """
    cleaned = bounded(name, limit=column_length(Event, "name"), what="event name")
    if not cleaned:
        raise InvalidInput("An event needs a name.")
    event = Event(
        workspace_id=workspace_id(session),
        name=cleaned,
        starts_on=starts_on,
        starts_time=starts_time,
        place=bounded(place, limit=column_length(Event, "place"), what="place") if place else None,
        cost_amount=cost,
        cost_currency=(currency or workspace_currency(session)) if cost is not None else None,
    )
    session.add(event)
    session.flush()
    return event


def edit_event(
    session: Session,
    *,
    event: Event,
    name: str | None = None,
    starts_on: date | None = None,
    starts_time: time | None = None,
    place: str | None = None,
    cost: Decimal | None = None,
    currency: str | None = None,
    free: bool = False,
) -> Event:
    """Changes what is given; an empty place clears it, and `free` the cost. A new day comes
    with its time, or none: the old time need not hold on another day. A cost given
    without a currency keeps the event's currency (or takes the workspace's); a currency
    alone re-labels it.

    Raises: InvalidInput for a blank name, or a currency for an event that has no cost.
    """
    if name is not None:
        cleaned = bounded(name, limit=column_length(Event, "name"), what="event name")
        if not cleaned:
            raise InvalidInput("An event needs a name.")
        event.name = cleaned
    if starts_on is not None:
        event.starts_on, event.starts_time = starts_on, starts_time
    if place is not None:
        event.place = bounded(place, limit=column_length(Event, "place"), what="place") or None
    if free:
        event.cost_amount = event.cost_currency = None
    if cost is not None:
        event.cost_amount = cost
        event.cost_currency = event.cost_currency or workspace_currency(session)
    if currency is not None:
        if event.cost_amount is None:
            raise InvalidInput(
                f"Event #{event.id} has no cost to give a currency to.", hint="Pass --cost too."
            )
        event.cost_currency = currency
    session.flush()
    return event


def delete_event(session: Session, *, event: Event) -> int:
    """Removes the event and who you met there, never the people; returns how many
    attendances went with it."""
    met = count_met_at(session, event=event)
    session.execute(delete(Attendance).where(Attendance.event_id == event.id))
    session.delete(event)
    session.flush()
    return met


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
