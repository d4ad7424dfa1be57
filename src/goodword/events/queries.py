"""Finding and listing events."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.errors import Ambiguous, NotFound
from goodword.events.models import Attendance, Event
from goodword.storage.session import by_name, workspace_id
from goodword.text import SUGGEST_SCORE, clear_winner, closest_names, id_in_ref

SHOWN = 10  # candidates listed in an "ambiguous" message


@dataclass(frozen=True)
class EventRow:
    event: Event
    met: int


def resolve_event(session: Session, ref: str) -> Event:
    """An event by id, or by name as a person is found: exact, then ignoring case and
    accents, then a unique part of it, then a unique close spelling.

    Raises: NotFound or Ambiguous (listing the candidates with their dates).
    """
    wid = workspace_id(session)
    text = ref.strip()
    base = select(Event).where(Event.workspace_id == wid)
    if (event_id := id_in_ref(text)) is not None:
        event = session.scalar(base.where(Event.id == event_id))
        if event is None:
            raise NotFound(f"No event #{event_id}.", hint="See `goodword event list`.")
        return event
    in_order = base.order_by(Event.starts_on, Event.starts_time.nulls_first())
    found = by_name(session, in_order, Event.name, text, limit=SHOWN + 1)
    if len(found) == 1:
        return found[0]
    if found:
        count = f"more than {SHOWN}" if len(found) > SHOWN else str(len(found))
        listed = ", ".join(f"{e.name} on {e.when} (#{e.id})" for e in found[:SHOWN])
        raise Ambiguous(
            f"'{text}' matches {count} events: {listed}.", hint="Pass the event id to choose."
        )
    rows = session.execute(select(Event.id, Event.name).where(Event.workspace_id == wid)).all()
    names: dict[int, str] = dict(rows)
    near = closest_names(text, names, limit=5, cutoff=SUGGEST_SCORE)
    if (winner := clear_winner(text, near)) is not None:
        return session.get_one(Event, winner)
    if near:
        listed = " or ".join(f"'{name}' (#{eid})" for eid, name, _ in near[:3])
        raise NotFound(f"No event matches '{text}'. Did you mean {listed}?", hint="Pass the id.")
    raise NotFound(f"No event matches '{text}'.", hint="Add it with `goodword event add`.")


def list_events(session: Session, *, limit: int | None = None) -> list[EventRow]:
    """Newest first; at most `limit` of them."""
    met = (
        select(Attendance.event_id, func.count().label("met"))
        .group_by(Attendance.event_id)
        .subquery()
    )
    rows = session.execute(
        select(Event, func.coalesce(met.c.met, 0))
        .outerjoin(met, met.c.event_id == Event.id)
        .where(Event.workspace_id == workspace_id(session))
        .order_by(Event.starts_on.desc(), Event.starts_time.desc().nulls_last(), Event.id)
        .limit(limit)
    ).all()
    return [EventRow(event=event, met=count) for event, count in rows]


def count_met_at(session: Session, *, event: Event) -> int:
    """How many people you met at the event: what deleting it would take with it."""
    return (
        session.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.event_id == event.id)
        )
        or 0
    )
