"""The offering (one per workspace) and the ideal-client-profile criteria."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goodword.clock import utcnow
from goodword.storage.base import Base, UTCDateTime, workspace_fk
from goodword.storage.types import enum_column


class IcpField(StrEnum):
    INDUSTRY = "industry"
    TITLE = "title"
    ORG = "org"
    CITY = "city"
    COUNTRY = "country"
    TAG = "tag"


class IcpOperator(StrEnum):
    IS = "is"
    CONTAINS = "contains"
    ANY_OF = "any-of"


class Offering(Base):
    __tablename__ = "offering"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    one_liner: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    for_whom: Mapped[str | None] = mapped_column(Text)
    results: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class IcpCriterion(Base):
    __tablename__ = "icp_criterion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    field: Mapped[IcpField] = mapped_column(enum_column(IcpField))
    operator: Mapped[IcpOperator] = mapped_column(enum_column(IcpOperator))
    value: Mapped[str] = mapped_column(String(500))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
