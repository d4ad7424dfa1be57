"""Merging two records of the same person without losing anything from either."""

from __future__ import annotations

from sqlalchemy import Select, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from goodword.clock import today
from goodword.errors import InvalidInput
from goodword.events.models import Attendance
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, Participant
from goodword.people.addresses import key_of
from goodword.people.models import (
    Address,
    ContactKind,
    Employment,
    Handle,
    Note,
    Person,
    PersonTag,
)
from goodword.people.search import refresh_search
from goodword.people.service import add_note
from goodword.referrals.models import LedgerEntry, Referral, ReferralVia
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.storage.session import workspace_id

_FIELDS = (
    *("nickname", "city", "country", "industry"),
    *("birthday_year", "birthday_month", "birthday_day", "tier"),
)


def merge_people(session: Session, *, keep: Person, other: Person) -> Person:
    """Moves everything of `other` onto `keep`, then deletes `other`.

    Fields `keep` lacks are taken from `other`; values that differ are kept in a note.
    A person merged into an organisation's card makes it that person (their name and
    current job): the card was theirs, and a person named after a firm reads wrong.

    Raises: InvalidInput when both are the same person or `other` is the owner.
    """
    if keep.id == other.id:
        raise InvalidInput("A person cannot be merged with themselves.")
    if other.is_me:
        raise InvalidInput(
            "The owner cannot be merged away.", hint=f"Run: person merge me {keep.id}"
        )
    _refuse_self_links(session, keep, other)
    person_wins = keep.kind == ContactKind.ORGANISATION and other.kind == ContactKind.PERSON
    jobs = (other, keep) if person_wins else (keep, other)  # whose current job stays current
    _merge_fields(session, keep, other, jobs=jobs)
    _move_employments(session, keep, other, jobs=jobs)
    _move_handles(session, keep.id, other.id)
    _move_addresses(session, keep.id, other.id)
    _move_ties(session, keep.id, other.id)
    _move_memberships(session, keep.id, other.id)
    for table, column in _SIMPLE_MOVES:
        session.execute(
            update(table).where(column == other.id).values({column.key: keep.id}),
            execution_options={"synchronize_session": False},
        )
    session.flush()
    session.expire_all()
    session.execute(delete(Person).where(Person.id == other.id))
    refresh_search(session, [keep.id])  # rows moved in bulk, past the session's bookkeeping
    session.flush()
    return keep


_SIMPLE_MOVES = (
    (Note, Note.person_id),
    (Followup, Followup.person_id),
    (Interaction, Interaction.initiated_by_id),
    (LedgerEntry, LedgerEntry.giver_id),
    (LedgerEntry, LedgerEntry.receiver_id),
    (Referral, Referral.referrer_id),
    (Referral, Referral.prospect_id),
    (Referral, Referral.receiver_id),
    (ReferralVia, ReferralVia.person_id),
)


def _refuse_self_links(session: Session, keep: Person, other: Person) -> None:
    """A gift or referral between the two would become one from a person to themselves.

    Raises: InvalidInput naming what links them, so the user can correct it first.
    """
    pair = (keep.id, other.id)
    gifts = session.scalar(
        select(func.count())
        .select_from(LedgerEntry)
        .where(LedgerEntry.giver_id.in_(pair), LedgerEntry.receiver_id.in_(pair))
    )
    involved = [_referrals_of(pid) for pid in pair]
    referrals = session.scalar(
        select(func.count())
        .select_from(Referral)
        .where(Referral.id.in_(involved[0]), Referral.id.in_(involved[1]))
    )
    if gifts or referrals:
        links = ", ".join(
            text
            for count, text in (
                (gifts, f"{gifts} ledger entries"),
                (referrals, f"{referrals} referrals"),
            )
            if count
        )
        raise InvalidInput(
            f"{keep.name} (#{keep.id}) and {other.name} (#{other.id}) are linked by {links}; "
            "merged, they would be one person on both sides.",
            hint="Delete or correct those entries first (see `goodword ledger` and "
            "`goodword referral list`).",
        )


def _referrals_of(pid: int) -> Select[int]:
    return select(Referral.id).where(
        or_(
            Referral.referrer_id == pid,
            Referral.prospect_id == pid,
            Referral.receiver_id == pid,
            Referral.id.in_(select(ReferralVia.referral_id).where(ReferralVia.person_id == pid)),
        )
    )


def _merge_fields(
    session: Session, keep: Person, other: Person, *, jobs: tuple[Person, Person]
) -> None:
    differing = []
    if keep.kind == ContactKind.ORGANISATION and other.kind == ContactKind.PERSON:
        differing.append(f"name: {keep.name}")
        keep.name, keep.kind = other.name, ContactKind.PERSON
    elif other.name != keep.name:
        differing.append(f"name: {other.name}")
    for attr in _FIELDS:
        mine, theirs = getattr(keep, attr), getattr(other, attr)
        if mine is None:
            setattr(keep, attr, theirs)
        elif theirs is not None and theirs != mine:
            differing.append(f"{attr.replace('_', ' ')}: {theirs}")
    winner, loser = jobs
    current = {_org_name(e): e.title for e in winner.employments if e.ended_on is None}
    for job in loser.employments:
        org = _org_name(job)
        if job.ended_on is not None or not current:
            continue  # history moves as it is
        if org in current and job.title in (None, current[org]):
            continue  # the same role, or one saying less, adds nothing
        if org is None:
            differing.append(f"title: {job.title}")
        else:
            differing.append(f"org: {org}" + (f" ({job.title})" if job.title else ""))
    if differing:
        add_note(session, person=keep, body=f"Merged from #{other.id}; " + "; ".join(differing))


