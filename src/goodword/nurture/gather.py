"""Gathering the agenda's facts in bulk: a handful of column reads limited to the owner's
own records (their interactions, events, ledger, referrals and follow-ups), never one query
per person, so the agenda of a million-person network starts in well under a second."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, func, select, true
from sqlalchemy.orm import Session, aliased

from goodword.events.models import Attendance, Event
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.nurture.agenda import MetAt, PersonFacts, Planned, Received
from goodword.nurture.ladder import LadderFacts
from goodword.people.models import Person
from goodword.people.tier import Tier
from goodword.referrals.models import LedgerEntry, Referral, ReferralStatus, ReferralStep
from goodword.relationships.strength import CHANNEL_WEIGHTS
from goodword.storage.session import workspace_id

_ONE_TO_ONE = {
    InteractionKind.MEETING,
    InteractionKind.COFFEE,
    InteractionKind.CALL,
    InteractionKind.VIDEO,
}
_CHUNK = 5000


@dataclass
class _Tally:
    """One person's facts while they are being counted."""

    last_seen: date | None = None
    last_reached: date | None = None
    contacts: int = 0
    reached: int = 0
    one_to_ones: int = 0
    briefed: bool = False
    volume: float = 0.0
    met_at: list[MetAt] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    referrals_to: int = 0
    gave: int = 0
    got: int = 0
    gave_kinds: list[str] = field(default_factory=list)
    last_gift: date | None = None
    planned: list[Planned] = field(default_factory=list)

    def seen(self, on: date, *, reached: bool, times: int = 1) -> None:
        self.contacts += times
        self.last_seen = max(self.last_seen or on, on)
        if reached:
            self.reached += times
            self.last_reached = max(self.last_reached or on, on)


@dataclass(frozen=True)
class Contacts:
    """The owner's direct contacts with their advocate score and suggested tier."""

    owner_id: int
    score: dict[int, float]
    suggested: dict[int, Tier]


def gather(
    session: Session,
    *,
    contacts: Contacts,
    today: date,
    recent_days: int = 31,
    only: int | None = None,
) -> list[PersonFacts]:
    """Facts for every contact and everyone else the owner has something pending with (the
    one person `only` when given); events as of `today`, listed when in the last
    `recent_days`. What is dated after `today` is planned, not a contact yet."""
    tallies: defaultdict[int, _Tally] = defaultdict(_Tally)
    owner = contacts.owner_id
    end = datetime.combine(today + timedelta(days=1), time.min, tzinfo=UTC)
    _interactions(session, owner, tallies, end, only)
    _events(session, tallies, today, today - timedelta(days=recent_days), only)
    _followups(session, tallies, end, only)
    _ledger(session, owner, tallies, today, only)
    _referrals(session, owner, tallies, today, only)
    tallies.pop(owner, None)
    ids = {only} if only is not None else set(contacts.score) | set(tallies)
    ids.discard(owner)
    tiers = _tiers(session, ids)
    return [_facts(pid, tallies.get(pid) or _Tally(), contacts, tiers.get(pid)) for pid in ids]


def _facts(pid: int, t: _Tally, contacts: Contacts, tier: Tier | None) -> PersonFacts:
    return PersonFacts(
        person_id=pid,
        tier_set=tier,
        suggested=contacts.suggested.get(pid, Tier.NONE),
        score=contacts.score.get(pid, 0.0),
        is_contact=pid in contacts.score,
        last_seen=t.last_seen,
        last_reached=t.last_reached,
        met_at=tuple(t.met_at),
        received=tuple(t.received),
        gave=t.gave,
        got=t.got,
        gave_kinds=tuple(dict.fromkeys(t.gave_kinds)),
        last_gift=t.last_gift,
        volume=t.volume,
        ladder=LadderFacts(
            contacts=t.contacts,
            reached=t.reached,
            one_to_ones=t.one_to_ones,
            briefed=t.briefed,
            referrals_from=len(t.received),
            referrals_to=t.referrals_to,
        ),
        planned=tuple(sorted(t.planned, key=lambda p: (p.next_on, p.id))),
    )


