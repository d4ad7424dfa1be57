"""Read models for events."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from goodword.events.models import clock_time
from goodword.events.queries import EventRow


class EventView(BaseModel):
    """`time` is the local time of day it starts (`07:30`), None when only the day is known;
    `when` is the two as text, for people rather than scripts."""

    id: int
    name: str
    starts_on: str
    time: str | None
    place: str | None
    cost: Decimal | None
    currency: str | None
    met: int

    @property
    def when(self) -> str:
        return f"{self.starts_on} {self.time}" if self.time else self.starts_on

    @classmethod
    def of(cls, row: EventRow) -> EventView:
        e = row.event
        return cls(
            id=e.id,
            name=e.name,
            starts_on=e.starts_on.isoformat(),
            time=clock_time(e.starts_time),
            place=e.place,
            cost=e.cost_amount,
            currency=e.cost_currency,
            met=row.met,
        )
