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
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import String, and_, case, or_, select, type_coerce
from sqlalchemy.orm import Session

from goodword.advocates.attributes import connectors, industry_codes, person_attributes
from goodword.advocates.columns import (
    as_text,
    bools,
    codes,
    days,
    floats,
    in_workspace,
    ints,
    ints_or,
    is_null,
    read_columns,
)
from goodword.advocates.network import Network, OwnerTies
from goodword.events.models import Attendance, Event
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.offering.fit import Criterion, FieldValues, fit_all
from goodword.offering.models import IcpCriterion
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
    to_day,
)
from goodword.storage.session import workspace_id

# Meetings of more people than this tie everyone to the owner, not everyone to everyone.
_LARGEST_GROUP = 25
# Interaction kinds by index, and the weight of each as a channel (the last for any other).
_KINDS = {kind.value: i for i, kind in enumerate(InteractionKind)}
_KIND_WEIGHTS = np.array([CHANNEL_WEIGHTS.get(k, 0.25) for k in _KINDS] + [0.25])


# Days since 1970-01-01 UTC: the strength model's unit, so the loader counts as it does.
day_of = to_day


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

    def nodes(self, person_ids: Iterable[int] | NDArray[np.int64]) -> NDArray[np.int64]:
        ids = (
            person_ids if isinstance(person_ids, np.ndarray) else np.fromiter(person_ids, np.int64)
        )
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
        industry=industry_codes(attrs["industry"], n),
        connector=connectors(attrs, n),
        owner_ties=owner_ties.freeze(),
        data_version=data_version,
        as_of_day=day_of(cutoff),
        now_day=day_of(now),
    )


def _people(session: Session) -> tuple[_People, dict[str, FieldValues]]:
    """Node order and every value the ICP can be matched on."""
    ids, owner, attrs = person_attributes(session)
    return _People(ids=ids, owner=owner), attrs


def _interactions(
    session: Session, people: _People, evidence: _Evidence, cutoff: datetime, tally: _OwnerTally
) -> None:
    """Everyone in an interaction had contact with everyone else in it."""
    group, person, day, kind, starter_id = read_columns(
        session,
        select(
            Participant.interaction_id,
            Participant.person_id,
            as_text(session, Interaction.at),
            type_coerce(Interaction.kind, String()),
            Interaction.initiated_by_id,
        )
        .join(Interaction, Interaction.id == Participant.interaction_id)
        .where(in_workspace(session, Participant.workspace_id), Interaction.at <= cutoff)
        .order_by(Participant.interaction_id, Participant.person_id),
        ints, ints, days, codes(_KINDS), ints_or(-1),
    )  # fmt: skip
    if not len(group):
        return
    node = people.nodes(person)
    weight = _KIND_WEIGHTS[kind]
    known = starter_id >= 0
    starter = np.full(len(group), -1, dtype=np.int64)
    starter[known] = people.nodes(starter_id[known])
    left, right = pairs_within(group, node, owner=people.owner, largest=_LARGEST_GROUP)
    evidence.add(node[left], node[right], day[left], weight[left], starter[left])
    briefs = kind == _KINDS[InteractionKind.BRIEF.value]
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
    group, person, day = read_columns(
        session,
        select(Attendance.event_id, Attendance.person_id, as_text(session, Event.starts_on))
        .join(Event, Event.id == Attendance.event_id)
        .where(in_workspace(session, Attendance.workspace_id), Event.starts_on <= cutoff.date())
        .order_by(Attendance.event_id, Attendance.person_id),
        ints, ints, days,
    )  # fmt: skip
    if not len(group):
        return
    node = people.nodes(person)
    # An event's day counts from its middle, as `person show` counts it.
    day += 0.5
    owner = np.full(len(group), people.owner, dtype=np.int64)
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

    def count(self, name: str, nodes: Sequence[int] | NDArray[np.int64]) -> None:
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
    on: list[float] = []
    for rid, referrer, receiver, prospect, received in rows:
        chain = [referrer, *chains.get(rid, []), prospect]
        links = [(referrer, receiver), *itertools.pairwise(chain)]
        a += [x for x, _ in links]
        b += [y for _, y in links]
        on += [day_of(received)] * len(links)
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
    evidence.add(na, nb, np.asarray(on), 0.0, na, contact=False)


def _ledger(
    session: Session, people: _People, evidence: _Evidence, cutoff: datetime, tally: _OwnerTally
) -> None:
    """A give ties giver and receiver (a referral's own entry is the referral's); what it
    says of the giver's disposition is scored apart, not as tie strength."""
    giver_id, receiver_id, day, own = read_columns(
        session,
        select(
            LedgerEntry.giver_id,
            LedgerEntry.receiver_id,
            as_text(session, LedgerEntry.occurred_on),
            LedgerEntry.referral_id,
        ).where(
            in_workspace(session, LedgerEntry.workspace_id),
            LedgerEntry.occurred_on <= cutoff.date(),
        ),
        ints, ints, days, is_null,
    )  # fmt: skip
    if not len(giver_id):
        return
    giver, receiver = people.nodes(giver_id), people.nodes(receiver_id)
    tally.count("gave_owner", giver[receiver == people.owner])
    tally.count("got_from_owner", receiver[giver == people.owner])
    evidence.add(giver[own], receiver[own], day[own], 0.0, giver[own], contact=False)