def _day(moment: Any) -> Any:
    """The (UTC) day of a stored moment, as the database reads it: a day parses faster than
    a moment, and the agenda counts in days."""
    return func.date(moment, type_=Date)


def _is(column: ColumnElement[int] | Any, only: int | None) -> ColumnElement[bool]:
    return true() if only is None else column == only


def _interactions(
    session: Session, owner: int, tallies: defaultdict[int, _Tally], end: datetime, only: int | None
) -> None:
    """Everyone who shared an interaction with the owner, counted in SQL by kind and size
    (a 1:1 is the two of them alone), so a long history is a few hundred rows."""
    mine, theirs = aliased(Participant), aliased(Participant)
    of_owner = select(Participant.interaction_id).where(Participant.person_id == owner)
    sizes = (
        select(Participant.interaction_id, func.count().label("n"))
        .where(Participant.interaction_id.in_(of_owner))
        .group_by(Participant.interaction_id)
        .subquery()
    )
    rows = session.execute(
        select(theirs.person_id, Interaction.kind, sizes.c.n, func.count(),
               _day(func.max(Interaction.at)))
        .select_from(mine)
        .join(theirs, theirs.interaction_id == mine.interaction_id)
        .join(Interaction, Interaction.id == mine.interaction_id)
        .join(sizes, sizes.c.interaction_id == mine.interaction_id)
        .where(mine.person_id == owner, theirs.person_id != owner, Interaction.at < end,
               _is(theirs.person_id, only))
        .group_by(theirs.person_id, Interaction.kind, sizes.c.n)
    ).all()  # fmt: skip
    for pid, kind, size, times, last in rows:
        tally = tallies[pid]
        tally.seen(last, reached=kind != InteractionKind.EVENT, times=times)
        tally.volume += CHANNEL_WEIGHTS.get(kind.value, 0.25) * times
        if kind == InteractionKind.BRIEF:
            tally.briefed = True
        elif kind in _ONE_TO_ONE and size == 2:
            tally.one_to_ones += times


def _events(
    session: Session,
    tallies: defaultdict[int, _Tally],
    today: date,
    recent: date,
    only: int | None,
) -> None:
    wid = workspace_id(session)
    rows = session.execute(
        select(Attendance.person_id, func.count(), func.max(Event.starts_on))
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.workspace_id == wid, Event.starts_on <= today,
               _is(Attendance.person_id, only))
        .group_by(Attendance.person_id)
    ).all()  # fmt: skip
    for pid, times, last in rows:
        tallies[pid].seen(last, reached=False, times=times)
    latest = session.execute(
        select(Attendance.person_id, Event.name, Event.starts_on)
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.workspace_id == wid, Event.starts_on.between(recent, today),
               _is(Attendance.person_id, only))
        .order_by(Event.starts_on.desc(), Event.id)
    ).all()  # fmt: skip
    for pid, name, on in latest:
        tallies[pid].met_at.append(MetAt(event=name, on=on))


def _followups(
    session: Session, tallies: defaultdict[int, _Tally], end: datetime, only: int | None
) -> None:
    wid = workspace_id(session)
    mine = _is(Followup.person_id, only)
    rows = session.execute(
        select(
            Followup.id, Followup.person_id, Followup.due_on, Followup.snoozed_until,
            Followup.reason, Followup.rule,
        ).where(Followup.workspace_id == wid, Followup.done_at.is_(None), mine)
    ).all()  # fmt: skip
    for fid, pid, due, snoozed, reason, rule in rows:
        tallies[pid].planned.append(Planned(fid, due, snoozed, reason, rule))
    done = session.execute(
        select(Followup.person_id, func.count(), _day(func.max(Followup.done_at)))
        .where(Followup.workspace_id == wid, Followup.done_at < end, mine)
        .group_by(Followup.person_id)
    ).all()
    for pid, times, last in done:
        if last is not None:
            tallies[pid].seen(last, reached=True, times=times)


