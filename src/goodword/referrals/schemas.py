"""Read models for referrals and the ledger."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.people.queries import summaries_by_id
from goodword.people.schemas import PersonSummary
from goodword.referrals.ledger import Balance
from goodword.referrals.models import LedgerEntry, Referral


class StepView(BaseModel):
    status: str
    at: str
    value: Decimal | None


class ReferralView(BaseModel):
    id: int
    status: str
    referrer: PersonSummary
    prospect: PersonSummary
    receiver: PersonSummary
    via: list[PersonSummary]
    value: Decimal | None
    currency: str
    received_on: str
    note: str | None
    history: list[StepView]


class LedgerEntryView(BaseModel):
    id: int
    on: str
    kind: str
    giver: PersonSummary
    receiver: PersonSummary
    value: Decimal | None
    currency: str | None
    note: str | None


class BalanceView(BaseModel):
    """Between the owner and `person`: positive `net` means you have given more than received."""

    person: PersonSummary
    given: int
    received: int
    net: int
    given_by_kind: dict[str, int]
    received_by_kind: dict[str, int]


def referral_views(session: Session, referrals: list[Referral]) -> list[ReferralView]:
    ids = {pid for r in referrals for pid in (r.referrer_id, r.prospect_id, r.receiver_id)}
    ids |= {v.person_id for r in referrals for v in r.via}
    people = summaries_by_id(session, ids)
    return [
        ReferralView(
            id=r.id,
            status=r.status.value,
            referrer=people[r.referrer_id],
            prospect=people[r.prospect_id],
            receiver=people[r.receiver_id],
            via=[people[v.person_id] for v in r.via],
            value=r.value,
            currency=r.currency,
            received_on=r.received_on.isoformat(),
            note=r.note,
            history=[
                StepView(status=s.status.value, at=s.at.isoformat(), value=s.value) for s in r.steps
            ],
        )
        for r in referrals
    ]


def ledger_views(
    session: Session, entries: list[LedgerEntry], balances: dict[int, Balance]
) -> tuple[list[LedgerEntryView], list[BalanceView]]:
    people = summaries_by_id(
        session, {e.giver_id for e in entries} | {e.receiver_id for e in entries} | set(balances)
    )
    rows = [
        LedgerEntryView(
            id=e.id,
            on=e.occurred_on.isoformat(),
            kind=e.kind.value,
            giver=people[e.giver_id],
            receiver=people[e.receiver_id],
            value=e.value,
            currency=e.currency,
            note=e.note,
        )
        for e in entries
    ]
    totals = [
        BalanceView(
            person=people[b.person_id],
            given=b.given,
            received=b.received,
            net=b.net,
            given_by_kind=b.given_by_kind,
            received_by_kind=b.received_by_kind,
        )
        for b in sorted(balances.values(), key=lambda b: (b.net, b.person_id))
    ]
    return rows, totals
