"""Events (with their cost, for ROI later) and attendance."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from goodword.storage.base import Base, created_at, workspace_fk


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    # The local time it starts, as written (no zone: a 07:30 breakfast is at 07:30 wherever
    # it is held); None when only the day is known.
    starts_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    cost_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    cost_currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = created_at()

    @property
    def when(self) -> str:
        """The day, and the time when it is known: `2026-11-20 07:30`."""
        shown = clock_time(self.starts_time)
        return f"{self.starts_on.isoformat()} {shown}" if shown else self.starts_on.isoformat()


def clock_time(moment: time | None) -> str | None:
    """`07:30`, or `07:30:15` for a time given to the second."""
    if moment is None:
        return None
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


class Attendance(Base):
    """Someone you met at an event."""

    __tablename__ = "attendance"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    workspace_id: Mapped[int] = workspace_fk()
