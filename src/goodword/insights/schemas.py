"""The ROI report's read model: the JSON document and what the tables and charts show."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from pydantic import BaseModel

from goodword.events.models import Event
from goodword.insights.roi import Report
from goodword.people.schemas import PersonSummary


class AdvocateReturn(BaseModel):
    person: PersonSummary
    won: Decimal
    count: int  # won referrals credited to them, wholly or in part
    clients: int
    currency: str


class EventRef(BaseModel):
    id: int
    name: str
    starts_on: str


class EventRoi(BaseModel):
    """`roi` is revenue per unit of cost: 0.0 for an event with no return, None when there is
    no cost in that currency to set it against."""

    event: EventRef
    revenue: Decimal
    direct: Decimal
    through_advocates: Decimal
    cost: Decimal | None
    roi: float | None
    clients: int
    currency: str | None


class Money(BaseModel):
    amount: Decimal
    currency: str


class SourcesView(BaseModel):
    clients_through_advocates: int
    direct_clients: int
    share_through_advocates: float | None
    won_through_advocates: list[Money]
    referrals_given: int


class FunnelView(BaseModel):
    met: int
    advocates: int
    referrals: int
    won: int
    lost: int
    rates: dict[str, float | None]
    median_days_to_first_referral: float | None


class TopShareView(BaseModel):
    currency: str
    advocates: int
    top: int
    share: float


class ClientsPerAdvocateView(BaseModel):
    advocates: int
    mean: float | None
    median: float | None
    most: int
    five_or_more: int
    ten_or_more: int


class ConcentrationView(BaseModel):
    top_20_percent: list[TopShareView]
    clients_per_advocate: ClientsPerAdvocateView


class RoiReport(BaseModel):
    model: str
    since: str | None
    until: str | None
    advocates: list[AdvocateReturn]
    events: list[EventRoi]
    sources: SourcesView
    funnel: FunnelView
    concentration: ConcentrationView


def report_view(
    report: Report, *, people: Mapping[int, PersonSummary], events: Mapping[int, Event]
) -> RoiReport:
    period = report.period
    return RoiReport(
        model=report.model.value,
        since=period.since.isoformat() if period.since else None,
        until=period.until.isoformat() if period.until else None,
        advocates=[
            AdvocateReturn(
                person=people[row.person],
                won=row.won,
                count=row.count,
                clients=len(row.clients),
                currency=row.currency,
            )
            for row in report.advocates
        ],
        events=[
            EventRoi(
                event=EventRef(
                    id=row.event,
                    name=events[row.event].name,
                    starts_on=events[row.event].starts_on.isoformat(),
                ),
                revenue=row.revenue,
                direct=row.direct,
                through_advocates=row.through_advocates,
                cost=row.cost,
                roi=None if row.roi is None else round(row.roi, 4),
                clients=row.clients,
                currency=row.currency,
            )
            for row in report.events
        ],
        sources=SourcesView(
            clients_through_advocates=report.sources.clients_through_advocates,
            direct_clients=report.sources.direct_clients,
            share_through_advocates=report.sources.share_through_advocates,
            won_through_advocates=[
                Money(amount=v, currency=c) for c, v in report.sources.won.items()
            ],
            referrals_given=report.sources.given,
        ),
        funnel=FunnelView(
            met=report.funnel.met,
            advocates=report.funnel.advocates,
            referrals=report.funnel.referrals,
            won=report.funnel.won,
            lost=report.funnel.lost,
            rates=report.funnel.rates,
            median_days_to_first_referral=report.funnel.median_days_to_first_referral,
        ),
        concentration=ConcentrationView(
            top_20_percent=[TopShareView(**vars(t)) for t in report.top_share],
            clients_per_advocate=ClientsPerAdvocateView(**vars(report.clients_per_advocate)),
        ),
    )