@dataclass(frozen=True)
class _Stated:
    """The recorded ties, a column each; `a` < `b` as nodes, since node order follows ids."""

    a: NDArray[np.int64]
    b: NDArray[np.int64]
    client: NDArray[np.bool_]  # of kind `client`
    reversed: NDArray[np.bool_]
    strength: NDArray[np.float64]  # NaN when none was given
    source: NDArray[np.int64]  # index into _SOURCES, -1 for a value not in it
    since_day: NDArray[np.float64]
    recorded_day: NDArray[np.float64]


def _stated(session: Session, people: _People, cutoff: datetime) -> _Stated:
    """Ties recorded by the cut-off, or known to have begun by then."""
    source_code = case(
        {s.value: i for i, s in enumerate(_SOURCES)},
        value=type_coerce(Relationship.source, String()),
        else_=-1,
    )
    a, b, client, flipped, strength, source, since, recorded = read_columns(
        session,
        select(
            Relationship.person_a_id, Relationship.person_b_id,
            Relationship.kind == TieKind.CLIENT, Relationship.reversed, Relationship.strength,
            source_code, as_text(session, Relationship.since),
            as_text(session, Relationship.created_at),
        ).where(
            in_workspace(session, Relationship.workspace_id),
            or_(
                Relationship.created_at <= cutoff,
                and_(Relationship.since.is_not(None), Relationship.since <= cutoff.date()),
            ),
        ),
        ints, ints, bools, bools, floats, ints, days, days,
    )  # fmt: skip
    return _Stated(
        a=people.nodes(a), b=people.nodes(b), client=client, reversed=flipped,
        strength=strength, source=source, since_day=since, recorded_day=recorded,
    )  # fmt: skip


_SOURCES = tuple(TieSource)


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
    stated = _stated(session, people, cutoff)
    tie_keys = stated.a * n + stated.b
    ea, eb = _concat(evidence.a, np.int64), _concat(evidence.b, np.int64)
    lo, hi = np.minimum(ea, eb), np.maximum(ea, eb)
    keys = lo * n + hi
    sizes = [len(x) for x in evidence.a]
    alone = np.repeat(np.asarray(evidence.ties_on_their_own, dtype=np.bool_), sizes)
    counts = np.repeat(np.asarray(evidence.is_contact, dtype=np.bool_), sizes)
    real = lo != hi
    all_keys = _distinct(np.concatenate([tie_keys, keys[real & alone]]))
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
    facts = _facts(stated, np.searchsorted(all_keys, tie_keys), len(all_keys))
    _client_ties(stated, people.owner, tally)
    del stated, tie_keys  # a column per tie read, let go before strengths need as much again
    aggregates = aggregate(contacts, len(all_keys), as_of_day=day_of(cutoff), params=params)
    value = strengths(aggregates, facts, now_day=day_of(now), params=params).value
    return Graph.from_edges(n, all_keys // n, all_keys % n, value)


def _facts(stated: _Stated, where: NDArray[np.int64], n_ties: int) -> TieFacts:
    """What was stated of each tie; a pair known only from evidence is an inferred tie."""
    prior = np.full(n_ties, np.nan)
    explicit = np.zeros(n_ties, dtype=np.bool_)
    base = np.full(n_ties, base_for_source(TieSource.INFERRED.value))
    since = np.full(n_ties, np.nan)
    prior_day = np.full(n_ties, np.nan)
    base_of = np.array([base_for_source(s.value) for s in _SOURCES] + [base_for_source("")])
    base[where] = base_of[stated.source]
    given = ~np.isnan(stated.strength)
    # What the user typed wins; anything else is a starting point the evidence moves,
    # fading from when it was recorded.
    typed = given & (stated.source == _SOURCES.index(TieSource.STATED))
    explicit[where[typed]] = True
    prior[where[given]] = stated.strength[given]
    prior_day[where[~typed]] = stated.recorded_day[~typed]
    since[where] = stated.since_day
    return TieFacts(prior=prior, explicit=explicit, base=base, since_day=since, prior_day=prior_day)


def _client_ties(stated: _Stated, owner: int, tally: _OwnerTally) -> None:
    """A `client` tie to the owner makes the other person a client."""
    to_owner = stated.client & ((stated.a == owner) | (stated.b == owner))
    client = np.where(stated.reversed, stated.b, stated.a)[to_owner]
    tally.client[client[client != owner]] = True


def _distinct(keys: NDArray[np.int64]) -> NDArray[np.int64]:
    """np.unique by sorting: numpy 2's default hashes, and takes seconds on millions of keys."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _concat(parts: list[Any], dtype: type[np.generic]) -> NDArray[Any]:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)
