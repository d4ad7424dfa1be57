"""The tie table: one undirected row per pair, stored with the lower id first."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goodword.relationships.kinds import TieKind, TieSource
from goodword.storage.base import Base, created_at, person_fk, workspace_fk
from goodword.storage.types import enum_column


class Relationship(Base):
    """`reversed` means the kind's first label belongs to person B, not person A."""

    __tablename__ = "relationship"
    __table_args__ = (
        UniqueConstraint("workspace_id", "person_a_id", "person_b_id"),
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
        CheckConstraint("strength IS NULL OR (strength >= 0 AND strength <= 1)", name="strength"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    person_a_id: Mapped[int] = person_fk()
    person_b_id: Mapped[int] = person_fk()
    kind: Mapped[TieKind] = mapped_column(enum_column(TieKind), default=TieKind.KNOWS)
    reversed: Mapped[bool] = mapped_column(default=False)
    strength: Mapped[float | None] = mapped_column(Float)
    source: Mapped[TieSource] = mapped_column(enum_column(TieSource), default=TieSource.STATED)
    note: Mapped[str | None] = mapped_column(Text)
    since: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()

    def label_for(self, person_id: int) -> str:
        """The role `person_id` plays in this tie ("mentor", "introduced by", …)."""
        first, second = self.kind.labels
        is_a = person_id == self.person_a_id
        return first if is_a != self.reversed else second

    def other(self, person_id: int) -> int:
        return self.person_b_id if person_id == self.person_a_id else self.person_a_id
