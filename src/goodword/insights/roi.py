"""Where won business came from: attribution to advocates and events, the funnel, concentration.

Pure: plain records in, a report out. Amounts stay in their own currency; nothing here ever
adds a euro to a dollar.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
TOP_SHARE = 0.2  # "the top 20 % of advocates"


class Model(StrEnum):
    """Who along an introduction chain gets the credit for a won referral."""

    LAST_TOUCH = "last-touch"  # the referrer, who brought the prospect to you
    FIRST_TOUCH = "first-touch"  # the first link, who knew the prospect
    LINEAR = "linear"  # everyone along the chain, evenly


@dataclass(frozen=True)
class Deal:
    """A referral the owner received: referrer ← via[0] ← … ← prospect."""

    id: int
    referrer: int
    via: tuple[int, ...]
    prospect: int
    status: str
    value: Decimal | None
    currency: str
    received_on: date
    won_on: date | None = None  # when it was won; None unless it was

    @property
    def links(self) -> tuple[int, ...]:
        """The people who passed the prospect on, the referrer first (the last touch)."""
        return (self.referrer, *self.via)


@dataclass(frozen=True)
class Outing:
    """An event, what it cost, and the people met there."""

    id: int
    starts_on: date
    cost: Decimal | None
    currency: str | None
    met: frozenset[int]


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None

    def covers(self, day: date | None) -> bool:
        """A day outside a bounded period, or unknown while the period is bounded, is out."""
        if day is None:
            return self.since is None and self.until is None
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class Facts:
    deals: Sequence[Deal]
    events: Sequence[Outing] = ()
    first_met: Mapping[int, date] = field(default_factory=dict)
    # People a `client` tie names the owner's clients, and since when.
    clients: Mapping[int, date | None] = field(default_factory=dict)
    given_on: Sequence[date] = ()  # referrals the owner gave to others


@dataclass(frozen=True)
class Credit:
    person: int
    currency: str
    won: Decimal
    count: int  # won referrals credited to them, wholly or in part
    clients: frozenset[int]


@dataclass(frozen=True)
class EventReturn:
    event: int
    currency: str | None
    direct: Decimal  # from clients met there
    through_advocates: Decimal  # the credit of advocates met there
    cost: Decimal | None  # None when it cost nothing recorded, or cost another currency
    clients: int

    @property
    def revenue(self) -> Decimal:
        return self.direct + self.through_advocates

    @property
    def roi(self) -> float | None:
        """Revenue per unit of cost: 0.0 is an event with no return, None one without cost."""
        if not self.cost:
            return None
        return float(self.revenue / self.cost)


@dataclass(frozen=True)
class Sources:
    clients_through_advocates: int
    direct_clients: int
    won: dict[str, Decimal]  # through advocates, per currency
    given: int

    @property
    def share_through_advocates(self) -> float | None:
        total = self.clients_through_advocates + self.direct_clients
        return self.clients_through_advocates / total if total else None


@dataclass(frozen=True)
class Funnel:
    met: int
    advocates: int
    referrals: int
    won: int
    lost: int
    median_days_to_first_referral: float | None

    @property
    def rates(self) -> dict[str, float | None]:
        return {
            "met_to_advocate": _ratio(self.advocates, self.met),
            "referrals_per_advocate": _ratio(self.referrals, self.advocates),
            "referral_to_won": _ratio(self.won, self.referrals),
            "closed_won": _ratio(self.won, self.won + self.lost),
        }


@dataclass(frozen=True)
class TopShare:
    currency: str
    advocates: int
    top: int  # how many advocates make the top fifth
    share: float


@dataclass(frozen=True)
class ClientsPerAdvocate:
    advocates: int
    mean: float | None
    median: float | None
    most: int
    five_or_more: int
    ten_or_more: int


@dataclass(frozen=True)
class Report:
    model: Model
    period: Period
    advocates: list[Credit]
    events: list[EventReturn]
    sources: Sources
    funnel: Funnel
    top_share: list[TopShare]
    clients_per_advocate: ClientsPerAdvocate


def split(value: Decimal, parts: int) -> list[Decimal]:
    """`value` in `parts` shares to the cent that add up exactly; the odd cents go to the
    first shares, nearest you on the chain."""
    cents = int((value / CENT).to_integral_value(rounding=ROUND_FLOOR))
    base, extra = divmod(cents, parts)
    return [Decimal(base + (i < extra)) * CENT for i in range(parts)]


def shares(deal: Deal, model: Model) -> list[tuple[int, Decimal]]:
    """(person, their part of the deal's value) by the attribution model."""
    links = deal.links
    value = deal.value or Decimal(0)
    if model == Model.LAST_TOUCH:
        return [(links[0], value)]
    if model == Model.FIRST_TOUCH:
        return [(links[-1], value)]
    merged: dict[int, Decimal] = {}
    for person, part in zip(links, split(value, len(links)), strict=True):
        merged[person] = merged.get(person, Decimal(0)) + part
    return list(merged.items())


def won_in(facts: Facts, period: Period) -> list[Deal]:
    """Won deals are dated by the day they were won."""
    return [d for d in facts.deals if d.won_on is not None and period.covers(d.won_on)]


def credit(deals: Iterable[Deal], model: Model) -> list[Credit]:
    """Per advocate and currency, the business credited to them; best first."""
    won: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    count: dict[tuple[int, str], int] = defaultdict(int)
    clients: dict[tuple[int, str], set[int]] = defaultdict(set)
    for deal in deals:
        for person, part in shares(deal, model):
            key = (person, deal.currency)
            won[key] += part
            count[key] += 1
            clients[key].add(deal.prospect)
    rows = [
        Credit(p, c, won[p, c].quantize(CENT), count[p, c], frozenset(clients[p, c]))
        for p, c in won
    ]
    return sorted(rows, key=lambda r: (r.currency, -r.won, -r.count, r.person))


def event_returns(
    facts: Facts, deals: Sequence[Deal], model: Model, period: Period
) -> list[EventReturn]:
    """What each event held in the period brought, one row per currency."""
    direct_clients = {p for p, since in facts.clients.items() if period.covers(since)}
    rows: list[EventReturn] = []
    for event in sorted(facts.events, key=lambda e: (e.starts_on, e.id)):
        if period.covers(event.starts_on):
            rows += _event_return(event, deals, model, direct_clients)
    return rows


def _event_return(
    event: Outing, deals: Sequence[Deal], model: Model, direct_clients: set[int]
) -> list[EventReturn]:
    """A won deal counts for an event where, before the referral arrived, you met the client
    (all of its value) or else advocates credited with it (their shares)."""
    direct: dict[str, Decimal] = defaultdict(Decimal)
    through: dict[str, Decimal] = defaultdict(Decimal)
    clients: dict[str, set[int]] = defaultdict(set)
    for deal in deals:
        if event.starts_on > deal.received_on:
            continue
        if deal.prospect in event.met:
            direct[deal.currency] += deal.value or Decimal(0)
            clients[deal.currency].add(deal.prospect)
            continue
        parts = [part for person, part in shares(deal, model) if person in event.met]
        if parts:
            through[deal.currency] += sum(parts, Decimal(0))
            clients[deal.currency].add(deal.prospect)
    referred = set().union(*clients.values())
    unpaid = len((direct_clients & event.met) - referred)
    return _event_rows(event, direct, through, clients, unpaid)


def _event_rows(
    event: Outing,
    direct: Mapping[str, Decimal],
    through: Mapping[str, Decimal],
    clients: Mapping[str, set[int]],
    unpaid: int,
) -> list[EventReturn]:
    """One row per currency the event earned or cost in; clients won without a recorded
    value are counted on the row in the event's own currency."""
    currencies = sorted(clients.keys() | ({event.currency} if event.currency else set()))
    if not currencies:
        return [EventReturn(event.id, None, Decimal(0), Decimal(0), None, unpaid)]
    home = event.currency or currencies[0]
    return [
        EventReturn(
            event=event.id,
            currency=c,
            direct=direct.get(c, Decimal(0)).quantize(CENT),
            through_advocates=through.get(c, Decimal(0)).quantize(CENT),
            cost=event.cost if c == event.currency else None,
            clients=len(clients.get(c, ())) + (unpaid if c == home else 0),
        )
        for c in currencies
    ]


def funnel(facts: Facts, period: Period) -> Funnel:
    """People first met in the period, and the referrals received in it as they stand now."""
    received = [d for d in facts.deals if period.covers(d.received_on)]
    advocates = {d.referrer for d in received}
    first: dict[int, date] = {}
    for deal in facts.deals:
        if deal.referrer not in first or deal.received_on < first[deal.referrer]:
            first[deal.referrer] = deal.received_on
    # A referral recorded before any meeting with its advocate counts as coming at once.
    days = [
        max(0, (first[p] - facts.first_met[p]).days)
        for p in advocates
        if p in facts.first_met and period.covers(first[p])
    ]
    return Funnel(
        met=sum(1 for day in facts.first_met.values() if period.covers(day)),
        advocates=len(advocates),
        referrals=len(received),
        won=sum(1 for d in received if d.status == "won"),
        lost=sum(1 for d in received if d.status == "lost"),
        median_days_to_first_referral=float(statistics.median(days)) if days else None,
    )


def top_share(credits: Sequence[Credit]) -> list[TopShare]:
    """Per currency, the share of revenue that the top fifth of advocates (rounded up) brought."""
    by_currency: dict[str, list[Decimal]] = defaultdict(list)
    for row in credits:
        if row.won > 0:
            by_currency[row.currency].append(row.won)
    found = []
    for currency, amounts in sorted(by_currency.items()):
        amounts.sort(reverse=True)
        top = math.ceil(len(amounts) * TOP_SHARE)
        found.append(
            TopShare(currency, len(amounts), top, float(sum(amounts[:top]) / sum(amounts)))
        )
    return found


def clients_per_advocate(credits: Sequence[Credit]) -> ClientsPerAdvocate:
    """How many clients each credited advocate brought, whatever the currency."""
    per: dict[int, set[int]] = defaultdict(set)
    for row in credits:
        per[row.person] |= row.clients
    counts = [len(c) for c in per.values()]
    return ClientsPerAdvocate(
        advocates=len(counts),
        mean=statistics.fmean(counts) if counts else None,
        median=float(statistics.median(counts)) if counts else None,
        most=max(counts, default=0),
        five_or_more=sum(1 for c in counts if c >= 5),
        ten_or_more=sum(1 for c in counts if c >= 10),
    )


def sources(facts: Facts, deals: Sequence[Deal], period: Period) -> Sources:
    """A client is direct when a `client` tie names them and no referral of them was won."""
    referred = {d.prospect for d in facts.deals if d.won_on is not None}
    won: dict[str, Decimal] = defaultdict(Decimal)
    for deal in deals:
        won[deal.currency] += deal.value or Decimal(0)
    return Sources(
        clients_through_advocates=len({d.prospect for d in deals}),
        direct_clients=sum(
            1 for p, since in facts.clients.items() if p not in referred and period.covers(since)
        ),
        won={c: v.quantize(CENT) for c, v in sorted(won.items())},
        given=sum(1 for day in facts.given_on if period.covers(day)),
    )


def roi_report(facts: Facts, *, model: Model, period: Period) -> Report:
    deals = won_in(facts, period)
    credits = credit(deals, model)
    return Report(
        model=model,
        period=period,
        advocates=credits,
        events=event_returns(facts, deals, model, period),
        sources=sources(facts, deals, period),
        funnel=funnel(facts, period),
        top_share=top_share(credits),
        clients_per_advocate=clients_per_advocate(credits),
    )


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
