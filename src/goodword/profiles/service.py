"""Use cases that touch a person across domains: adding someone with how you met them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.events.queries import resolve_event
from goodword.events.service import record_met
from goodword.interactions.models import Interaction, InteractionKind
from goodword.interactions.service import log_interaction
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.people.refs import find_or_create_person
from goodword.people.service import PersonFields, add_note, create_person, get_owner
from goodword.profiles.inferring import (
    tie_attendance,
    tie_interaction,
    tie_ledger_entry,
    tie_referral,
)
from goodword.referrals.models import LedgerEntry, LedgerKind, Referral
from goodword.referrals.service import add_referral, edit_referral, get_referral, record_give
from goodword.relationships.kinds import TieKind
from goodword.relationships.service import connect_people
from goodword.storage.session import workspace_currency


def add_contact(
    session: Session,
    *,
    fields: PersonFields,
    note: str | None = None,
    met_at: str | None = None,
    introduced_by: str | None = None,
) -> Person:
    """A new person with the note, the event where you met (which ties you) and who
    introduced you.

    Raises: InvalidInput or Conflict for bad fields; NotFound or Ambiguous for the event
    or the introducer. Nothing is kept if any part fails (the caller's transaction).
    """
    person = create_person(session, fields=fields)
    if note:
        add_note(session, person=person, body=note)
    if met_at:
        event = resolve_event(session, met_at)
        record_met(session, event=event, people=[person])
        tie_attendance(session, event=event, people=[person])
    if introduced_by:
        introducer = resolve_person(session, introduced_by)
        connect_people(session, a=introducer, b=person, kind=TieKind.INTRODUCED)
    return person


@dataclass(frozen=True)
class MetAt:
    event_name: str
    people: list[Person]
    created: list[Person]


def record_met_refs(session: Session, *, event_ref: str, refs: Sequence[str]) -> MetAt:
    """People met at an event, by REF; names nobody has yet become new people, and each
    gets an inferred tie to you unless already tied.

    Raises: NotFound or Ambiguous for the event, Ambiguous for a REF naming several people.
    """
    event = resolve_event(session, event_ref)
    found = [find_or_create_person(session, ref) for ref in refs]
    people = [person for person, _ in found]
    record_met(session, event=event, people=people)
    tie_attendance(session, event=event, people=[p for p in people if not p.is_me])
    return MetAt(event.name, people, [person for person, new in found if new])


def receive_referral(
    session: Session,
    *,
    from_ref: str,
    prospect_ref: str,
    to_ref: str = "me",
    via_refs: Sequence[str] = (),
    currency: str | None,
    at: datetime,
    value: Decimal | None = None,
    note: str | None = None,
) -> Referral:
    """A referral named by REFs; a prospect nobody knows yet becomes a new person. The
    people it links get inferred ties where they have none (`tie_referral`).

    Raises: NotFound or Ambiguous for a REF; InvalidInput when one person plays two roles.
    """
    referrer = resolve_person(session, from_ref)
    receiver = resolve_person(session, to_ref)
    chain = [resolve_person(session, ref) for ref in via_refs]
    prospect, _ = find_or_create_person(session, prospect_ref)
    referral = add_referral(
        session,
        referrer=referrer,
        prospect=prospect,
        receiver=receiver,
        currency=currency or workspace_currency(session),
        at=at,
        via=chain,
        value=value,
        note=note,
    )
    tie_referral(session, referral=referral)
    return referral


def give_referral(
    session: Session,
    *,
    to_ref: str,
    prospect_ref: str,
    currency: str | None,
    at: datetime,
    value: Decimal | None = None,
    note: str | None = None,
) -> Referral:
    """A referral you gave: you sent the prospect to the person `to_ref` names. As any
    referral it is the referrer's give in the ledger, here yours, and ties you to them.

    Raises: NotFound or Ambiguous for a REF; InvalidInput when `to_ref` or the prospect is you.
    """
    if resolve_person(session, to_ref).is_me:
        raise InvalidInput(
            "A referral you give goes to someone else.",
            hint="Record one you received with `goodword referral add --from REF`.",
        )
    return receive_referral(
        session,
        from_ref="me",
        prospect_ref=prospect_ref,
        to_ref=to_ref,
        currency=currency,
        at=at,
        value=value,
        note=note,
    )


def correct_referral(
    session: Session,
    *,
    referral_id: int,
    from_ref: str | None = None,
    prospect_ref: str | None = None,
    on: date | None = None,
    value: Decimal | None = None,
    currency: str | None = None,
    note: str | None = None,
) -> Referral:
    """A referral corrected by REFs; as when it was added, a new prospect becomes a person
    and the people it now links get inferred ties where they have none.

    Raises: NotFound for the referral; NotFound or Ambiguous for a REF; InvalidInput when
    one person would play two roles.
    """
    referral = edit_referral(
        session,
        referral=get_referral(session, referral_id),
        referrer=resolve_person(session, from_ref) if from_ref else None,
        prospect=find_or_create_person(session, prospect_ref)[0] if prospect_ref else None,
        on=on,
        value=value,
        currency=currency,
        note=note,
    )
    tie_referral(session, referral=referral)
    return referral


def log_my_interaction(
    session: Session,
    *,
    refs: Sequence[str],
    kind: InteractionKind,
    at: datetime,
    note: str | None = None,
    they_initiated: bool = False,
) -> tuple[Interaction, list[Person]]:
    """An interaction of yours with the people REFs name; you reached out unless they did
    (then the first of them). Returns it and them. Those without a tie get an inferred
    one (`tie_interaction`).

    Raises: NotFound or Ambiguous for a REF; InvalidInput when you are the only one.
    """
    me = get_owner(session)
    people = [resolve_person(session, ref) for ref in refs]
    interaction = log_interaction(
        session,
        people=[me, *people],
        kind=kind,
        at=at,
        note=note,
        initiated_by=people[0] if they_initiated and people else me,
    )
    tie_interaction(session, interaction=interaction)
    return interaction, people


def record_my_give(
    session: Session,
    *,
    ref: str,
    giving: bool,
    kind: LedgerKind,
    on: date,
    value: Decimal | None = None,
    currency: str | None = None,
    note: str | None = None,
) -> tuple[LedgerEntry, Person, Person]:
    """Something you gave the person REF names (`giving`), or they gave you; returns the
    entry, its giver and its receiver. An inferred tie joins you unless one already does.

    Raises: NotFound or Ambiguous for the REF; InvalidInput when it names you.
    """
    me, other = get_owner(session), resolve_person(session, ref)
    giver, receiver = (me, other) if giving else (other, me)
    entry = record_give(
        session,
        giver=giver,
        receiver=receiver,
        kind=kind,
        on=on,
        value=value,
        currency=currency,
        note=note,
    )
    tie_ledger_entry(session, entry=entry)
    return entry, giver, receiver
