"""Recording referrals through their pipeline, and gives and receives in the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput
from goodword.people.models import Person
from goodword.referrals.models import (
    LedgerEntry,
    LedgerKind,
    Referral,
    ReferralStatus,
    ReferralStep,
    ReferralVia,
)
from goodword.referrals.pipeline import refusal
from goodword.storage.session import get_scoped, workspace_currency, workspace_id
from goodword.text import clean_text


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
        note=clean_text(note or "") or None,
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
        note=clean_text(note or "") or None,
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


def _sync_ledger_entry(session: Session, referral: Referral, prospect: Person) -> None:
    """The referral's ledger entry mirrors it, so it is counted once and changes with it."""
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.referral_id == referral.id))
    if entry is None:
        return
    entry.giver_id = referral.referrer_id
    entry.receiver_id = referral.receiver_id
    entry.value = referral.value
    entry.currency = referral.currency if referral.value is not None else None
    entry.occurred_on = referral.received_on
    entry.note = f"Referred {prospect.name}"


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
    reopen: bool = False,
) -> Referral:
    """Every move is kept with its date, so the pipeline's history can be measured; restating
    the status it has with a value records the new value. See `pipeline` for the moves allowed.

    Raises: InvalidInput when the referral is already at that status; Conflict for a move
    the pipeline refuses (backwards, or out of a close without `reopen`) or dated before
    the referral's last step.
    """
    restating = status == referral.status and value is not None
    if not restating and (reason := refusal(referral.status, status, reopen=reopen)):
        if status == referral.status:
            raise InvalidInput(f"Referral #{referral.id} {reason}.")
        hint = f"Pass --reopen to move it to {status}." if referral.status.is_closed else None
        raise Conflict(f"Referral #{referral.id} {reason}.", hint=hint)
    when = _after_last_step(referral, at)
    referral.status = status
    if value is not None:
        referral.value = value
        _sync_ledger_entry(session, referral, session.get_one(Person, referral.prospect_id))
    referral.steps.append(
        ReferralStep(
            workspace_id=referral.workspace_id,
            status=status,
            at=when,
            value=value,
        )
    )
    session.flush()
    return referral


def _after_last_step(referral: Referral, at: datetime) -> datetime:
    """The history stays in date order, so the status at any moment is its latest step then:
    a move dated an earlier day is refused, and one earlier the same day (`--on` a day is
    taken as midday) is kept as happening with the last step, which it follows.

    Raises: Conflict for a move dated a day before the last step.
    """
    last = max((s.at for s in referral.steps), default=None)
    if last is None or at >= last:
        return at
    day, last_day = at.astimezone(UTC).date(), last.astimezone(UTC).date()
    if day < last_day:
        raise Conflict(
            f"Referral #{referral.id} moved to {referral.status} on {last_day}; "
            f"a later move cannot be dated {day}.",
            hint=f"Date it {last_day} or later.",
        )
    return last


def edit_referral(
    session: Session,
    *,
    referral: Referral,
    referrer: Person | None = None,
    prospect: Person | None = None,
    on: date | None = None,
    value: Decimal | None = None,
    currency: str | None = None,
    note: str | None = None,
) -> Referral:
    """Corrects what was recorded; its ledger entry follows, so the two never disagree.

    Raises: InvalidInput when the change makes one person play two roles.
    """
    referrer_id = referrer.id if referrer is not None else referral.referrer_id
    prospect_id = prospect.id if prospect is not None else referral.prospect_id
    roles = [referrer_id, prospect_id, referral.receiver_id, *(v.person_id for v in referral.via)]
    if len(set(roles)) != len(roles):
        raise InvalidInput(
            "Referrer, prospect, receiver and each introducer must be different people."
        )
    referral.referrer_id, referral.prospect_id = referrer_id, prospect_id
    if on is not None:
        referral.received_on = on
        # The pipeline's history starts the day it was received.
        first = referral.steps[0] if referral.steps else None
        if first is not None and first.status == ReferralStatus.RECEIVED:
            first.at = first.at.replace(year=on.year, month=on.month, day=on.day)
    if value is not None:
        referral.value = value
    if currency is not None:
        referral.currency = currency
    if note is not None:
        referral.note = clean_text(note) or None
    _sync_ledger_entry(session, referral, prospect or session.get_one(Person, prospect_id))
    session.flush()
    return referral


def delete_referral(session: Session, *, referral: Referral) -> None:
    """Its history, introduction chain and ledger entry go with it; the people stay."""
    session.execute(delete(LedgerEntry).where(LedgerEntry.referral_id == referral.id))
    session.delete(referral)
    session.flush()


def get_ledger_entry(session: Session, entry_id: int) -> LedgerEntry:
    """Raises: NotFound for an id not in this workspace."""
    return get_scoped(
        session, LedgerEntry, entry_id, what="ledger entry", hint="See `goodword ledger`."
    )


def check_own_entry(entry: LedgerEntry) -> None:
    """A referral's entry changes only with its referral, so the two are always counted once.

    Raises: Conflict for the entry of a referral.
    """
    if (rid := entry.referral_id) is not None:
        raise Conflict(
            f"Ledger entry #{entry.id} is referral #{rid} in the ledger and changes with it.",
            hint=f"Use `goodword referral edit {rid}` or `goodword referral delete {rid}`.",
        )


def edit_ledger_entry(
    session: Session,
    *,
    entry: LedgerEntry,
    kind: LedgerKind | None = None,
    on: date | None = None,
    value: Decimal | None = None,
    currency: str | None = None,
    note: str | None = None,
) -> LedgerEntry:
    """A value without a currency is in the workspace's currency, as when it was recorded.

    Raises: Conflict for the entry of a referral, which is corrected through the referral;
    InvalidInput for a currency on an entry without a value.
    """
    check_own_entry(entry)
    if currency is not None and value is None and entry.value is None:
        raise InvalidInput(
            f"Ledger entry #{entry.id} has no value for {currency} to apply to.",
            hint="Pass --value with --currency.",
        )
    if kind is not None:
        entry.kind = kind
    if on is not None:
        entry.occurred_on = on
    if value is not None:
        entry.value = value
    if currency is not None and entry.value is not None:
        entry.currency = currency
    if entry.value is not None and entry.currency is None:
        entry.currency = workspace_currency(session)
    if note is not None:
        entry.note = clean_text(note) or None
    session.flush()
    return entry


def delete_ledger_entry(session: Session, *, entry: LedgerEntry) -> None:
    """Raises: Conflict for the entry of a referral, which goes only with the referral."""
    check_own_entry(entry)
    session.delete(entry)
    session.flush()
