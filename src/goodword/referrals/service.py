"""Recording referrals through their pipeline, and gives and receives in the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.models import Person
from goodword.referrals.models import (
    LedgerEntry,
    LedgerKind,
    Referral,
    ReferralStatus,
    ReferralStep,
    ReferralVia,
)
from goodword.storage.session import get_scoped, workspace_currency, workspace_id


def record_give(
    session: Session,
    *,
    giver: Person,
    receiver: Person,
    kind: LedgerKind,
    on: date,
    value: Decimal | None = None,
    currency: str | None = None,
    note: str | None = None,
) -> LedgerEntry:
    """A value without a currency is in the workspace's currency.

    Raises: InvalidInput when giver and receiver are the same person.
    """
    if giver.id == receiver.id:
        raise InvalidInput(f"{giver.name} cannot give to themselves.")
    entry = LedgerEntry(
        workspace_id=workspace_id(session),
        giver_id=giver.id,
        receiver_id=receiver.id,
        kind=kind,
        value=value,
        currency=(currency or workspace_currency(session)) if value is not None else None,
        occurred_on=on,
        note=note.strip() if note else None,
    )
    session.add(entry)
    session.flush()
    return entry


def add_referral(
    session: Session,
    *,
    referrer: Person,
    prospect: Person,
    receiver: Person,
    currency: str,
    at: datetime,
    via: Sequence[Person] = (),
    value: Decimal | None = None,
    note: str | None = None,
) -> Referral:
    """A received referral is also an entry in the ledger: the referrer gave the receiver.

    Raises: InvalidInput when the same person plays two roles.
    """
    roles = [referrer.id, prospect.id, receiver.id, *(p.id for p in via)]
    if len(set(roles)) != len(roles):
        raise InvalidInput(
            "Referrer, prospect, receiver and each introducer must be different people."
        )
    wid = workspace_id(session)
    referral = Referral(
        workspace_id=wid,
        referrer_id=referrer.id,
        prospect_id=prospect.id,
        receiver_id=receiver.id,
        status=ReferralStatus.RECEIVED,
        value=value,
        currency=currency,
        note=note.strip() if note else None,
        received_on=at.date(),
        steps=[ReferralStep(workspace_id=wid, status=ReferralStatus.RECEIVED, at=at, value=value)],
        via=[ReferralVia(workspace_id=wid, position=i, person_id=p.id) for i, p in enumerate(via)],
    )
    session.add(referral)
    session.flush()
    entry = record_give(
        session,
        giver=referrer,
        receiver=receiver,
        kind=LedgerKind.REFERRAL,
        on=at.date(),
        value=value,
        currency=currency,
        note=f"Referred {prospect.name}",
    )
    entry.referral_id = referral.id
    session.flush()
    return referral


def get_referral(session: Session, referral_id: int) -> Referral:
    """Raises: NotFound for an id not in this workspace."""
    return get_scoped(
        session, Referral, referral_id, what="referral", hint="See `goodword referral list`."
    )


def move_referral(
    session: Session,
    *,
    referral: Referral,
    status: ReferralStatus,
    at: datetime,
    value: Decimal | None = None,
) -> Referral:
    """Every move is kept with its date, so the pipeline's history can be measured.

    Raises: InvalidInput when the referral is already at that status.
    """
    if status == referral.status and value is None:
        raise InvalidInput(f"Referral #{referral.id} is already {status}.")
    referral.status = status
    if value is not None:
        referral.value = value
        # The ledger entry of a received referral carries its value; keep the two in step.
        session.execute(
            update(LedgerEntry)
            .where(LedgerEntry.referral_id == referral.id)
            .values(value=value, currency=referral.currency)
        )
    referral.steps.append(
        ReferralStep(workspace_id=referral.workspace_id, status=status, at=at, value=value)
    )
    session.flush()
    return referral
