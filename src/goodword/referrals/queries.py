"""Reading referrals and the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.people.service import get_owner
from goodword.referrals.ledger import Balance, Entry, balances, owe_most, totals
from goodword.referrals.models import (
    LedgerEntry,
    LedgerKind,
    Referral,
    ReferralStatus,
    ReferralVia,
)
from goodword.referrals.schemas import (
    BalanceView,
    LedgerEntryView,
    LedgerTotals,
    PersonLedger,
    PersonReferrals,
    ReferralView,
    StepView,
)
from goodword.storage.memo import kept_while_unchanged
from goodword.storage.session import workspace_id


def list_referrals(
    session: Session,
    *,
    owner: Person | None = None,
    given: bool = False,
    status: ReferralStatus | None = None,
    referrer: Person | None = None,
    since: date | None = None,
    limit: int | None = None,
) -> list[Referral]:
    """Newest first; at most `limit` of them. With `owner`, those the owner gave (`given`)
    or else the rest: received, or passed between others, which is the owner's pipeline;
    a `referrer` alone picks theirs, the owner's own included. `since` counts from the day
    a referral was received."""
    stmt = select(Referral).where(Referral.workspace_id == workspace_id(session))
    if owner is not None and referrer is None:
        mine = Referral.referrer_id == owner.id
        stmt = stmt.where(mine if given else ~mine)
    if status is not None:
        stmt = stmt.where(Referral.status == status)
    if referrer is not None:
        stmt = stmt.where(Referral.referrer_id == referrer.id)
    if since is not None:
        stmt = stmt.where(Referral.received_on >= since)
    return list(
        session.scalars(
            stmt.options(selectinload(Referral.steps), selectinload(Referral.via))
            .order_by(Referral.received_on.desc(), Referral.id.desc())
            .limit(limit)
        )
    )


def same_day_referral(session: Session, *, entry: LedgerEntry) -> Referral | None:
    """A referral between the same two people on the entry's day, which the entry likely repeats.

    A recorded referral is already in the ledger, so a referral given by hand the same day
    would count it twice.
    """
    if entry.kind != LedgerKind.REFERRAL or entry.referral_id is not None:
        return None
    return session.scalar(
        select(Referral)
        .where(
            Referral.workspace_id == entry.workspace_id,
            Referral.referrer_id == entry.giver_id,
            Referral.receiver_id == entry.receiver_id,
            Referral.received_on == entry.occurred_on,
        )
        .order_by(Referral.id)
        .limit(1)
    )


@dataclass(frozen=True)
class LedgerView:
    entries: list[LedgerEntry]
    balances: dict[int, Balance]


def ledger(
    session: Session, *, me: Person, person: Person | None = None, limit: int | None = None
) -> LedgerView:
    """The entries (all, or those involving `person`; the newest `limit` of them) with each
    person's balance with the owner, which counts every entry however many are listed."""
    stmt = select(LedgerEntry).where(LedgerEntry.workspace_id == workspace_id(session))
    if person is not None:
        stmt = stmt.where(
            or_(LedgerEntry.giver_id == person.id, LedgerEntry.receiver_id == person.id)
        )
    entries = list(session.scalars(stmt.order_by(LedgerEntry.occurred_on.desc(), LedgerEntry.id)))
    plain = [Entry(e.giver_id, e.receiver_id, e.kind.value) for e in entries]
    return LedgerView(entries=entries[:limit], balances=balances(plain, me=me.id))


def referral_views(session: Session, referrals: list[Referral]) -> list[ReferralView]:
    ids = {pid for r in referrals for pid in (r.referrer_id, r.prospect_id, r.receiver_id)}
    ids |= {v.person_id for r in referrals for v in r.via}
    people = summaries_by_id(session, ids)
    # By workspace, not by id list: a listing may hold more referrals than a query has parameters.
    linked = select(LedgerEntry.referral_id, LedgerEntry.id).where(
        LedgerEntry.workspace_id == workspace_id(session), LedgerEntry.referral_id.is_not(None)
    )
    entries: dict[int, int] = {rid: eid for rid, eid in session.execute(linked) if rid is not None}
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
            ledger_entry_id=entries.get(r.id),
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
            referral_id=e.referral_id,
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


OWE_MOST_SHOWN = 10


def ledger_totals(balances: dict[int, Balance], views: list[BalanceView]) -> LedgerTotals:
    """The give/get ratio and the people you owe most, over `balances` and their `views`."""
    by_person = {v.person.id: v for v in views}
    overall = totals(balances.values())
    return LedgerTotals(
        given=overall.given,
        received=overall.received,
        give_get_ratio=overall.ratio,
        owe_most=[by_person[b.person_id] for b in owe_most(balances.values(), top=OWE_MOST_SHOWN)],
    )


PERSON_SHOWN = 50  # entries and referrals listed on a person's page


def person_ledger(session: Session, *, person: Person, limit: int = PERSON_SHOWN) -> PersonLedger:
    """The give-and-take between the owner and `person`, with its balance; kept until the data
    changes (a person's page asks for it on every view)."""
    return kept_while_unchanged(
        session,
        key=("person_ledger", person.id, limit),
        compute=lambda: _person_ledger(session, person, limit),
    )


def _person_ledger(session: Session, person: Person, limit: int) -> PersonLedger:
    found = ledger(session, me=get_owner(session), person=person)
    shown = found.entries[:limit]
    mine = {person.id: found.balances[person.id]} if person.id in found.balances else {}
    rows, balance = ledger_views(session, shown, mine)
    return PersonLedger(
        entries=rows, count=len(found.entries), balance=balance[0] if balance else None
    )


def person_referrals(
    session: Session, *, person: Person, limit: int = PERSON_SHOWN
) -> PersonReferrals:
    """Referrals from, to, about or passed along by `person`, newest first; kept until the
    data changes."""
    return kept_while_unchanged(
        session,
        key=("person_referrals", person.id, limit),
        compute=lambda: _person_referrals(session, person, limit),
    )


def _person_referrals(session: Session, person: Person, limit: int) -> PersonReferrals:
    via = select(ReferralVia.referral_id).where(ReferralVia.person_id == person.id)
    stmt = (
        select(Referral)
        .where(
            Referral.workspace_id == workspace_id(session),
            or_(
                Referral.referrer_id == person.id,
                Referral.receiver_id == person.id,
                Referral.prospect_id == person.id,
                Referral.id.in_(via),
            ),
        )
        .options(selectinload(Referral.steps), selectinload(Referral.via))
        .order_by(Referral.received_on.desc(), Referral.id.desc())
        .limit(limit)
    )
    return PersonReferrals(items=referral_views(session, list(session.scalars(stmt))))
