"""Gathering what the ROI report needs in a fixed number of bulk queries, and naming people."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from goodword.events.models import Attendance, Event
from goodword.insights.roi import Deal, Facts, Model, Outing, Period, roi_report
from goodword.insights.schemas import RoiReport, report_view
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.referrals.models import Referral, ReferralStatus, ReferralStep, ReferralVia
from goodword.relationships.kinds import TieKind
from goodword.relationships.models import Relationship
from goodword.storage.session import workspace_id


def roi(session: Session, *, model: Model, period: Period) -> RoiReport:
    """The ROI report as a read model, the people and events in it named."""
    report = roi_report(gather(session), model=model, period=period)
    people = summaries_by_id(session, {row.person for row in report.advocates})
    wid = workspace_id(session)
    events = {
        e.id: e
        for e in session.scalars(
            select(Event).where(
                Event.workspace_id == wid, Event.id.in_([r.event for r in report.events])
            )
        )
    }
    return report_view(report, people=people, events=events)


def gather(session: Session) -> Facts:
    wid = workspace_id(session)
    # `+ 0` keeps SQLite off the (workspace, name) index: walking it visits every person's
    # row at random to test `is_me`, seconds on a million people, where a plain scan of the
    # table takes a fraction of one.
    owner = session.scalar(select(Person.id).where(Person.workspace_id + 0 == wid, Person.is_me))
    if owner is None:
        return Facts(deals=[])
    return Facts(
        deals=_deals(session, wid, owner),
        events=_events(session, wid),
        first_met=_first_met(session, wid, owner),
        clients=_clients(session, wid, owner),
        given_on=list(
            session.scalars(
                select(Referral.received_on).where(
                    Referral.workspace_id == wid,
                    Referral.referrer_id == owner,
                    Referral.receiver_id != owner,
                )
            )
        ),
    )


def _deals(session: Session, wid: int, owner: int) -> list[Deal]:
    """Referrals the owner received, with their chains and the day each was won."""
    received = (Referral.workspace_id == wid) & (Referral.receiver_id == owner)
    chains: dict[int, list[int]] = defaultdict(list)
    for rid, pid in session.execute(
        select(ReferralVia.referral_id, ReferralVia.person_id)
        .join(Referral, Referral.id == ReferralVia.referral_id)
        .where(received)
        .order_by(ReferralVia.referral_id, ReferralVia.position)
    ):
        chains[rid].append(pid)
    won_at: dict[int, datetime] = dict(
        session.execute(
            select(ReferralStep.referral_id, func.max(ReferralStep.at))
            .join(Referral, Referral.id == ReferralStep.referral_id)
            .where(received, ReferralStep.status == ReferralStatus.WON)
            .group_by(ReferralStep.referral_id)
        ).all()
    )
    rows = session.execute(
        select(
            Referral.id, Referral.referrer_id, Referral.prospect_id, Referral.status,
            Referral.value, Referral.currency, Referral.received_on,
        ).where(received)
    ).all()  # fmt: skip
    return [
        Deal(
            id=rid,
            referrer=referrer,
            via=tuple(chains.get(rid, ())),
            prospect=prospect,
            status=str(status),
            value=value,
            currency=currency,
            received_on=on,
            # A referral marked won without a dated step was won, as far as is known, on arrival.
            won_on=(won_at[rid].date() if rid in won_at else on)
            if status == ReferralStatus.WON
            else None,
        )
        for rid, referrer, prospect, status, value, currency, on in rows
    ]


def _events(session: Session, wid: int) -> list[Outing]:
    met: dict[int, set[int]] = defaultdict(set)
    for event_id, person_id in session.execute(
        select(Attendance.event_id, Attendance.person_id).where(Attendance.workspace_id == wid)
    ):
        met[event_id].add(person_id)
    rows = session.execute(
        select(Event.id, Event.starts_on, Event.cost_amount, Event.cost_currency).where(
            Event.workspace_id == wid
        )
    ).all()
    return [
        Outing(id=eid, starts_on=on, cost=cost, currency=currency, met=frozenset(met[eid]))
        for eid, on, cost, currency in rows
    ]


def _first_met(session: Session, wid: int, owner: int) -> dict[int, date]:
    """The day you first met each person: at an event, in an interaction, or when a tie with
    them began."""
    first: dict[int, date] = {}

    def keep(person: int, day: date) -> None:
        if person != owner and (person not in first or day < first[person]):
            first[person] = day

    for person, day in session.execute(
        select(Attendance.person_id, func.min(Event.starts_on))
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.workspace_id == wid)
        .group_by(Attendance.person_id)
    ):
        keep(person, day)
    for person, at in session.execute(
        select(Participant.person_id, func.min(Interaction.at))
        .join(Interaction, Interaction.id == Participant.interaction_id)
        .where(Participant.workspace_id == wid)
        .group_by(Participant.person_id)
    ):
        keep(person, at.date())
    for a, b, _, _, began, _ in _owner_ties(session, wid, owner):
        if began is not None:
            keep(b if a == owner else a, began)
    return first


def _clients(session: Session, wid: int, owner: int) -> dict[int, date | None]:
    """People a `client` tie to the owner names clients, dated by when the tie began (else
    when it was recorded)."""
    found: dict[int, date | None] = {}
    for a, b, kind, flipped, since, created in _owner_ties(session, wid, owner):
        if kind != TieKind.CLIENT:
            continue
        # The kind's first role is the client: person B when the tie is stored reversed.
        client = b if flipped else a
        if client != owner:
            found[client] = since or created.date()
    return found


OwnerTie = Row[int, int, TieKind, bool, date | None, datetime]


def _owner_ties(session: Session, wid: int, owner: int) -> list[OwnerTie]:
    """The owner's ties, by one side and then the other: each query walks an index on that
    side, where one with OR would scan every tie in the workspace."""
    columns = (
        Relationship.person_a_id, Relationship.person_b_id, Relationship.kind,
        Relationship.reversed, Relationship.since, Relationship.created_at,
    )  # fmt: skip
    return [
        row
        for side in (Relationship.person_a_id, Relationship.person_b_id)
        for row in session.execute(
            select(*columns).where(Relationship.workspace_id == wid, side == owner)
        )
    ]
