"""Correcting and deleting referrals and ledger entries: one ledger entry per referral, always."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.profiles.forget import delete_person
from goodword.referrals.models import (
    LedgerEntry,
    LedgerKind,
    Referral,
    ReferralStatus,
    ReferralStep,
    ReferralVia,
)
from goodword.referrals.queries import referral_views, same_day_referral
from goodword.referrals.service import (
    add_referral,
    delete_ledger_entry,
    delete_referral,
    edit_ledger_entry,
    edit_referral,
    move_referral,
    record_give,
)
from goodword.storage.session import workspace_id

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def entries_of(session: Session, referral: Referral) -> list[LedgerEntry]:
    query = select(LedgerEntry).where(LedgerEntry.referral_id == referral.id)
    return list(session.scalars(query))


def count(session: Session, model: type[object]) -> int:
    table = model.__table__  # type: ignore[attr-defined]
    query = (
        select(func.count()).select_from(table).where(table.c.workspace_id == workspace_id(session))
    )
    return session.scalar(query) or 0


def a_referral(session: Session, **kwargs: object) -> Referral:
    ann, dev = add(session, "Ann Lee"), add(session, "Dev Raman")
    return add_referral(
        session,
        referrer=ann,
        prospect=dev,
        receiver=get_owner(session),
        currency="GBP",
        at=AT,
        value=Decimal("500"),
        **kwargs,  # type: ignore[arg-type]
    )


def test_one_ledger_entry_follows_its_referral_through_add_move_edit_and_delete(
    session: Session,
) -> None:
    referral = a_referral(session)
    [entry] = entries_of(session, referral)
    assert (entry.value, entry.currency, entry.note) == (
        Decimal("500"),
        "GBP",
        "Referred Dev Raman",
    )

    move_referral(
        session, referral=referral, status=ReferralStatus.WON, at=AT, value=Decimal("900")
    )
    [entry] = entries_of(session, referral)
    assert entry.value == Decimal("900")

    bob, eve = add(session, "Bob Stone"), add(session, "Eve Ng")
    edit_referral(
        session,
        referral=referral,
        referrer=bob,
        prospect=eve,
        on=date(2026, 3, 5),
        value=Decimal("1200"),
        currency="EUR",
        note=" Met at the fe\u0302te ",
    )
    assert referral.note == "Met at the fête"  # trimmed, and NFC as all stored text
    [entry] = entries_of(session, referral)
    assert (entry.giver_id, entry.value, entry.currency) == (bob.id, Decimal("1200"), "EUR")
    assert (entry.occurred_on, entry.note) == (date(2026, 3, 5), "Referred Eve Ng")
    assert referral.steps[0].at.date() == date(2026, 3, 5)
    assert count(session, LedgerEntry) == 1

    delete_referral(session, referral=referral)
    assert count(session, LedgerEntry) == 0


def test_deleting_a_referral_takes_its_history_chain_and_entry_but_not_the_people(
    session: Session,
) -> None:
    ann, dev, bob = add(session, "Ann Lee"), add(session, "Dev Raman"), add(session, "Bob Stone")
    referral = add_referral(
        session,
        referrer=ann,
        prospect=dev,
        receiver=get_owner(session),
        currency="GBP",
        at=AT,
        via=[bob],
    )
    move_referral(session, referral=referral, status=ReferralStatus.MET, at=AT)
    kept = record_give(
        session, giver=ann, receiver=get_owner(session), kind=LedgerKind.HELP, on=AT.date()
    )
    people = count(session, Person)

    delete_referral(session, referral=referral)
    session.expire_all()

    assert [count(session, m) for m in (Referral, ReferralStep, ReferralVia)] == [0, 0, 0]
    assert session.scalars(select(LedgerEntry.id)).all() == [kept.id]
    assert count(session, Person) == people


def test_a_referrals_entry_is_changed_and_deleted_only_through_the_referral(
    session: Session,
) -> None:
    [entry] = entries_of(session, a_referral(session))

    with pytest.raises(Conflict, match="referral edit"):
        edit_ledger_entry(session, entry=entry, value=Decimal("1"))
    with pytest.raises(Conflict, match="referral delete"):
        delete_ledger_entry(session, entry=entry)
    assert entry.value == Decimal("500")


def test_editing_an_entry_keeps_a_value_in_a_currency(session: Session) -> None:
    ann, me = add(session, "Ann Lee"), get_owner(session)
    entry = record_give(session, giver=me, receiver=ann, kind=LedgerKind.HELP, on=AT.date())

    edit_ledger_entry(
        session,
        entry=entry,
        kind=LedgerKind.GIFT,
        value=Decimal("40"),
        note=" rose\u0301 ",
        on=AT.date(),
    )

    assert (entry.kind, entry.value, entry.note) == (LedgerKind.GIFT, Decimal("40"), "rosé")
    assert entry.currency == "USD"  # the workspace's, as when an entry is recorded
    delete_ledger_entry(session, entry=entry)
    assert count(session, LedgerEntry) == 0


def test_a_currency_without_a_value_is_refused(session: Session) -> None:
    ann, me = add(session, "Ann Lee"), get_owner(session)
    entry = record_give(session, giver=me, receiver=ann, kind=LedgerKind.HELP, on=AT.date())

    with pytest.raises(InvalidInput, match="no value"):
        edit_ledger_entry(session, entry=entry, currency="EUR")
    assert (entry.value, entry.currency) == (None, None)


def test_an_edit_that_makes_one_person_play_two_roles_is_refused(session: Session) -> None:
    referral = a_referral(session)

    with pytest.raises(InvalidInput, match="different people"):
        edit_referral(session, referral=referral, prospect=get_owner(session))


def test_a_referral_view_names_its_ledger_entry(session: Session) -> None:
    referral = a_referral(session)
    [entry] = entries_of(session, referral)

    [view] = referral_views(session, [referral])

    assert view.ledger_entry_id == entry.id


def test_a_referral_given_by_hand_the_same_day_is_a_likely_duplicate(session: Session) -> None:
    referral = a_referral(session)
    ann = session.get_one(Person, referral.referrer_id)
    me = get_owner(session)

    same_day = record_give(
        session, giver=ann, receiver=me, kind=LedgerKind.REFERRAL, on=referral.received_on
    )
    other_day = record_give(
        session, giver=ann, receiver=me, kind=LedgerKind.REFERRAL, on=date(2026, 4, 1)
    )
    help_ = record_give(session, giver=ann, receiver=me, kind=LedgerKind.HELP, on=AT.date())
    [own] = entries_of(session, referral)

    assert same_day_referral(session, entry=same_day) is referral
    assert [same_day_referral(session, entry=e) for e in (other_day, help_, own)] == [None] * 3


def test_forgetting_the_prospect_takes_the_referral_and_its_entry(session: Session) -> None:
    referral = a_referral(session)
    prospect = session.get_one(Person, referral.prospect_id)

    delete_person(session, person=prospect)
    session.expire_all()

    assert [count(session, m) for m in (Referral, ReferralStep, LedgerEntry)] == [0, 0, 0]