def _ledger(
    session: Session, owner: int, tallies: defaultdict[int, _Tally], today: date, only: int | None
) -> None:
    """Gives both ways, by kind; the owner's gives are contacts they made."""
    wid = workspace_id(session)
    given = session.execute(
        select(LedgerEntry.receiver_id, func.count(), func.max(LedgerEntry.occurred_on))
        .where(LedgerEntry.workspace_id == wid, LedgerEntry.giver_id == owner,
               LedgerEntry.occurred_on <= today, _is(LedgerEntry.receiver_id, only))
        .group_by(LedgerEntry.receiver_id)
    ).all()  # fmt: skip
    for pid, times, last in given:
        tallies[pid].got += times
        tallies[pid].seen(last, reached=True, times=times)
    received = session.execute(
        select(LedgerEntry.giver_id, LedgerEntry.kind, func.count(),
               func.max(LedgerEntry.occurred_on))
        .where(LedgerEntry.workspace_id == wid, LedgerEntry.receiver_id == owner,
               LedgerEntry.occurred_on <= today, _is(LedgerEntry.giver_id, only))
        .group_by(LedgerEntry.giver_id, LedgerEntry.kind)
    ).all()  # fmt: skip
    for pid, kind, times, last in sorted(received, key=lambda r: (r[3], r[1].value), reverse=True):
        tally = tallies[pid]
        tally.gave += times
        tally.gave_kinds.append(kind.value)
        tally.last_gift = max(tally.last_gift or last, last)
        tally.seen(last, reached=False, times=times)


def _referrals(
    session: Session, owner: int, tallies: defaultdict[int, _Tally], today: date, only: int | None
) -> None:
    wid = workspace_id(session)
    won = (
        select(ReferralStep.referral_id, func.max(ReferralStep.at).label("at"))
        .where(ReferralStep.workspace_id == wid, ReferralStep.status == ReferralStatus.WON)
        .group_by(ReferralStep.referral_id)
        .subquery()
    )
    rows = session.execute(
        select(Referral.id, Referral.referrer_id, Person.name, Referral.received_on,
               Referral.status, won.c.at)
        .join(Person, Person.id == Referral.prospect_id)
        .outerjoin(won, won.c.referral_id == Referral.id)
        .where(Referral.workspace_id == wid, Referral.receiver_id == owner,
               Referral.received_on <= today, _is(Referral.referrer_id, only))
    ).all()  # fmt: skip
    for rid, pid, prospect, on, status, won_at in rows:
        won_on = won_at.date() if status == ReferralStatus.WON and won_at is not None else None
        tallies[pid].received.append(Received(rid, prospect, on, won_on))
    given = session.execute(
        select(Referral.receiver_id).where(
            Referral.workspace_id == wid,
            Referral.referrer_id == owner,
            Referral.received_on <= today,
            _is(Referral.receiver_id, only),
        )
    ).all()
    for (pid,) in given:
        tallies[pid].referrals_to += 1


def names_by_id(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Just the names, for the many entries left for later."""
    wanted = sorted(ids)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(Person.id, Person.name).where(Person.id.in_(wanted[start : start + _CHUNK]))
        )
        found.update((pid, name) for pid, name in rows)
    return found


def tiers_set(session: Session) -> dict[int, Tier]:
    """Everyone's tier set by hand, in one query: few people have one."""
    rows = session.execute(
        select(Person.id, Person.tier).where(
            Person.workspace_id == workspace_id(session), Person.tier.is_not(None)
        )
    )
    return {pid: tier for pid, tier in rows if tier is not None}


def _tiers(session: Session, ids: Iterable[int]) -> dict[int, Tier]:
    """The tiers set by hand among `ids`, by primary key a chunk at a time."""
    wanted = sorted(ids)
    found: dict[int, Tier] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.execute(
            select(Person.id, Person.tier).where(Person.id.in_(chunk), Person.tier.is_not(None))
        )
        found.update((pid, tier) for pid, tier in rows if tier is not None)
    return found