def _org_name(job: Employment) -> str | None:
    return job.org.name if job.org is not None else None


def _move_employments(
    session: Session, keep: Person, other: Person, *, jobs: tuple[Person, Person]
) -> None:
    """The winner's current job stays current; the other side's current jobs become history."""
    winner, loser = jobs
    if any(e.ended_on is None for e in winner.employments):
        for job in loser.employments:
            if job.ended_on is None:
                job.ended_on = today()
    session.execute(
        update(Employment).where(Employment.person_id == other.id).values(person_id=keep.id),
        execution_options={"synchronize_session": False},
    )
    session.flush()


def _move_handles(session: Session, keep_id: int, other_id: int) -> None:
    # A kind keep already has a primary for stays primary on keep's side.
    kinds = set(
        session.scalars(select(Handle.kind).where(Handle.person_id == keep_id, Handle.is_primary))
    )
    for handle in session.scalars(select(Handle).where(Handle.person_id == other_id)):
        handle.person_id = keep_id
        if handle.kind in kinds:
            handle.is_primary = False
    session.flush()


def _move_addresses(session: Session, keep_id: int, other_id: int) -> None:
    """Addresses move unless keep has the same one (which then takes a label it lacks);
    keep's primary address, if it has one, stays the primary."""
    mine = {
        key_of(a): a for a in session.scalars(select(Address).where(Address.person_id == keep_id))
    }
    has_primary = any(address.is_primary for address in mine.values())
    for address in session.scalars(select(Address).where(Address.person_id == other_id)):
        if (same := mine.get(key_of(address))) is not None:
            same.label = same.label or address.label
            session.delete(address)
            continue
        mine[key_of(address)] = address
        address.person_id = keep_id
        address.is_primary = address.is_primary and not has_primary
    session.flush()


def _move_memberships(session: Session, keep_id: int, other_id: int) -> None:
    """Rows keyed by (thing, person): drop the duplicate where both took part, move the rest."""
    for table, key in (
        (PersonTag, PersonTag.tag_id),
        (Participant, Participant.interaction_id),
        (Attendance, Attendance.event_id),
    ):
        person = table.person_id
        shared = select(key).where(person == keep_id)
        session.execute(
            delete(table).where(and_(person == other_id, key.in_(shared))),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(table).where(person == other_id).values(person_id=keep_id),
            execution_options={"synchronize_session": False},
        )


def _move_ties(session: Session, keep_id: int, other_id: int) -> None:
    wid = workspace_id(session)
    mine = {
        t.other(keep_id): t
        for t in session.scalars(
            select(Relationship).where(
                (Relationship.person_a_id == keep_id) | (Relationship.person_b_id == keep_id)
            )
        )
    }
    theirs = list(
        session.scalars(
            select(Relationship).where(
                (Relationship.person_a_id == other_id) | (Relationship.person_b_id == other_id)
            )
        )
    )
    for tie in theirs:
        friend = tie.other(other_id)
        if friend != keep_id and friend in mine:
            _combine(mine[friend], tie, keep_id=keep_id, other_id=other_id)
        elif friend != keep_id:
            # Re-created rather than updated, so the pair stays ordered low id first.
            other_is_first_role = (tie.person_a_id == other_id) != tie.reversed
            low, high = sorted((keep_id, friend))
            session.add(
                Relationship(
                    workspace_id=wid,
                    person_a_id=low,
                    person_b_id=high,
                    kind=tie.kind,
                    reversed=(low == keep_id) != other_is_first_role,
                    strength=tie.strength,
                    source=tie.source,
                    note=tie.note,
                    since=tie.since,
                    created_at=tie.created_at,
                )
            )
        session.delete(tie)
    session.flush()


def _combine(kept: Relationship, dropped: Relationship, *, keep_id: int, other_id: int) -> None:
    """Two ties to the same person become one: the stronger facts of each survive."""
    if dropped.strength is not None:
        kept.strength = max(kept.strength or 0.0, dropped.strength)
    if dropped.note and dropped.note not in (kept.note or ""):
        kept.note = f"{kept.note}\n{dropped.note}" if kept.note else dropped.note
    if dropped.since and (kept.since is None or dropped.since < kept.since):
        kept.since = dropped.since
    if dropped.source == TieSource.STATED:
        kept.source = TieSource.STATED
    if kept.kind == TieKind.KNOWS and dropped.kind != TieKind.KNOWS:
        first = dropped.person_a_id if not dropped.reversed else dropped.person_b_id
        first = keep_id if first == other_id else first
        kept.kind, kept.reversed = dropped.kind, first != kept.person_a_id
