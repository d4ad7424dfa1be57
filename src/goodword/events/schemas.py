"""Read models for events."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from goodword.events.queries import EventRow


class EventView(BaseModel):
    id: int
    name: str
    starts_on: str
    place: str | None
    cost: Decimal | None
    currency: str | None
    met: int

    @classmethod
    def of(cls, row: EventRow) -> EventView:
        e = row.event
        return cls(
            id=e.id,
            name=e.name,
            starts_on=e.starts_on.isoformat(),
            place=e.place,
            cost=e.cost_amount,
            currency=e.cost_currency,
            met=row.met,
        )
