"""Reading referrals and the ledger."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.people.models import Person
from goodword.referrals.ledger import Balance, Entry, balances
from goodword.referrals.models import LedgerEntry, Referral
from goodword.storage.session import workspace_id


def list_referrals(session: Session) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral)
            .where(Referral.workspace_id == workspace_id(session))
            .options(selectinload(Referral.steps), selectinload(Referral.via))
            .order_by(Referral.received_on.desc(), Referral.id.desc())
        )
    )


@dataclass(frozen=True)
class LedgerView:
    entries: list[LedgerEntry]
    balances: dict[int, Balance]


def ledger(session: Session, *, me: Person, person: Person | None = None) -> LedgerView:
    """The entries (all, or those involving `person`) with each person's balance with the owner."""
    stmt = select(LedgerEntry).where(LedgerEntry.workspace_id == workspace_id(session))
    if person is not None:
        stmt = stmt.where(
            or_(LedgerEntry.giver_id == person.id, LedgerEntry.receiver_id == person.id)
        )
    entries = list(session.scalars(stmt.order_by(LedgerEntry.occurred_on.desc(), LedgerEntry.id)))
    plain = [Entry(e.giver_id, e.receiver_id, e.kind.value) for e in entries]
    return LedgerView(entries=entries, balances=balances(plain, me=me.id))
