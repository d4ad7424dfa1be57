"""An interaction and its participants (the owner is a participant when present)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.storage.base import Base, UTCDateTime, created_at, person_fk, workspace_fk
from goodword.storage.types import enum_column


class InteractionKind(StrEnum):
    MEETING = "meeting"
    COFFEE = "coffee"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    BRIEF = "brief"


class Interaction(Base):
    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    kind: Mapped[InteractionKind] = mapped_column(enum_column(InteractionKind))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    initiated_by_id: Mapped[int | None] = person_fk(nullable=True)
    # Lets a re-import recognise a meeting or e-mail it has already stored.
    external_id: Mapped[str | None] = mapped_column(String(300), index=True)
    created_at: Mapped[datetime] = created_at()

    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan", order_by="Participant.person_id"
    )


class Participant(Base):
    __tablename__ = "participant"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    workspace_id: Mapped[int] = workspace_fk()
