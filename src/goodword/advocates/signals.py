"""Gathering the network from the store in bulk: a handful of column reads, never one ORM
object per row, so a million people load in seconds.

Everything that happened between two people is evidence of a tie: shared interactions,
being met at an event, a referral, a ledger entry. A pair with evidence but no stated tie
is tied all the same (an inferred tie), so older data scores as well as new.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from goodword.advocates.network import Network, OwnerTies
from goodword.advocates.roles import connector_bits
from goodword.events.models import Attendance, Event
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.offering.fit import Criterion, FieldValues, fit_all
from goodword.offering.models import IcpCriterion
from goodword.people.models import Employment, Organisation, Person, PersonTag, Tag
from goodword.referrals.models import (
    LedgerEntry,
    Referral,
    ReferralStatus,
    ReferralStep,
    ReferralVia,
)
from goodword.relationships.graph import Graph
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.strength import (
    CHANNEL_WEIGHTS,
    CO_ATTENDANCE,
    Contacts,
    StrengthParams,
    TieFacts,
    aggregate,
    base_for_source,
    strengths,
)
from goodword.storage.session import workspace_id
from goodword.text import fold

# Meetings of more people than this tie everyone to the owner, not everyone to everyone.
_LARGEST_GROUP = 25
_EPOCH = date(1970, 1, 1).toordinal()


def day_of(when: datetime | date) -> float:
    """Days since 1970-01-01 UTC, the unit the strength model counts in."""
    if isinstance(when, datetime):
        return when.astimezone(UTC).timestamp() / 86400 if when.tzinfo else when.timestamp() / 86400
    return float(when.toordinal() - _EPOCH)


@dataclass
class _Evidence:
    """Contacts between node pairs, as they are gathered."""

    a: list[NDArray[np.int64]] = field(default_factory=list)
    b: list[NDArray[np.int64]] = field(default_factory=list)
    day: list[NDArray[np.float64]] = field(default_factory=list)
    weight: list[NDArray[np.float64]] = field(default_factory=list)
    by: list[NDArray[np.int64]] = field(default_factory=list)  # initiator node, -1 unknown
    ties_on_their_own: list[bool] = field(default_factory=list)
    is_contact: list[bool] = field(default_factory=list)

    def add(
        self,
        a: NDArray[np.int64],
        b: NDArray[np.int64],
        day: NDArray[np.float64],
        weight: float | NDArray[np.float64],
        by: NDArray[np.int64] | None = None,
        *,
        ties: bool = True,
        contact: bool = True,
    ) -> None:
        """`ties=False`: the contact counts only for a pair tied some other way;
        `contact=False`: it ties the pair without being a contact that makes the tie stronger."""
        self.a.append(a)
        self.b.append(b)
        self.day.append(day)
        self.weight.append(np.broadcast_to(np.asarray(weight, dtype=np.float64), a.shape))
        self.by.append(np.full(a.shape, -1, dtype=np.int64) if by is None else by)
        self.ties_on_their_own.append(ties)
        self.is_contact.append(contact)


@dataclass(frozen=True)
class _People:
    ids: NDArray[np.int64]
    owner: int

    def nodes(self, person_ids: Iterable[int]) -> NDArray[np.int64]:
        ids = np.fromiter(person_ids, dtype=np.int64)
        return np.searchsorted(self.ids, ids).astype(np.int64)


def load_network(
    session: Session,
    *,
    now: datetime,
    as_of: datetime | None = None,
    data_version: int = 0,
    params: StrengthParams | None = None,
) -> Network:
    """The network as it stood at `as_of` (default `now`), scored at `now`."""
    params = params or StrengthParams()
    cutoff = as_of or now
    people, attrs = _people(session)
    evidence = _Evidence()
    owner_ties = _OwnerTally(len(people.ids))
    _interactions(session, people, evidence, cutoff, owner_ties)
    _attendance(session, people, evidence, cutoff)
    _referrals(session, people, evidence, cutoff, owner_ties)
    _ledger(session, people, evidence, cutoff, owner_ties)
    graph = _graph(session, people, evidence, cutoff, now, params, owner_ties)
    criteria = [
        Criterion(field=c.field.value, operator=c.operator.value, value=c.value, weight=c.weight)
        for c in session.scalars(
            select(IcpCriterion)
            .where(IcpCriterion.workspace_id == workspace_id(session))
            .order_by(IcpCriterion.id)
        )
    ]
    n = len(people.ids)
    fits = fit_all(criteria, attrs, n=n)
    return Network(
        person_ids=people.ids,
        owner=people.owner,
        graph=graph,
        fits=fits,
        industry=_codes(attrs["industry"], n),
        connector=_connectors(attrs, n),
        owner_ties=owner_ties.freeze(),
        data_version=data_version,
        as_of_day=day_of(cutoff),
        now_day=day_of(now),
    )


def _people(session: Session) -> tuple[_People, dict[str, FieldValues]]:
    """Node order and every value the ICP can be matched on."""
    wid = workspace_id(session)
    rows = session.execute(
        select(Person.id, Person.is_me, Person.industry, Person.city, Person.country)
        .where(Person.workspace_id == wid)
        .order_by(Person.id)
    ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    owner = next(i for i, r in enumerate(rows) if r[1])
    people = _People(ids=ids, owner=owner)
    values: dict[str, tuple[list[int], list[str]]] = {f: ([], []) for f in _FIELDS}

    def put(name: str, node: int, value: str | None) -> None:
        if value:
            values[name][0].append(node)
            values[name][1].append(value)

    for i, (_, _, industry, city, country) in enumerate(rows):
        put("industry", i, industry)
        put("city", i, city)
        put("country", i, country)
    jobs = session.execute(
        select(Employment.person_id, Employment.title, Organisation.name, Organisation.industry)
        .outerjoin(Organisation, Organisation.id == Employment.org_id)
        .where(Employment.workspace_id == wid, Employment.ended_on.is_(None))
    ).all()
    tags = session.execute(
        select(PersonTag.person_id, Tag.name)
        .join(Tag, Tag.id == PersonTag.tag_id)
        .where(PersonTag.workspace_id == wid)
    ).all()
    job_nodes = people.nodes(r[0] for r in jobs)
    for node, (_, title, org, org_industry) in zip(job_nodes.tolist(), jobs, strict=True):
        put("title", node, title)
        put("org", node, org)
        put("industry", node, org_industry)
    for node, (_, tag) in zip(people.nodes(r[0] for r in tags).tolist(), tags, strict=True):
        put("tag", node, tag)
    attrs = {
        name: FieldValues(node=np.asarray(nodes, dtype=np.int64), value=vals)
        for name, (nodes, vals) in values.items()
    }
    return people, attrs


_FIELDS = ("industry", "title", "org", "city", "country", "tag")


def _interactions(
    session: Session, people: _People, evidence: _Evidence, cutoff: datetime, tally: _OwnerTally
) -> None:
    """Everyone in an interaction had contact with everyone else in it."""
    rows = session.execute(
        select(
            Participant.interaction_id,
            Participant.person_id,
            Interaction.at,
            Interaction.kind,
            Interaction.initiated_by_id,
        )
        .join(Interaction, Interaction.id == Participant.interaction_id)
        .where(Participant.workspace_id == workspace_id(session), Interaction.at <= cutoff)
        .order_by(Participant.interaction_id, Participant.person_id)
    ).all()
    if not rows:
        return
    group = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    node = people.nodes(r[1] for r in rows)
    day = np.fromiter((day_of(r[2]) for r in rows), dtype=np.float64, count=len(rows))
    weight = np.fromiter(
        (CHANNEL_WEIGHTS.get(r[3].value, 0.25) for r in rows), dtype=np.float64, count=len(rows)
    )
    starter_ids = [r[4] for r in rows]
    known = np.fromiter((s is not None for s in starter_ids), dtype=np.bool_, count=len(rows))
    starter = np.full(len(rows), -1, dtype=np.int64)
    if known.any():
        starter[known] = people.nodes(s for s in starter_ids if s is not None)
    left, right = pairs_within(group, node, owner=people.owner, largest=_LARGEST_GROUP)
    evidence.add(node[left], node[right], day[left], weight[left], starter[left])
    briefs = np.fromiter((r[3] == InteractionKind.BRIEF for r in rows), np.bool_, len(rows))
    with_owner = np.isin(group, group[node == people.owner])
    tally.briefed[node[briefs & with_owner]] = True


def pairs_within(
    group: NDArray[np.int64], node: NDArray[np.int64], *, owner: int, largest: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Row pairs (i < j) of the same group, `group` sorted; a group larger than `largest`
    pairs only the owner with the others."""
    n = len(group)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], n]
    size = ends - starts
    small = np.repeat(size <= largest, size)
    counts = np.where(small, np.repeat(ends, size) - np.arange(n) - 1, 0)
    left = np.repeat(np.arange(n, dtype=np.int64), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    right = left + 1 + (np.arange(int(counts.sum()), dtype=np.int64) - first)
    big_owner = np.flatnonzero(~small & (node == owner))
    if len(big_owner):
        lo = np.repeat(big_owner, size[np.searchsorted(starts, big_owner, side="right") - 1])
        span = np.concatenate(
            [np.arange(starts[g], ends[g]) for g in np.searchsorted(starts, big_owner, "right") - 1]
        )
        keep = span != lo
        left, right = np.r_[left, lo[keep]], np.r_[right, span[keep]]
    return left, right


def _attendance(session: Session, people: _People, evidence: _Evidence, cutoff: datetime) -> None:
    """Being met at an event ties a person to the owner; being at the same one counts
    weakly (as `person show` counts it), and between two others only if tied some other way."""
    rows = session.execute(
        select(Attendance.event_id, Attendance.person_id, Event.starts_on)
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.workspace_id == workspace_id(session), Event.starts_on <= cutoff.date())
        .order_by(Attendance.event_id, Attendance.person_id)
    ).all()
    if not rows:
        return
    group = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    node = people.nodes(r[1] for r in rows)
    # An event's day counts from its middle, as `person show` counts it.
    day = np.fromiter((day_of(r[2]) + 0.5 for r in rows), dtype=np.float64, count=len(rows))
    owner = np.full(len(rows), people.owner, dtype=np.int64)
    evidence.add(owner, node, day, CHANNEL_WEIGHTS[CO_ATTENDANCE])
    left, right = pairs_within(group, node, owner=people.owner, largest=_LARGEST_GROUP * 4)
    evidence.add(node[left], node[right], day[left], CHANNEL_WEIGHTS[CO_ATTENDANCE], ties=False)


