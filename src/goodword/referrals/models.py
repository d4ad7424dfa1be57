"""Referral pipeline (with dated history and introduction chain) and ledger entries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.clock import utcnow

# Defined with the pipeline's rule, which is pure; the tables and their readers take it from here.
from goodword.referrals.pipeline import ReferralStatus as ReferralStatus
from goodword.storage.base import Base, UTCDateTime, created_at, person_fk, workspace_fk
from goodword.storage.types import enum_column


class LedgerKind(StrEnum):
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    RECOMMENDATION = "recommendation"
    INFORMATION = "information"
    HELP = "help"
    GIFT = "gift"
    OTHER = "other"


class Referral(Base):
    """`referrer` sent `prospect` to `receiver` (the owner, or someone the owner referred)."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    referrer_id: Mapped[int] = person_fk()
    prospect_id: Mapped[int] = person_fk()
    receiver_id: Mapped[int] = person_fk()
    status: Mapped[ReferralStatus] = mapped_column(
        enum_column(ReferralStatus), default=ReferralStatus.RECEIVED
    )
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)
    received_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    steps: Mapped[list[ReferralStep]] = relationship(
        cascade="all, delete-orphan", order_by="ReferralStep.id"
    )
    via: Mapped[list[ReferralVia]] = relationship(
        cascade="all, delete-orphan", order_by="ReferralVia.position"
    )


class ReferralStep(Base):
    """One dated move through the pipeline, so time-to-close can be measured."""

    __tablename__ = "referral_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ReferralStatus] = mapped_column(enum_column(ReferralStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))


class ReferralVia(Base):
    """The introduction chain: referrer ← via[0] ← via[1] … ← prospect."""

    __tablename__ = "referral_via"

    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = person_fk()
    workspace_id: Mapped[int] = workspace_fk()


class LedgerEntry(Base):
    """Something given by one person to another: the give-first ledger."""

    __tablename__ = "ledger_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    giver_id: Mapped[int] = person_fk()
    receiver_id: Mapped[int] = person_fk()
    kind: Mapped[LedgerKind] = mapped_column(enum_column(LedgerKind))
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    # A recorded referral is also a gift in the ledger: its one entry, deleted with it.
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True, unique=True
    )
