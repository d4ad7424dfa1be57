"""Ties from what happened: the profile services that record evidence tie the people in it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.events.service import add_event
from goodword.interactions.models import InteractionKind
from goodword.interactions.service import delete_interaction
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.profiles.service import (
    add_contact,
    give_referral,
    log_my_interaction,
    receive_referral,
    record_met_refs,
    record_my_give,
)
from goodword.referrals.models import LedgerKind
from goodword.relationships.inference import GROUP_LIMIT
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie
from goodword.storage.session import workspace_id

AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def tie_count(session: Session) -> int:
    query = select(func.count()).where(Relationship.workspace_id == workspace_id(session))
    return session.scalar(query) or 0


def inferred(session: Session, a: Person, b: Person) -> tuple[TieKind, float | None, date | None]:
    tie = find_tie(session, a.id, b.id)
    assert tie is not None, f"no tie between {a.name} and {b.name}"
    assert tie.source == TieSource.INFERRED
    return tie.kind, tie.strength, tie.since


def test_logging_ties_you_and_everyone_in_a_small_group(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")

    log_my_interaction(session, refs=["Ann Lee", "Bob Stone"], kind=InteractionKind.COFFEE, at=AT)

    known = (TieKind.KNOWS, None, AT.date())
    assert [inferred(session, *p) for p in [(me, ann), (me, bob), (ann, bob)]] == [known] * 3


def test_in_a_big_logged_group_only_you_are_tied_to_each(session: Session) -> None:
    me = get_owner(session)
    people = [add(session, f"Guest {n}") for n in range(GROUP_LIMIT)]

    log_my_interaction(session, refs=[p.name for p in people], kind=InteractionKind.EVENT, at=AT)

    assert tie_count(session) == GROUP_LIMIT
    assert all(find_tie(session, me.id, p.id) is not None for p in people)


def test_logging_again_keeps_one_tie_dated_by_the_first_evidence(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")

    log_my_interaction(session, refs=["Ann Lee"], kind=InteractionKind.CALL, at=AT)
    later = AT.replace(month=5)
    log_my_interaction(session, refs=["Ann Lee"], kind=InteractionKind.CALL, at=later)

    assert tie_count(session) == 1
    assert inferred(session, me, ann)[2] == AT.date()


def test_what_happened_never_changes_a_stated_tie(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    stated = connect_people(
        session, a=ann, b=me, kind=TieKind.MENTOR, strength=0.9, note="since school"
    )
    before = (stated.kind, stated.reversed, stated.strength, stated.source, stated.note)

    log_my_interaction(session, refs=["Ann Lee"], kind=InteractionKind.COFFEE, at=AT)
    record_my_give(session, ref="Ann Lee", giving=True, kind=LedgerKind.HELP, on=AT.date())

    tie = find_tie(session, me.id, ann.id)
    assert tie is stated
    assert (tie.kind, tie.reversed, tie.strength, tie.source, tie.note) == before
    assert tie.since is None
    assert tie_count(session) == 1


def test_deleting_the_interaction_leaves_its_tie(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    interaction, _ = log_my_interaction(
        session, refs=["Ann Lee"], kind=InteractionKind.COFFEE, at=AT
    )

    delete_interaction(session, interaction=interaction)

    assert inferred(session, me, ann) == (TieKind.KNOWS, None, AT.date())


def test_people_met_at_an_event_are_tied_to_you_from_its_day(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    add_event(session, name="Chamber breakfast", starts_on=date(2026, 2, 10))

    met = record_met_refs(session, event_ref="Chamber breakfast", refs=["Ann Lee", "Cara Diaz"])

    cara = met.created[0]
    assert inferred(session, me, ann) == inferred(session, me, cara)
    assert inferred(session, me, cara)[2] == date(2026, 2, 10)
    assert find_tie(session, ann.id, cara.id) is None


def test_a_contact_added_with_where_you_met_is_tied_to_you(session: Session) -> None:
    add_event(session, name="Gala", starts_on=date(2026, 1, 20))

    ann = add_contact(session, fields=PersonFields(name="Ann Lee"), met_at="Gala")

    assert inferred(session, get_owner(session), ann)[2] == date(2026, 1, 20)


def test_a_referral_ties_its_referrer_to_you_and_each_link_of_its_chain(
    session: Session,
) -> None:
    me, ann, bob, cy = (get_owner(session), *(add(session, n) for n in ("Ann", "Bob", "Cy")))

    referral = receive_referral(
        session, from_ref="Ann", prospect_ref="Dee Park", via_refs=["Bob", "Cy"],
        currency=None, at=AT,
    )  # fmt: skip

    dee = session.get_one(Person, referral.prospect_id)
    for a, b in [(ann, me), (ann, bob), (bob, cy), (cy, dee)]:
        assert inferred(session, a, b)[2] == AT.date()
    assert find_tie(session, ann.id, dee.id) is None
    assert tie_count(session) == 4


def test_a_direct_referral_ties_the_referrer_to_the_prospect(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")

    referral = receive_referral(
        session, from_ref="Ann Lee", prospect_ref="Dee Park", currency=None, at=AT
    )

    dee = session.get_one(Person, referral.prospect_id)
    assert inferred(session, ann, dee)[2] == inferred(session, ann, me)[2] == AT.date()


def test_a_referral_you_give_ties_you_to_its_receiver_and_them_to_the_prospect(
    session: Session,
) -> None:
    me, bob = get_owner(session), add(session, "Bob Stone")

    referral = give_referral(
        session, to_ref="Bob Stone", prospect_ref="Dee Park", currency=None, at=AT
    )

    dee = session.get_one(Person, referral.prospect_id)
    assert (referral.referrer_id, referral.receiver_id) == (me.id, bob.id)
    assert inferred(session, me, bob)[2] == inferred(session, me, dee)[2] == AT.date()


def test_giving_and_getting_tie_you_to_the_other_person(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")

    record_my_give(session, ref="Ann Lee", giving=True, kind=LedgerKind.HELP, on=date(2026, 2, 1))
    record_my_give(
        session, ref="Bob Stone", giving=False, kind=LedgerKind.GIFT, on=date(2026, 2, 2)
    )

    assert inferred(session, me, ann)[2] == date(2026, 2, 1)
    assert inferred(session, bob, me)[2] == date(2026, 2, 2)
