"""Read models for referrals and the ledger."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from goodword.people.schemas import PersonSummary


class StepView(BaseModel):
    status: str
    at: str
    value: Decimal | None


class ReferralView(BaseModel):
    """`ledger_entry_id` is the referral's own entry in the ledger, changed and deleted with it."""

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
    ledger_entry_id: int | None


class LedgerEntryView(BaseModel):
    """`referral_id` names the referral a received referral's entry stands for."""

    id: int
    on: str
    kind: str
    giver: PersonSummary
    receiver: PersonSummary
    value: Decimal | None
    currency: str | None
    note: str | None
    referral_id: int | None


class BalanceView(BaseModel):
    """Between the owner and `person`: positive `net` means you have given more than received."""

    person: PersonSummary
    given: int
    received: int
    net: int
    given_by_kind: dict[str, int]
    received_by_kind: dict[str, int]


class LedgerTotals(BaseModel):
    """Across the balances listed: `give_get_ratio` is given ÷ received (null when nothing was
    received); `owe_most` the people who gave you clearly more than you gave them, most first."""

    given: int
    received: int
    give_get_ratio: float | None
    owe_most: list[BalanceView]


class PersonLedger(BaseModel):
    """What you and one person gave each other, newest first (at most `shown` of the
    `count` entries), and the balance over all of them (null when there is none)."""

    entries: list[LedgerEntryView]
    count: int
    balance: BalanceView | None


class PersonReferrals(BaseModel):
    """Referrals someone made, received, was referred in, or passed along, newest first."""

    items: list[ReferralView]