class _OwnerTally:
    """`OwnerTies`, while it is being counted."""

    def __init__(self, n: int) -> None:
        self.counts = {
            name: np.zeros(n, dtype=np.int32)
            for name in (
                "referrals_from",
                "referrals_won",
                "referrals_to",
                "gave_owner",
                "got_from_owner",
            )
        }
        self.briefed = np.zeros(n, dtype=np.bool_)
        self.client = np.zeros(n, dtype=np.bool_)

    def count(self, name: str, nodes: Sequence[int]) -> None:
        np.add.at(self.counts[name], np.asarray(nodes, dtype=np.int64), 1)

    def freeze(self) -> OwnerTies:
        return OwnerTies(**self.counts, briefed=self.briefed, client=self.client)


def _referrals(
    session: Session, people: _People, evidence: _Evidence, cutoff: datetime, tally: _OwnerTally
) -> None:
    """A referral ties the referrer to whom they referred to, and the chain to the prospect
    (its track record is scored apart, not as tie strength); whether it was won counts as it
    stood at the cut-off."""
    wid = workspace_id(session)
    rows = session.execute(
        select(
            Referral.id, Referral.referrer_id, Referral.receiver_id, Referral.prospect_id,
            Referral.received_on,
        ).where(Referral.workspace_id == wid, Referral.received_on <= cutoff.date())
    ).all()  # fmt: skip
    if not rows:
        return
    status = dict(
        session.execute(
            select(ReferralStep.referral_id, ReferralStep.status)
            .where(ReferralStep.workspace_id == wid, ReferralStep.at <= cutoff)
            .order_by(ReferralStep.at, ReferralStep.id)
        ).all()
    )
    chains: dict[int, list[int]] = {}
    for rid, pid in session.execute(
        select(ReferralVia.referral_id, ReferralVia.person_id)
        .where(ReferralVia.workspace_id == wid)
        .order_by(ReferralVia.referral_id, ReferralVia.position)
    ):
        chains.setdefault(rid, []).append(pid)
    a: list[int] = []
    b: list[int] = []
    days: list[float] = []
    for rid, referrer, receiver, prospect, on in rows:
        chain = [referrer, *chains.get(rid, []), prospect]
        links = [(referrer, receiver), *itertools.pairwise(chain)]
        a += [x for x, _ in links]
        b += [y for _, y in links]
        days += [day_of(on)] * len(links)
        by, to, whom = people.nodes([referrer, receiver, prospect]).tolist()
        won = status.get(rid) == ReferralStatus.WON
        if to == people.owner:
            tally.count("referrals_from", [by])
            if won:
                tally.count("referrals_won", [by])
                tally.client[whom] = True
        if by == people.owner:
            tally.count("referrals_to", [to])
    na, nb = people.nodes(a), people.nodes(b)
    evidence.add(na, nb, np.asarray(days), 0.0, na, contact=False)


