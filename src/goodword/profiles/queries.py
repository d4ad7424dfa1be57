"""A person's whole story: timeline across every domain and ties with computed strength."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from goodword.events.models import Attendance, Event
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import HandleKind, Note, Person
from goodword.people.queries import summaries_by_id
from goodword.people.schemas import AddressView, Birthday, PersonSummary
from goodword.profiles.schemas import PersonDetail, PhoneView, TieView, TimelineItem
from goodword.referrals.models import LedgerEntry, Referral, ReferralVia
from goodword.relationships.kinds import TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.strength import CO_ATTENDANCE, Contact, TieEvidence, explain_ties
from goodword.storage.memo import kept_while_unchanged
from goodword.storage.session import phone_region, workspace_id
from goodword.text import display_phone


def person_detail(session: Session, *, person: Person, now: datetime) -> PersonDetail:
    base = PersonSummary.of(person)
    birthday = (
        Birthday(month=person.birthday_month, day=person.birthday_day, year=person.birthday_year)
        if person.birthday_month and person.birthday_day
        else None
    )
    notes = session.scalars(
        select(Note.body).where(Note.person_id == person.id).order_by(Note.created_at, Note.id)
    ).all()
    return PersonDetail(
        **base.model_dump(),
        birthday=birthday.iso() if birthday else None,
        addresses=[AddressView.of(address) for address in person.addresses],
        phone_numbers=_phones(session, person),
        notes=list(notes),
        timeline=timeline(session, person_id=person.id),
        ties=ties(session, person_id=person.id, now=now),
    )


def _phones(session: Session, person: Person) -> list[PhoneView]:
    region = phone_region(session)
    return [
        PhoneView(value=h.value, label=h.label, display=display_phone(h.value, region=region))
        for h in person.handles
        if h.kind == HandleKind.PHONE
    ]


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def timeline(session: Session, *, person_id: int) -> list[TimelineItem]:
    """Newest first: interactions, events, gives and receives, referrals, notes, follow-ups.
    Kept until the data changes."""
    kept = kept_while_unchanged(
        session, key=("timeline", person_id), compute=lambda: tuple(_timeline(session, person_id))
    )
    return list(kept)


def _timeline(session: Session, person_id: int) -> list[TimelineItem]:
    items = _interactions(session, person_id) + _events(session, person_id)
    items += _ledger(session, person_id) + _referrals(session, person_id)
    items += [
        TimelineItem(on=_iso(n.created_at), domain="note", type="note", id=n.id, summary=n.body)
        for n in session.scalars(select(Note).where(Note.person_id == person_id))
    ]
    items += [
        TimelineItem(
            on=_iso(f.due_on),
            domain="followup",
            type="done" if f.done_at else "open",
            id=f.id,
            summary=f.reason or "Follow up",
        )
        for f in session.scalars(select(Followup).where(Followup.person_id == person_id))
    ]
    return sorted(items, key=lambda i: (i.on[:10], i.on), reverse=True)


def _interactions(session: Session, person_id: int) -> list[TimelineItem]:
    found = session.scalars(
        select(Interaction)
        .join(Participant, Participant.interaction_id == Interaction.id)
        .where(Participant.person_id == person_id)
        .options(selectinload(Interaction.participants))
    )
    return [
        TimelineItem(
            on=_iso(i.at),
            domain="interaction",
            type=i.kind.value,
            id=i.id,
            summary=i.note or i.kind.value,
            people=[p.person_id for p in i.participants],
        )
        for i in found
    ]


def _events(session: Session, person_id: int) -> list[TimelineItem]:
    found = session.scalars(
        select(Event)
        .join(Attendance, Attendance.event_id == Event.id)
        .where(Attendance.person_id == person_id)
    )
    return [
        TimelineItem(
            on=_iso(e.starts_on), domain="event", type="met", id=e.id, summary=f"Met at {e.name}"
        )
        for e in found
    ]


def _ledger(session: Session, person_id: int) -> list[TimelineItem]:
    giver, receiver = aliased(Person), aliased(Person)
    rows = session.execute(
        select(LedgerEntry, giver.name, receiver.name)
        .join(giver, giver.id == LedgerEntry.giver_id)
        .join(receiver, receiver.id == LedgerEntry.receiver_id)
        .where(or_(LedgerEntry.giver_id == person_id, LedgerEntry.receiver_id == person_id))
        # A referral's own entry is the referral, which the timeline shows once, as itself.
        .where(LedgerEntry.referral_id.is_(None))
    ).all()
    return [
        TimelineItem(
            on=_iso(e.occurred_on),
            domain="ledger",
            type=e.kind.value,
            id=e.id,
            summary=f"{g} gave {r} {e.kind.value}" + (f": {e.note}" if e.note else ""),
            people=[e.giver_id, e.receiver_id],
        )
        for e, g, r in rows
    ]


def _referrals(session: Session, person_id: int) -> list[TimelineItem]:
    via = select(ReferralVia.referral_id).where(ReferralVia.person_id == person_id)
    referrer, prospect = aliased(Person), aliased(Person)
    found = session.execute(
        select(Referral, referrer.name, prospect.name)
        .join(referrer, referrer.id == Referral.referrer_id)
        .join(prospect, prospect.id == Referral.prospect_id)
        .where(
            or_(
                Referral.referrer_id == person_id,
                Referral.prospect_id == person_id,
                Referral.receiver_id == person_id,
                Referral.id.in_(via),
            )
        )
    ).all()
    return [
        TimelineItem(
            on=_iso(r.received_on),
            domain="referral",
            type=r.status.value,
            id=r.id,
            summary=f"Referral #{r.id}: {by} → {whom} ({r.status.value})"
            + (f", {r.value} {r.currency}" if r.value is not None else ""),
            people=[r.referrer_id, r.prospect_id, r.receiver_id],
        )
        for r, by, whom in found
    ]


def ties(
    session: Session, *, person_id: int, now: datetime, among: Collection[int] | None = None
) -> list[TieView]:
    """Strongest first (only those to `among` when given); strength weighs each shared
    contact by channel, recency and who reached out, on top of what was stated about the tie.

    What is read is kept until the data changes; the strengths fade with `now`, so they are
    computed each time.
    """
    key = ("ties", person_id, None if among is None else frozenset(among))
    read = kept_while_unchanged(
        session, key=key, compute=lambda: _read_ties(session, person_id, among)
    )
    explained = explain_ties([tie.evidence for tie in read], now=now)
    views = [
        TieView(
            person=tie.person,
            strength=strength.value,
            kind=tie.kind,
            source=tie.evidence.source,
            evidence=strength.reason,
            since=tie.evidence.since.isoformat() if tie.evidence.since else None,
            note=tie.note,
        )
        for tie, strength in zip(read, explained, strict=True)
    ]
    return sorted(views, key=lambda v: (-v.strength, v.person.name))


@dataclass(frozen=True)
class _TieRead:
    """One tie as stored, with the other person and the contacts they shared."""

    person: PersonSummary
    kind: str
    note: str | None
    evidence: TieEvidence


def _read_ties(
    session: Session, person_id: int, among: Collection[int] | None
) -> tuple[_TieRead, ...]:
    query = select(Relationship).where(
        or_(Relationship.person_a_id == person_id, Relationship.person_b_id == person_id)
    )
    if among is not None:
        query = query.where(
            or_(Relationship.person_a_id.in_(among), Relationship.person_b_id.in_(among))
        )
    found = list(session.scalars(query))
    if not found:
        return ()
    others = [t.other(person_id) for t in found]
    contacts = _shared_contacts(session, person_id, others)
    people = summaries_by_id(session, {person_id, *others})
    read = []
    for tie, other in zip(found, others, strict=True):
        # A strength stated with `knows` (or a who-knows-whom list) is the user's word; one that
        # came in with an import or was inferred is a starting point the evidence moves.
        stated = tie.source == TieSource.STATED
        evidence = TieEvidence(
            tuple(contacts.get(other, [])),
            prior=tie.strength,
            explicit=stated and tie.strength is not None,
            source=tie.source.value,
            since=tie.since,
            second_name="you" if people[other].is_me else people[other].name,
            prior_at=None if stated and tie.strength is not None else tie.created_at,
        )
        read.append(_TieRead(people[other], tie.label_for(other), tie.note, evidence))
    return tuple(read)


def _shared_contacts(
    session: Session, person_id: int, others: list[int]
) -> dict[int, list[Contact]]:
    """Each other person's contacts with `person_id`: shared interactions, oldest first, then
    events both attended (the owner attends every event where they met someone)."""
    mine, theirs = aliased(Participant), aliased(Participant)
    rows = session.execute(
        select(theirs.person_id, Interaction.kind, Interaction.at, Interaction.initiated_by_id)
        .select_from(mine)
        .join(theirs, theirs.interaction_id == mine.interaction_id)
        .join(Interaction, Interaction.id == mine.interaction_id)
        .where(mine.person_id == person_id, theirs.person_id.in_(others))
        .order_by(Interaction.at, Interaction.id)
    ).all()
    found: dict[int, list[Contact]] = {}
    for other, kind, at, initiator in rows:
        by_first = None if initiator not in (person_id, other) else initiator == person_id
        found.setdefault(other, []).append(Contact(at, kind.value, by_first))
    for other, on in _co_attendance(session, person_id, others):
        moment = datetime.combine(on, time(12), tzinfo=UTC)
        found.setdefault(other, []).append(Contact(moment, CO_ATTENDANCE, None))
    return found


def _co_attendance(session: Session, person_id: int, others: list[int]) -> list[tuple[int, date]]:
    wid = workspace_id(session)
    owner = session.scalar(select(Person.id).where(Person.workspace_id == wid, Person.is_me))
    attended = select(Attendance.person_id, Event.starts_on).join(
        Event, Event.id == Attendance.event_id
    )
    if person_id == owner:
        return [
            (p, on) for p, on in session.execute(attended.where(Attendance.person_id.in_(others)))
        ]
    mine = select(Attendance.event_id).where(Attendance.person_id == person_id)
    shared = attended.where(Attendance.event_id.in_(mine), Attendance.person_id.in_(others))
    found = [(other, on) for other, on in session.execute(shared)]
    if owner is not None and owner in others:
        days = session.scalars(select(Event.starts_on).where(Event.id.in_(mine)))
        found += [(owner, day) for day in days]
    return found