def _ledger(
    session: Session, people: _People, evidence: _Evidence, cutoff: datetime, tally: _OwnerTally
) -> None:
    """A give ties giver and receiver (a referral's own entry is the referral's); what it
    says of the giver's disposition is scored apart, not as tie strength."""
    rows = session.execute(
        select(
            LedgerEntry.giver_id,
            LedgerEntry.receiver_id,
            LedgerEntry.occurred_on,
            LedgerEntry.referral_id,
        ).where(
            LedgerEntry.workspace_id == workspace_id(session),
            LedgerEntry.occurred_on <= cutoff.date(),
        )
    ).all()
    if not rows:
        return
    giver = people.nodes(r[0] for r in rows)
    receiver = people.nodes(r[1] for r in rows)
    tally.count("gave_owner", giver[receiver == people.owner].tolist())
    tally.count("got_from_owner", receiver[giver == people.owner].tolist())
    own = np.fromiter((r[3] is None for r in rows), np.bool_, len(rows))
    day = np.fromiter((day_of(r[2]) for r in rows), np.float64, len(rows))
    evidence.add(giver[own], receiver[own], day[own], 0.0, giver[own], contact=False)


def _graph(
    session: Session,
    people: _People,
    evidence: _Evidence,
    cutoff: datetime,
    now: datetime,
    params: StrengthParams,
    tally: _OwnerTally,
) -> Graph:
    """Stated ties recorded by the cut-off and pairs with evidence, weighted by strength."""
    n = len(people.ids)
    rows = session.execute(
        select(
            Relationship.person_a_id, Relationship.person_b_id, Relationship.kind,
            Relationship.reversed, Relationship.strength, Relationship.source,
            Relationship.since, Relationship.created_at,
        ).where(
            Relationship.workspace_id == workspace_id(session),
            or_(
                Relationship.created_at <= cutoff,
                and_(Relationship.since.is_not(None), Relationship.since <= cutoff.date()),
            ),
        )
    ).all()  # fmt: skip
    ta, tb = people.nodes(r[0] for r in rows), people.nodes(r[1] for r in rows)
    tie_keys = ta * n + tb  # person_a_id < person_b_id, and node order follows id order
    ea, eb = _concat(evidence.a, np.int64), _concat(evidence.b, np.int64)
    lo, hi = np.minimum(ea, eb), np.maximum(ea, eb)
    keys = lo * n + hi
    sizes = [len(x) for x in evidence.a]
    alone = np.repeat(np.asarray(evidence.ties_on_their_own, dtype=np.bool_), sizes)
    counts = np.repeat(np.asarray(evidence.is_contact, dtype=np.bool_), sizes)
    real = lo != hi
    all_keys = np.unique(np.concatenate([tie_keys, keys[real & alone]]))
    at = np.minimum(np.searchsorted(all_keys, keys), max(len(all_keys) - 1, 0))
    valid = real & counts & (all_keys[at] == keys) if len(all_keys) else np.zeros(0, np.bool_)
    by = _concat(evidence.by, np.int64)
    initiator = np.where(by == lo, 1, np.where(by == hi, 2, 0)).astype(np.int8)
    contacts = Contacts(
        pair=at[valid],
        day=_concat(evidence.day, np.float64)[valid],
        weight=_concat(evidence.weight, np.float64)[valid],
        initiator=initiator[valid],
    )
    facts = _facts(rows, np.searchsorted(all_keys, tie_keys), len(all_keys))
    _client_ties(rows, ta, tb, people.owner, tally)
    aggregates = aggregate(contacts, len(all_keys), as_of_day=day_of(cutoff), params=params)
    value = strengths(aggregates, facts, now_day=day_of(now), params=params).value
    return Graph.from_edges(n, all_keys // n, all_keys % n, value)


def _facts(rows: Sequence[Any], where: NDArray[np.int64], n_ties: int) -> TieFacts:
    """What was stated of each tie; a pair known only from evidence is an inferred tie."""
    prior = np.full(n_ties, np.nan)
    explicit = np.zeros(n_ties, dtype=np.bool_)
    base = np.full(n_ties, base_for_source(TieSource.INFERRED.value))
    since = np.full(n_ties, np.nan)
    prior_day = np.full(n_ties, np.nan)
    for i, row in zip(where.tolist(), rows, strict=True):
        strength, source, begun, recorded = row[4], row[5], row[6], row[7]
        base[i] = base_for_source(source.value)
        # What the user typed wins; anything else is a starting point the evidence moves,
        # fading from when it was recorded.
        explicit[i] = strength is not None and source == TieSource.STATED
        if strength is not None:
            prior[i] = strength
        if not explicit[i]:
            prior_day[i] = day_of(recorded)
        if begun is not None:
            since[i] = day_of(begun)
    return TieFacts(prior=prior, explicit=explicit, base=base, since_day=since, prior_day=prior_day)


def _client_ties(
    rows: Sequence[Any],
    ta: NDArray[np.int64],
    tb: NDArray[np.int64],
    owner: int,
    tally: _OwnerTally,
) -> None:
    """A `client` tie to the owner makes the other person a client."""
    for row, a, b in zip(rows, ta.tolist(), tb.tolist(), strict=True):
        if row[2] == TieKind.CLIENT and owner in (a, b):
            client = b if row[3] else a
            if client != owner:
                tally.client[client] = True


def _concat(parts: list[Any], dtype: type[np.generic]) -> NDArray[Any]:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def _codes(rows: FieldValues, n: int) -> NDArray[np.int32]:
    """An industry code per person (their own industry first, else their employer's)."""
    codes = np.full(n, -1, dtype=np.int32)
    if not len(rows.node):
        return codes
    _, inverse = np.unique(
        np.asarray([fold(v) for v in rows.value], dtype=object), return_inverse=True
    )
    # Assigned in reverse, so where a person has several the first given is the one kept.
    codes[rows.node[::-1]] = inverse[::-1].astype(np.int32)
    return codes


def _connectors(attrs: dict[str, FieldValues], n: int) -> NDArray[np.uint32]:
    bits = np.zeros(n, dtype=np.uint32)
    for name in ("title", "org", "industry", "tag"):
        rows = attrs[name]
        if not len(rows.node):
            continue
        distinct, inverse = np.unique(np.asarray(rows.value, dtype=object), return_inverse=True)
        per_value = np.fromiter((connector_bits(str(v)) for v in distinct), np.uint32)
        np.bitwise_or.at(bits, rows.node, per_value[inverse])
    return bits
